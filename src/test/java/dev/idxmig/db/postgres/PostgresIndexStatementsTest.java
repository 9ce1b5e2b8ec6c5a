package dev.idxmig.db.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class PostgresIndexStatementsTest {
    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void createIndexStatementBuildsConcurrentlyFromTheCanonicalDefinition() {
        assertEquals("CREATE INDEX CONCURRENTLY idx_a ON public.t USING btree (a)",
                dialect.onlineCreate("CREATE INDEX idx_a ON public.t USING btree (a)"));
        assertEquals("CREATE UNIQUE INDEX CONCURRENTLY \"Odd name\" ON public.t USING btree (lower(e))",
                dialect.onlineCreate("CREATE UNIQUE INDEX \"Odd name\" ON public.t USING btree (lower(e))"));
        assertEquals("CREATE INDEX CONCURRENTLY idx_b ON public.t (b)",
                dialect.onlineCreate("CREATE INDEX CONCURRENTLY idx_b ON public.t (b)"), "never twice");
    }

    @Test
    void dropIndexStatementIsConcurrentQualifiedAndQuoted() {
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS \"tenant\".\"idx \"\"x\"\"\"",
                dialect.onlineDrop("tenant", "idx \"x\""));
    }

    @Test
    void pgDumpTargetComesFromTheJdbcUrlWithoutThePassword() {
        assertEquals(List.of("--host", "db.example", "--port", "6432", "--username", "app", "--dbname", "shop"),
                PgDumpBackup.Target.of("jdbc:postgresql://db.example:6432/shop?sslmode=require")
                        .args(java.util.Optional.of("app")));
        assertEquals(List.of("--host", "localhost", "--port", "5432", "--dbname", "shop"),
                PgDumpBackup.Target.of("jdbc:postgresql:shop").args(java.util.Optional.empty()));
    }
}
