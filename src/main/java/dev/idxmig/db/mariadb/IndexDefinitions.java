package dev.idxmig.db.mariadb;

import dev.idxmig.db.IndexConstraint;
import dev.idxmig.db.IndexInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * MariaDB's indexes as idxmig's catalog: one canonical {@code CREATE INDEX} text per index, rebuilt from its key
 * parts, since MariaDB prints no definition of an index alone ({@code SHOW CREATE TABLE} prints the table). The
 * text always has the same form, so two snapshots of an unchanged index print it alike:
 * {@code CREATE [UNIQUE |FULLTEXT |SPATIAL ]INDEX `name` ON `table` (`col`(prefix) [DESC], ...)
 * [USING BTREE|HASH][ COMMENT '...'][ IGNORED]}, which MariaDB runs as written (a primary key's is the
 * {@code ALTER TABLE ... ADD PRIMARY KEY} that makes it).
 * <p>
 * Index names are unique per table on MariaDB, not per database, and every table's primary key is called
 * {@code PRIMARY}: the primary key is named {@code table.PRIMARY} here, so names stay unique within a snapshot, and
 * stands behind its constraint ({@code PRIMARY KEY (`id`)}). Two plain indexes of one name on two tables would still
 * collide; the second is named {@code table.name} likewise.
 */
final class IndexDefinitions {
    /** The name MariaDB gives every primary key. */
    static final String PRIMARY = "PRIMARY";

    private IndexDefinitions() {
    }

    /** The indexes of the key parts (in table, index, key order), in that order, without sizes. */
    static List<IndexInfo> indexes(String schema, List<KeyPart> parts) {
        return indexes(schema, parts, Map.of());
    }

    /** The same, with each index's size where {@code sizes} ("table.index" to bytes) has it. */
    static List<IndexInfo> indexes(String schema, List<KeyPart> parts, Map<String, Long> sizes) {
        Map<String, List<KeyPart>> byIndex = new LinkedHashMap<>();
        for (KeyPart part : parts) {
            byIndex.computeIfAbsent(part.table() + "\u0000" + part.index(), k -> new ArrayList<>()).add(part);
        }
        List<IndexInfo> indexes = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (List<KeyPart> index : byIndex.values()) {
            KeyPart first = index.get(0);
            boolean primary = PRIMARY.equals(first.index());
            String name = primary || names.contains(first.index()) ? first.table() + "." + first.index()
                    : first.index();
            names.add(name);
            Optional<IndexConstraint> constraint = primary ? Optional.of(new IndexConstraint(name,
                    IndexConstraint.Kind.PRIMARY_KEY, "PRIMARY KEY " + keyList(index))) : Optional.empty();
            Long size = sizes.get(first.table() + "." + first.index());
            indexes.add(new IndexInfo(schema, first.table(), name, definition(index),
                    first.type().toLowerCase(Locale.ROOT), first.unique(), false, true, true,
                    size == null ? OptionalLong.empty() : OptionalLong.of(size), constraint));
        }
        return indexes;
    }

    /**
     * The canonical CREATE INDEX text of one index's key parts; a primary key's is {@code ALTER TABLE `t` ADD
     * PRIMARY KEY (...) USING BTREE} (no CREATE INDEX makes one).
     */
    static String definition(List<KeyPart> index) {
        KeyPart first = index.get(0);
        if (PRIMARY.equals(first.index())) {
            return "ALTER TABLE " + quote(first.table()) + " ADD PRIMARY KEY " + keyList(index) + " USING "
                    + first.type();
        }
        String kind = switch (first.type()) {
            case "FULLTEXT" -> "FULLTEXT ";
            case "SPATIAL" -> "SPATIAL ";
            default -> first.unique() ? "UNIQUE " : "";
        };
        StringBuilder sql = new StringBuilder("CREATE ").append(kind).append("INDEX ").append(quote(first.index()))
                .append(" ON ").append(quote(first.table())).append(' ').append(keyList(index));
        if (first.type().equals("BTREE") || first.type().equals("HASH")) {
            sql.append(" USING ").append(first.type());
        }
        first.comment().filter(c -> !c.isEmpty()).ifPresent(c -> sql.append(" COMMENT ").append(literal(c)));
        if (first.ignored()) {
            sql.append(" IGNORED");
        }
        return sql.toString();
    }

    /** {@code (`a`(10), `b` DESC)}. */
    static String keyList(List<KeyPart> index) {
        // a SPATIAL key part reports SUB_PART 32 (the geometry's MBR), which CREATE SPATIAL INDEX does not take
        return index.stream().map(p -> quote(p.column())
                        + (p.prefix().isPresent() && !p.type().equals("SPATIAL") ? "(" + p.prefix().getAsInt() + ")"
                        : "")
                        + (p.descending() ? " DESC" : ""))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** The index's name in MariaDB: {@code PRIMARY} for {@code table.PRIMARY}, the name itself otherwise. */
    static String serverName(IndexInfo index) {
        String prefix = index.table() + ".";
        return index.name().startsWith(prefix) ? index.name().substring(prefix.length()) : index.name();
    }
}
