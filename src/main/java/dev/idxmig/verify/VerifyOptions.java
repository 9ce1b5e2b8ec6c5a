package dev.idxmig.verify;

/**
 * @param deep          also run amcheck on PostgreSQL's B-tree indexes
 * @param failOnPending pending migrations fail the check (CI before a deploy)
 * @param strict        an adopted index (one that stood before idxmig) gone, invalid or changed is an error, not a
 *                      warning
 */
public record VerifyOptions(boolean deep, boolean failOnPending, boolean strict) {
    public VerifyOptions(boolean deep, boolean failOnPending) {
        this(deep, failOnPending, false);
    }
}
