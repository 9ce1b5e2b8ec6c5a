package dev.idxmig.verify;

/**
 * @param deep          also run amcheck on PostgreSQL's B-tree indexes
 * @param failOnPending pending migrations fail the check (CI before a deploy)
 */
public record VerifyOptions(boolean deep, boolean failOnPending) {
}
