package dev.idxmig.doctor;

import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.db.Database;
import dev.idxmig.testing.PgDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Runs the doctor service on a database a test built, in the schema it names, and picks out one check's findings:
 * service-level tests compare these records rather than the text of a report.
 */
final class DoctorFixture {
    /** The two schemas every PostgreSQL check test runs in. */
    static final String[] SCHEMAS = {"public", "tenant_a"};

    private DoctorFixture() {
    }

    /** Runs statements with {@code %1$s} standing for the schema (created first when not public). */
    static void build(PgDatabase db, String schema, String... statements) {
        db.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        for (String sql : statements) {
            db.execute(String.format(sql, schema));
        }
    }

    /** The same tables in another schema, so a check that leaks across schemas shows it. */
    static void decoy(PgDatabase db, String schema, String... statements) {
        build(db, schema.equals("public") ? "tenant_b" : "public", statements);
    }

    static DoctorReport examine(PgDatabase db, String schema) {
        ConnectionSettings settings = new ConnectionSettings(db.jdbcUrl(), Optional.of(db.user()), Optional.empty());
        try (Database database = Database.open(settings, Optional.of(schema))) {
            return new DoctorService(database, Diagnostics.silent()).examine();
        }
    }

    static void sqlite(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    static DoctorReport examine(Path sqliteFile) {
        ConnectionSettings settings = new ConnectionSettings("jdbc:sqlite:" + sqliteFile, Optional.empty(),
                Optional.empty());
        try (Database database = Database.open(settings, Optional.empty())) {
            return new DoctorService(database, Diagnostics.silent()).examine();
        }
    }

    /** The findings of one check; empty when the check found nothing (or does not apply). */
    static List<Finding> findings(DoctorReport report, String check) {
        return report.checks().stream().filter(c -> c.name().equals(check)).findFirst()
                .map(CheckResult::findings).orElse(List.of());
    }

    static Finding error(String check, String object, String message, String hint) {
        return Finding.error(check, object, message, hint);
    }

    static Finding warning(String check, String object, String message, String hint) {
        return Finding.warning(check, object, message, hint);
    }
}
