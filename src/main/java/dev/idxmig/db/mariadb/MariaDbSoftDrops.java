package dev.idxmig.db.mariadb;

import dev.idxmig.db.SoftDrops;

/**
 * MariaDB's soft drops (10.6+): {@code ALTER TABLE t ALTER INDEX i IGNORED}, metadata only, with
 * {@code ALGORITHM=INSTANT} asserted (any index form, FULLTEXT and SPATIAL included, even on a MEMORY table, whose
 * indexes cannot be dropped online). The canonical definition of an ignored index ends in {@code IGNORED}
 * ({@link IndexDefinitions}).
 */
final class MariaDbSoftDrops implements SoftDrops {
    private static final String SUFFIX = " IGNORED";

    @Override
    public String ignore(String schema, String table, String index) {
        return alter(schema, table, index, "IGNORED");
    }

    @Override
    public String restore(String schema, String table, String index) {
        return alter(schema, table, index, "NOT IGNORED");
    }

    private static String alter(String schema, String table, String index, String visibility) {
        String name = index.startsWith(table + ".") ? index.substring(table.length() + 1) : index;
        return "ALTER TABLE " + IndexDefinitions.quote(schema) + "." + IndexDefinitions.quote(table) + " ALTER INDEX " + IndexDefinitions.quote(name) + " "
                + visibility + ", ALGORITHM=INSTANT";
    }

    @Override
    public boolean ignored(String definition) {
        return definition.endsWith(SUFFIX);
    }

    @Override
    public String unignored(String definition) {
        return ignored(definition) ? definition.substring(0, definition.length() - SUFFIX.length()) : definition;
    }

    @Override
    public String word() {
        return "IGNORED";
    }
}
