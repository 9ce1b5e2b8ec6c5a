package dev.idxmig.verify;

/**
 * @param deep          also run amcheck on PostgreSQL's B-tree indexes
 * @param failOnPending pending migrations fail the check (CI before a deploy)
 * @param strict        an adopted index (one that stood before idxmig) gone, invalid or changed is an error, not a
 *                      warning
 */
public record VerifyOptions(boolean deep, boolean failOnPending, boolean strict) {
    /**
     * What migrate and rollback check after they changed the schema: the ledger's indexes and the data, without
     * amcheck; pending migrations are no failure and adopted indexes only warn.
     */
    public static VerifyOptions afterChange() {
        return new VerifyOptions(false, false, false);
    }
}
