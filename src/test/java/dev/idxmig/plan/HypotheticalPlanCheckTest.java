package dev.idxmig.plan;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.HypotheticalIndexes;
import dev.idxmig.testing.Extensions;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * plan-check on HypoPG's hypothetical indexes, judged by the same service as the real plans: a partial index on a
 * boolean is chosen hypothetically as it is for real, and a check that depends on an index HypoPG cannot model
 * (GIN in 1.3.1) is skipped, never failed or passed, while the checks it cannot turn are judged.
 */
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
class HypotheticalPlanCheckTest {
    private static final String UNREAD = "CREATE INDEX idx_notifications_unread ON notifications "
            + "(recipient_id, is_read, created_at DESC) WHERE is_read = FALSE";
    private static final String BODY = "CREATE INDEX idx_notifications_body ON notifications "
            + "USING gin (to_tsvector('simple', body))";

    @TempDir
    Path dir;

    /** A seed-like inbox: 100,000 notifications of 20,000 recipients, 90% read; recipient 12345 has 100. */
    private static void notifications(PgDatabase db) {
        db.execute("CREATE TABLE notifications (id bigserial PRIMARY KEY, recipient_id int NOT NULL, "
                        + "is_read boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL, body text)",
                "INSERT INTO notifications (recipient_id, is_read, created_at, body) SELECT g % 20000, g % 10 <> 0, "
                        + "timestamptz '2026-01-01' - g * interval '1 minute', 'hello ' || g "
                        + "FROM generate_series(1, 100000) g WHERE g % 20000 <> 12345",
                "INSERT INTO notifications (recipient_id, is_read, created_at, body) SELECT 12345, g % 3 = 0, "
                        + "timestamptz '2026-01-01' - g * interval '1 minute', 'x' FROM generate_series(1, 100) g",
                "CREATE TABLE users (id int PRIMARY KEY, name text)",
                "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 10000) g",
                "ANALYZE");
    }

    private ChecksFile checks(String yaml) throws Exception {
        Path file = dir.resolve("checks.yaml");
        Files.writeString(file, yaml);
        return ChecksFile.load(file);
    }

    private static Database open(PgDatabase db) {
        return Database.open(new ConnectionSettings(db.jdbcUrl(), Optional.of(db.user()), Optional.empty()),
                Optional.of("public"));
    }

    private static PlanCheckOptions chosen(String... only) {
        return new PlanCheckOptions(PlanCheckMode.CHOSEN, false, List.of(only));
    }

    @Test
    void aPartialIndexOnBooleanEqualsFalseIsChosenHypotheticallyAsItIsForReal(PgDatabase db) throws Exception {
        Extensions.requireHypopg(db);
        notifications(db);
        ChecksFile file = checks("""
                checks:
                  - name: unread notifications of a recipient
                    sql: SELECT * FROM notifications WHERE recipient_id = 12345 AND is_read = FALSE
                         ORDER BY created_at DESC LIMIT 20
                    expect: {uses_index: idx_notifications_unread}
                """);
        PlanOutcome hypothetical;
        try (Database database = open(db); Connection c = database.connect()) {
            HypotheticalIndexes hypo = database.dialect().hypotheticalIndexes().orElseThrow();
            hypo.require(c, "public");
            try {
                String planName = hypo.create(c, UNREAD);
                Hypothesis h = new Hypothesis("HypoPG", Map.of(planName, "idx_notifications_unread"),
                        Set.of("idx_notifications_unread"), Map.of(), Set.of(), Map.of(), false);
                hypothetical = new PlanCheckService(database, Diagnostics.silent()).check(c, file, chosen(), h)
                        .outcomes().get(0);
            } finally {
                hypo.reset(c);
            }
        }
        db.execute(UNREAD, "ANALYZE notifications");
        PlanOutcome real;
        try (Database database = open(db)) {
            real = new PlanCheckService(database, Diagnostics.silent()).check(file, chosen()).outcomes().get(0);
        }
        assertEquals("pass " + List.of("idx_notifications_unread"), real.status() + " " + real.indexes(),
                real::toString);
        assertEquals("pass " + List.of("idx_notifications_unread"), hypothetical.status() + " "
                + hypothetical.indexes(), hypothetical::toString);
    }

    @Test
    void aCheckThatDependsOnAnIndexHypopgCannotModelIsSkippedWithTheReason(PgDatabase db) throws Exception {
        Extensions.requireHypopg(db);
        notifications(db);
        ChecksFile file = checks("""
                checks:
                  - name: body search names the gin index
                    sql: SELECT id FROM notifications WHERE to_tsvector('simple', body) @@ to_tsquery('simple', 'x')
                    expect: {uses_index: idx_notifications_body}
                  - name: body search on its table
                    sql: SELECT id FROM notifications WHERE to_tsvector('simple', body) @@ to_tsquery('simple', 'x')
                    expect: {no_full_scan: [notifications]}
                  - name: a user by id
                    sql: SELECT name FROM users WHERE id = 7
                    expect: {no_full_scan: [users]}
                  - name: a notification by id, on the gin index's table but about another index
                    sql: SELECT body FROM notifications WHERE id = 7
                    expect: {uses_index: notifications_pkey, no_full_scan: [notifications]}
                """);
        try (Database database = open(db); Connection c = database.connect()) {
            HypotheticalIndexes hypo = database.dialect().hypotheticalIndexes().orElseThrow();
            hypo.require(c, "public");
            try {
                SQLException e = assertThrows(SQLException.class, () -> hypo.create(c, BODY));
                assertEquals(HypotheticalIndexes.UNMODELLED, e.getSQLState());
                assertTrue(e.getMessage().matches("HypoPG [0-9.]+ cannot model a gin index"), e::getMessage);
                Hypothesis h = new Hypothesis("HypoPG", Map.of(), Set.of(), Map.of(), Set.of(),
                        Map.of("idx_notifications_body", new Hypothesis.Unmodelled("V5__body.sql:1", BODY,
                                e.getMessage())), false);
                PlanCheckService service = new PlanCheckService(database, Diagnostics.silent());

                PlanCheckReport report = service.check(c, file, chosen(), h);
                assertEquals(List.of("skipped", "skipped", "pass", "pass"), report.outcomes().stream()
                        .map(PlanOutcome::status).toList(), report::toString);
                assertEquals(Finding.info("plan-check", "body search names the gin index", "skipped: "
                                + e.getMessage() + " (idx_notifications_body, from V5__body.sql:1), which this check "
                                + "names; build it or check after migrate"),
                        report.checks().get(0).findings().get(0));
                assertEquals(Finding.info("plan-check", "body search on its table", "skipped: " + e.getMessage()
                                + " (idx_notifications_body, from V5__body.sql:1) on notifications, which the plan "
                                + "without it reads without an index; build it or check after migrate"),
                        report.checks().get(1).findings().get(0));
                assertTrue(report.passed(), report::toString);
                assertTrue(report.title().endsWith(", 2 of 4 checks skipped (not judged)"), report::title);

                PlanCheckReport none = service.check(c, file, chosen("body search names the gin index",
                        "body search on its table"), h);
                assertTrue(none.passed(), none::toString);
                assertTrue(none.title().endsWith(", nothing judged: all 2 checks skipped"), none::title);
            } finally {
                hypo.reset(c);
            }
        }
    }
}
