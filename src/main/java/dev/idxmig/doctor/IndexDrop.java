package dev.idxmig.doctor;

/**
 * An index doctor would drop, with the statement that drops it and why, for {@code --write-migration}.
 *
 * @param statement the complete statement, e.g. {@code DROP INDEX CONCURRENTLY IF EXISTS public.idx_x;}
 * @param reason    one line a reviewer reads above the statement
 */
public record IndexDrop(String schema, String table, String index, String statement, String reason) {
}
