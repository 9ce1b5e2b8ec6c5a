package dev.idxmig.lint;

import dev.idxmig.db.Database;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.StatementKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tables are partitioned, and which indexes belong to them: from the scripts ({@code CREATE TABLE ...
 * PARTITION BY}, an index created on such a table) and, when lint is connected, from the live catalog for the
 * tables and indexes the scripts do not create.
 */
final class PartitionedTables {
    private final Set<String> declared = new HashSet<>();
    private final Map<String, String> indexTables = new HashMap<>();
    private final Optional<LiveSchema> live;
    private final Map<String, Optional<String>> liveAnswers = new HashMap<>();

    private PartitionedTables(Optional<LiveSchema> live) {
        this.live = live;
    }

    static PartitionedTables of(LintContext context) {
        PartitionedTables known = new PartitionedTables(context.live());
        for (LintScript script : context.history()) {
            for (ParsedStatement s : script.statements()) {
                if (s.kind() == StatementKind.CREATE_TABLE && s.table().isPresent() && partitionBy(s)) {
                    known.declared.add(s.table().get());
                }
                s.index().ifPresent(ix -> known.indexTables.put(ix.name(), ix.table()));
            }
        }
        context.live().ifPresent(l -> l.indexes().forEach(ix -> known.indexTables.putIfAbsent(ix.name(), ix.table())));
        return known;
    }

    /** {@code PARTITION BY} in a CREATE TABLE: a partitioned table (a partition of one can be one itself). */
    private static boolean partitionBy(ParsedStatement s) {
        for (int i = 0; i + 1 < s.tokens().size(); i++) {
            if (s.tokens().get(i).is("partition") && s.tokens().get(i + 1).is("by")) {
                return true;
            }
        }
        return false;
    }

    boolean table(String table) {
        return declared.contains(table) || live("table " + table, (b, c, schema) -> b.table(c, schema, table)
                .filter(IndexBuilds.Table::partitioned).map(t -> table)).isPresent();
    }

    /** The partitioned table an index belongs to, if it is one. */
    Optional<String> tableOfIndex(String index) {
        String table = indexTables.get(index);
        if (table != null) {
            return table(table) ? Optional.of(table) : Optional.empty();
        }
        return live("index " + index, (b, c, schema) -> b.tableOfIndex(c, schema, index)
                .filter(IndexBuilds.Table::partitioned).map(IndexBuilds.Table::name));
    }

    private interface Lookup {
        Optional<String> ask(IndexBuilds builds, Connection c, String schema) throws SQLException;
    }

    /** What the live catalog says, asked once per key; nothing when lint is offline or cannot read it. */
    private Optional<String> live(String key, Lookup lookup) {
        if (live.isEmpty()) {
            return Optional.empty();
        }
        return liveAnswers.computeIfAbsent(key, k -> {
            Database db = live.get().database();
            Optional<IndexBuilds> builds = db.dialect().indexBuilds();
            if (builds.isEmpty()) {
                return Optional.empty();
            }
            try (Connection c = db.connect()) {
                return lookup.ask(builds.get(), c, db.schema());
            } catch (SQLException e) {
                return Optional.empty(); // lint reads; what it cannot read it does not claim
            }
        });
    }
}
