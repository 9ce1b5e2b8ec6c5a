package dev.idxmig.ledger;

import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.UnhealthyIndex;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What verify and status read of one schema: Flyway's history, the index ledger, the index catalog and the
 * indexes that are not valid, ready or live. Read for one schema, or for many schemas of one database with the
 * same few queries in all (fleet runs), with the same result per schema either way.
 */
public record SchemaState(List<HistoryRow> history, List<LedgerEntry> ledger, CatalogSnapshot catalog,
                          List<UnhealthyIndex> unhealthy) {

    public SchemaState {
        history = List.copyOf(history);
        ledger = List.copyOf(ledger);
        unhealthy = List.copyOf(unhealthy);
    }

    /** The database's schema, read in the order verify always read it: ledger, history, catalog, unhealthy. */
    public static SchemaState read(Database database, Connection c) throws SQLException {
        List<LedgerEntry> ledger = new IndexLedger(database.dialect(), database.schema()).read(c);
        List<HistoryRow> history = new FlywayHistory(database).read(c);
        CatalogSnapshot catalog = database.snapshot(c);
        List<UnhealthyIndex> unhealthy = database.dialect().unhealthyIndexes(c, List.of(database.schema()));
        return new SchemaState(history, ledger, catalog, unhealthy);
    }

    /**
     * Many schemas of the database at once, in the same order as {@link #read}, with five queries in all where
     * the dialect can (which tables exist, the ledgers, the histories, the catalog, the unhealthy indexes), instead
     * of six per schema. Every schema asked for is a key.
     *
     * @param sizes whether the catalog needs index sizes (status shows them; verify does not)
     */
    public static Map<String, SchemaState> readAll(Database database, Connection c, List<String> schemas,
                                                   boolean sizes) throws SQLException {
        Dialect dialect = database.dialect();
        List<String> distinct = schemas.stream().distinct().collect(Collectors.toList());
        String history = database.historyTable();
        Map<String, Set<String>> tables = dialect.existingTables(c, distinct, List.of(InternalTables.LEDGER, history));
        Map<String, List<LedgerEntry>> ledgers = IndexLedger.readAll(dialect, c, having(tables, InternalTables.LEDGER));
        Map<String, List<HistoryRow>> histories = FlywayHistory.readAll(dialect, c, having(tables, history), history);
        Map<String, List<IndexInfo>> indexes = dialect.indexes(c, distinct, sizes, database.internalTables());
        Map<String, List<UnhealthyIndex>> unhealthy = new LinkedHashMap<>();
        for (UnhealthyIndex u : dialect.unhealthyIndexes(c, distinct)) {
            unhealthy.computeIfAbsent(u.schema(), s -> new ArrayList<>()).add(u);
        }
        Map<String, SchemaState> states = new LinkedHashMap<>();
        for (String schema : distinct) {
            states.put(schema, new SchemaState(histories.getOrDefault(schema, List.of()),
                    ledgers.getOrDefault(schema, List.of()),
                    new CatalogSnapshot(indexes.getOrDefault(schema, List.of())),
                    unhealthy.getOrDefault(schema, List.of())));
        }
        return states;
    }

    private static List<String> having(Map<String, Set<String>> tables, String table) {
        return tables.entrySet().stream().filter(e -> e.getValue().contains(table)).map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }
}
