package dev.idxmig.shadow;

import java.util.Optional;

/**
 * An index statement of a pending migration, as plan-check --hypothetical needs it.
 *
 * @param index       the index it creates or drops, as the catalog spells it; empty for an unnamed CREATE
 * @param plain       for a CREATE: the statement without CONCURRENTLY and IF NOT EXISTS, which HypoPG accepts
 * @param written     the statement as the migration has it (with placeholders replaced)
 * @param where       the script and line ({@code V5__x.sql:3})
 */
public record PendingIndexChange(Kind kind, Optional<String> index, boolean ifNotExists, String plain, String written,
                                 String where) {

    public enum Kind { CREATE, DROP }
}
