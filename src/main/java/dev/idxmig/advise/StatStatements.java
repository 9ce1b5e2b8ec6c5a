package dev.idxmig.advise;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workload as pg_stat_statements measured it: the statements that took the most time, with their calls and
 * mean time. Their constants are normalised away ({@code $1}); each is planned with the values of a matching sample
 * query when one was given, else as a generic plan (PostgreSQL 15: PREPARE, {@code plan_cache_mode =
 * force_generic_plan}, EXPLAIN EXECUTE with NULLs, in a transaction rolled back). When the extension is not loaded
 * or not created, a note says which and how to fix it, and the other sources stand alone.
 */
final class StatStatements {
    static final String SOURCE = "pg_stat_statements";
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private final Database db;
    private final Diagnostics diagnostics;

    StatStatements(Database db, Diagnostics diagnostics) {
        this.db = db;
        this.diagnostics = diagnostics;
    }

    List<WorkloadQuery> top(Connection c, AdviseRequest request, List<String> notes) throws SQLException {
        if (!db.dialect().hasStatementStatistics()) {
            return List.of(); // SQLite: the workload is the queries and checks files, as documented
        }
        Optional<String> schema = usable(c, notes);
        if (schema.isEmpty()) {
            return List.of();
        }
        List<WorkloadQuery> out = new ArrayList<>();
        String sql = db.dialect().sql("stat_statements_top").replace("{schema}", db.dialect().quote(schema.get()));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, request.minCalls());
            ps.setInt(2, request.top());
            try (ResultSet rs = ps.executeQuery()) {
                int rank = 0;
                while (rs.next()) {
                    rank++;
                    out.add(query(rank, rs.getString("query"), rs.getLong("calls"), rs.getDouble("mean_exec_time"),
                            request.samples()));
                }
            }
        }
        diagnostics.detail("pg_stat_statements: " + out.size() + " statements (top " + request.top()
                + " by total time, at least " + request.minCalls() + " calls)");
        if (out.isEmpty()) {
            notes.add("pg_stat_statements: no statement of this database with at least " + request.minCalls()
                    + " calls");
        }
        return out;
    }

    /** The extension's schema, or empty with a note saying what is missing and how to fix it. */
    private Optional<String> usable(Connection c, List<String> notes) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(db.dialect()
                .sql("stat_statements_status"))) {
            rs.next();
            String database = rs.getString("database");
            if (!rs.getBoolean("loaded")) {
                notes.add("pg_stat_statements is not loaded: add it to shared_preload_libraries in postgresql.conf "
                        + "and restart the server" + (rs.getBoolean("available") ? ""
                        : " (install the postgresql-contrib package first)") + ", then CREATE EXTENSION "
                        + "pg_stat_statements; in database " + database + "; advised from the other sources");
                return Optional.empty();
            }
            String schema = rs.getString("extension_schema");
            if (schema == null) {
                notes.add("pg_stat_statements is loaded but not created in database " + database + ": run CREATE "
                        + "EXTENSION pg_stat_statements; there (idxmig does not, it only reads the target); advised "
                        + "from the other sources");
                return Optional.empty();
            }
            return Optional.of(schema);
        }
    }

    private static WorkloadQuery query(int rank, String normalised, long calls, double meanMs,
                                       List<WorkloadQuery> samples) {
        String name = SOURCE + " #" + rank;
        Optional<WorkloadQuery> sample = samples.stream().filter(s -> matches(normalised, s.sql())).findFirst();
        if (sample.isPresent()) {
            return new WorkloadQuery(name, name + " (sample " + sample.get().name() + ")", SOURCE,
                    sample.get().sql(), List.of(), false, OptionalDouble.of(meanMs), OptionalLong.of(calls));
        }
        int parameters = 0;
        Matcher m = PARAMETER.matcher(normalised);
        while (m.find()) {
            parameters = Math.max(parameters, Integer.parseInt(m.group(1)));
        }
        return new WorkloadQuery(name, name, SOURCE, normalised, Collections.nCopies(parameters, null),
                parameters > 0, OptionalDouble.of(meanMs), OptionalLong.of(calls));
    }

    /** Whether a sample query is the normalised one with constants in place of {@code $1, $2...}. */
    static boolean matches(String normalised, String sample) {
        StringBuilder regex = new StringBuilder("(?is)\\s*");
        Matcher m = PARAMETER.matcher(normalised);
        int last = 0;
        while (m.find()) {
            regex.append(words(normalised.substring(last, m.start()))).append("(?:'(?:[^']|'')*'|[^\\s,)]+)");
            last = m.end();
        }
        regex.append(words(normalised.substring(last))).append("\\s*;?\\s*");
        return sample.matches(regex.toString());
    }

    private static String words(String text) {
        StringBuilder out = new StringBuilder();
        for (String part : text.strip().split("\\s+", -1)) {
            if (!part.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\\s+").append(Pattern.quote(part));
            }
        }
        return text.isBlank() ? "\\s*" : "\\s*" + out + "\\s*";
    }
}
