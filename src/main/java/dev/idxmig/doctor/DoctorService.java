package dev.idxmig.doctor;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.QuerySource;
import dev.idxmig.db.SqlResource;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the doctor checks on the live database: each check's query, bound to the schema and internal tables, its
 * rows mapped into findings. Read-only: it never changes the database.
 */
public final class DoctorService {
    /** Errors first, the informational size list last: the order the report shows. */
    static final List<DoctorCheck> CHECKS = List.of(
            new InvalidIndexes(),
            new ForeignKeysWithoutIndex(),
            new DuplicateIndexes(),
            new RedundantIndexes(),
            new UnusedIndexes(),
            new BooleanIndexes(),
            new SoftDroppedIndexes(),
            new IndexSizes());

    private final Database db;
    private final Diagnostics diagnostics;

    public DoctorService(Database db, Diagnostics diagnostics) {
        this.db = db;
        this.diagnostics = diagnostics;
    }

    public DoctorReport examine() {
        Dialect dialect = db.dialect();
        List<CheckResult> results = new ArrayList<>();
        Map<String, IndexDrop> drops = new LinkedHashMap<>();
        try (Connection c = db.connect()) {
            requireSchema(c);
            Map<String, Optional<Row>> contexts = new HashMap<>();
            for (DoctorCheck check : CHECKS) {
                if (SqlResource.exists(dialect.id(), check.query()) && !needsMissingLedger(c, check)) {
                    QuerySource source = dialect.querySource(c, check.query());
                    results.add(source.resource().isPresent()
                            ? run(c, check, source.resource().get(), contexts, drops)
                            : notChecked(check, source));
                } else {
                    diagnostics.detail("doctor: " + check.id() + " does not apply to " + dialect.displayName() + ": "
                            + dialect.unsupportedQueries().getOrDefault(check.query(), "no query for it"));
                }
            }
        } catch (SQLException e) {
            throw IdxmigException.operation("doctor cannot read the catalog: " + db.masker().mask(e.getMessage()),
                    "check that the user may read the system catalogs and statistics views", e);
        }
        return new DoctorReport("doctor " + db.productVersion() + ", schema " + db.schema(), results,
                new ArrayList<>(drops.values()));
    }

    /**
     * A check the server cannot answer as it is set up (no index usage counted): one informational finding saying
     * why and how to turn the statistics on, rather than an empty, falsely healthy result.
     */
    private CheckResult notChecked(DoctorCheck check, QuerySource source) {
        diagnostics.detail("doctor: " + check.id() + " not checked: " + source.why());
        return new CheckResult(check.id(), List.of(new Finding(check.id(), Severity.INFO, source.what(),
                "not checked: " + source.why(), Optional.of(source.hint()))), List.of(), 0);
    }

    /** Runs one check; adds what it would drop to {@code drops}, merging the reasons of an index found twice. */
    private CheckResult run(Connection c, DoctorCheck check, String resource, Map<String, Optional<Row>> contexts,
                            Map<String, IndexDrop> drops) throws SQLException {
        Dialect dialect = db.dialect();
        long start = System.nanoTime();
        Optional<Row> context = Optional.empty();
        Optional<String> contextQuery = check.contextQuery().filter(q -> SqlResource.exists(dialect.id(), q));
        if (contextQuery.isPresent()) {
            contextQuery = dialect.querySource(c, contextQuery.get()).resource();
        }
        if (contextQuery.isPresent()) {
            if (!contexts.containsKey(contextQuery.get())) {
                contexts.put(contextQuery.get(), rows(c, dialect.sql(contextQuery.get()), List.of()).stream()
                        .findFirst());
            }
            context = contexts.get(contextQuery.get());
        }
        List<Row> rows = rows(c, dialect.sql(resource).replace(LEDGER, dialect.qualify(db.schema(),
                db.internalTables().ledger())), dialect.catalogParameters(db.schema(), db.internalTables()));
        List<Finding> findings = new ArrayList<>();
        for (Row row : rows) {
            findings.add(check.finding(row, context));
            check.drop(row, context).ifPresent(d -> drops.merge(d.schema() + "." + d.index(), d,
                    (first, next) -> new IndexDrop(first.schema(), first.table(), first.index(), first.statement(),
                            first.reason() + "; " + next.reason())));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        diagnostics.detail("doctor: " + check.id() + " found " + rows.size() + " in " + ms + " ms");
        return new CheckResult(check.id(), findings, check.details(rows, context), ms);
    }

    /** Where a check's query reads idxmig's ledger by name: its qualified name goes there. */
    private static final String LEDGER = "{ledger}";

    /** Whether the check reads the ledger ({@value #LEDGER}) and there is none yet: then it is passed over. */
    private boolean needsMissingLedger(Connection c, DoctorCheck check) throws SQLException {
        if (!db.dialect().sql(check.query()).contains(LEDGER)
                || db.dialect().tableExists(c, db.schema(), db.internalTables().ledger())) {
            return false;
        }
        diagnostics.detail("doctor: " + check.id() + " passed over: schema " + db.schema() + " has no idxmig ledger");
        return true;
    }

    /** A schema that does not exist would give an empty, falsely healthy report: a usage error instead. */
    private void requireSchema(Connection c) throws SQLException {
        String pattern = db.dialect().schemaPattern(db.schema());
        if (pattern == null) {
            // no schemas in JDBC's metadata (SQLite; MariaDB, whose databases are catalogs there): the dialect's list
            if (db.dialect().schemas(c).contains(db.schema())) {
                return;
            }
            throw IdxmigException.usage("schema " + db.schema() + " does not exist in this database",
                    "check --schema (or 'schema' in idxmig.yaml)");
        }
        try (ResultSet rs = c.getMetaData().getSchemas(null, pattern)) {
            while (rs.next()) {
                if (rs.getString("TABLE_SCHEM").equals(db.schema())) {
                    return;
                }
            }
        }
        throw IdxmigException.usage("schema " + db.schema() + " does not exist in this database",
                "check --schema (or 'schema' in idxmig.yaml); schema names are case-sensitive");
    }

    static List<Row> rows(Connection c, String sql, List<String> parameters) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        values.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(new Row(values));
                }
            }
        }
        return rows;
    }
}
