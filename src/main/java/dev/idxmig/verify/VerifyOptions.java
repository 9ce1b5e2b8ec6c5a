package dev.idxmig.verify;

/**
 * @param deep          also run amcheck on PostgreSQL's B-tree indexes
 * @param failOnPending pending migrations fail the check (CI before a deploy)
 * @param history       validate Flyway's history (off right after a migrate, which just validated it)
 */
public record VerifyOptions(boolean deep, boolean failOnPending, boolean history) {
}
