package dev.idxmig.config;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An existing Flyway project's configuration, read when there is no idxmig.yaml. Real files, no mocks. */
@Tag("unit")
class FlywayProjectSettingsTest {
    private static final String TWO_ENVIRONMENTS = """
            [environments.dev]
            url = "jdbc:postgresql://dev-host:5432/app"
            user = "dev_user"
            password = "dev-secret"
            schemas = ["app", "audit"]

            [environments.prod]
            url = "jdbc:postgresql://prod-host:5432/app"
            user = "prod_user"
            password = "prod-secret"

            [flyway]
            environment = "dev"
            locations = ["filesystem:sql"]
            baselineVersion = "3"
            baselineOnMigrate = true

            [flyway.placeholders]
            rows = "1000"
            tenant = "acme"
            """;

    @TempDir
    Path dir;

    @Test
    void tomlWithTwoEnvironmentsReadsTheOneEnvironmentChooses() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), TWO_ENVIRONMENTS);

        ProjectSettings prod = resolve(flags("prod", null), Map.of());
        assertEquals("jdbc:postgresql://prod-host:5432/app", prod.connection().jdbcUrl());
        assertEquals("prod_user", prod.connection().user().orElseThrow());
        assertEquals("prod-secret", prod.connection().password().orElseThrow().reveal());
        assertEquals(List.of("filesystem:sql"), prod.locations());
        assertTrue(prod.source().contains("flyway.toml (environment prod)"), prod.source());
    }

    @Test
    void withoutEnvironmentTheFlywaySectionChoosesElseTheOneNamedDefault() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), TWO_ENVIRONMENTS);
        ProjectSettings dev = resolve(CliOverrides.none(), Map.of());
        assertEquals("jdbc:postgresql://dev-host:5432/app", dev.connection().jdbcUrl());
        assertEquals("app", dev.schema().orElseThrow(), "the first of schemas, where Flyway keeps its history");
        assertEquals(List.of("app", "audit"), dev.flyway().schemas());
        assertEquals(Optional.of("3"), dev.flyway().baselineVersion());
        assertTrue(dev.flyway().baselineOnMigrate());

        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:sqlite:app.db"

                [environments.other]
                url = "jdbc:sqlite:other.db"

                [flyway]
                defaultSchema = "main"
                """);
        ProjectSettings byDefault = resolve(CliOverrides.none(), Map.of());
        assertEquals("jdbc:sqlite:" + dir.resolve("app.db"), byDefault.connection().jdbcUrl());
        assertEquals("main", byDefault.schema().orElseThrow());
        assertEquals(FlywayOptions.DEFAULT_TABLE, byDefault.flyway().table());
        assertEquals(List.of("migrations"), byDefault.locations(), "idxmig's default when Flyway names none");
    }

    @Test
    void anEnvironmentOverridesFlywaySettingsInItsOwnFlywayTable() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:sqlite:app.db"

                [environments.default.flyway]
                locations = ["filesystem:sql/sqlite"]
                table = "app_history"

                [environments.default.flyway.placeholders]
                rows = "10"

                [flyway]
                locations = ["filesystem:sql"]
                table = "shared_history"

                [flyway.placeholders]
                rows = "1000"
                tenant = "acme"
                """);
        ProjectSettings s = resolve(CliOverrides.none(), Map.of());
        assertEquals(List.of("filesystem:sql/sqlite"), s.locations());
        assertEquals("app_history", s.flyway().table());
        assertEquals(Map.of("rows", "10", "tenant", "acme"), s.placeholders());
    }

    @Test
    void flywayUserTomlIsMergedOverFlywayToml() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:postgresql://db:5432/app"
                user = "shared"
                """);
        Files.writeString(dir.resolve("flyway.user.toml"), """
                [environments.default]
                user = "me"
                password = "${env.MY_DB_PASSWORD}"
                """);
        ProjectSettings s = resolve(CliOverrides.none(), Map.of("MY_DB_PASSWORD", "from-env-resolver"));
        assertEquals("jdbc:postgresql://db:5432/app", s.connection().jdbcUrl());
        assertEquals("me", s.connection().user().orElseThrow());
        assertEquals("from-env-resolver", s.connection().password().orElseThrow().reveal());
        assertTrue(s.source().contains("flyway.toml and ") && s.source().contains("flyway.user.toml"), s.source());

        IdxmigException unset = assertThrows(IdxmigException.class, () -> resolve(CliOverrides.none(), Map.of()));
        assertTrue(unset.getMessage().contains("MY_DB_PASSWORD is not set"), unset.getMessage());
    }

    @Test
    void legacyFlywayConfIsReadWhenThereIsNoToml() throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), """
                # Flyway 9 style
                flyway.url=jdbc:postgresql://${DB_HOST}:5432/app
                flyway.user=conf_user
                flyway.password=conf-secret
                flyway.schemas=app,audit
                flyway.defaultSchema=audit
                flyway.locations=filesystem:sql,filesystem:more
                flyway.table=schema_history
                flyway.baselineVersion=2
                flyway.baselineOnMigrate=TRUE
                flyway.placeholders.rows=500
                flyway.cleanDisabled=true
                """);
        ProjectSettings s = resolve(CliOverrides.none(), Map.of("DB_HOST", "conf-host"));
        assertEquals("jdbc:postgresql://conf-host:5432/app", s.connection().jdbcUrl());
        assertEquals("conf_user", s.connection().user().orElseThrow());
        assertEquals("conf-secret", s.connection().password().orElseThrow().reveal());
        assertEquals("audit", s.schema().orElseThrow(), "defaultSchema wins over the first of schemas");
        assertEquals(List.of("app", "audit"), s.flyway().schemas());
        assertEquals(List.of("filesystem:sql", "filesystem:more"), s.locations());
        assertEquals(new FlywayOptions("schema_history", Optional.of("2"), true, List.of("app", "audit")), s.flyway());
        assertEquals(Map.of("rows", "500"), s.placeholders());
        assertTrue(s.source().endsWith("flyway.conf"), s.source());
    }

    @Test
    void tomlIsReadAndConfIgnoredWhenBothExist() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), "[environments.default]\nurl = \"jdbc:sqlite:toml.db\"\n");
        Files.writeString(dir.resolve("flyway.conf"), "flyway.url=jdbc:sqlite:conf.db\nflyway.user=conf_user\n");
        ProjectSettings s = resolve(CliOverrides.none(), Map.of());
        assertEquals("jdbc:sqlite:" + dir.resolve("toml.db"), s.connection().jdbcUrl());
        assertTrue(s.connection().user().isEmpty());
        assertTrue(s.source().contains("flyway.conf: flyway.toml is read instead"), s.source());
    }

    @Test
    void flywayVariablesOverlayFlywayFilesAndIdxmigVariablesOverlayBoth() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), TWO_ENVIRONMENTS);
        Map<String, String> flywayVars = Map.of("FLYWAY_URL", "jdbc:postgresql://var-host:5432/app",
                "FLYWAY_PASSWORD", "var-secret", "FLYWAY_LOCATIONS", "filesystem:a,filesystem:b",
                "FLYWAY_TABLE", "var_history", "FLYWAY_BASELINE_ON_MIGRATE", "false",
                "FLYWAY_PLACEHOLDERS_ROWS", "7", "FLYWAY_DEFAULT_SCHEMA", "audit");
        ProjectSettings s = resolve(CliOverrides.none(), flywayVars);
        assertEquals("jdbc:postgresql://var-host:5432/app", s.connection().jdbcUrl());
        assertEquals("dev_user", s.connection().user().orElseThrow(), "what the variables leave out stays");
        assertEquals("var-secret", s.connection().password().orElseThrow().reveal());
        assertEquals(List.of("filesystem:a", "filesystem:b"), s.locations());
        assertEquals("var_history", s.flyway().table());
        assertFalse(s.flyway().baselineOnMigrate());
        assertEquals("audit", s.schema().orElseThrow());
        assertEquals(Map.of("rows", "7", "tenant", "acme"), s.placeholders(), "FLYWAY_PLACEHOLDERS_ROWS is rows");
        assertTrue(s.source().contains("FLYWAY_* environment variables"), s.source());

        Map<String, String> both = new java.util.HashMap<>(flywayVars);
        both.putAll(Map.of("IDXMIG_URL", "jdbc:postgresql://idxmig-host:5432/app", "IDXMIG_PASSWORD", "idxmig-pw",
                "IDXMIG_SCHEMA", "other"));
        ProjectSettings idxmigWins = resolve(CliOverrides.none(), both);
        assertEquals("jdbc:postgresql://idxmig-host:5432/app", idxmigWins.connection().jdbcUrl());
        assertEquals("idxmig-pw", idxmigWins.connection().password().orElseThrow().reveal());
        assertEquals("other", idxmigWins.schema().orElseThrow());
    }

    @Test
    void flywayVariablesAloneAreAFlywayProjectToo() {
        ProjectSettings s = resolve(CliOverrides.none(), Map.of("FLYWAY_URL", "jdbc:sqlite:vars.db",
                "FLYWAY_BASELINE_VERSION", "5"));
        assertEquals("jdbc:sqlite:" + dir.resolve("vars.db"), s.connection().jdbcUrl());
        assertEquals(Optional.of("5"), s.flyway().baselineVersion());
    }

    @Test
    void idxmigYamlWinsAndFlywayFilesAreNotReadAtAll() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), TWO_ENVIRONMENTS);
        Files.writeString(dir.resolve("idxmig.yaml"), """
                url: jdbc:sqlite:own.db
                table: own_history
                baseline_version: "9"
                baseline_on_migrate: true
                """);
        ProjectSettings s = resolve(CliOverrides.none(), Map.of("FLYWAY_USER", "flyway_user",
                "FLYWAY_PLACEHOLDERS_ROWS", "7"));
        assertEquals("jdbc:sqlite:" + dir.resolve("own.db"), s.connection().jdbcUrl());
        assertTrue(s.connection().user().isEmpty(), "FLYWAY_* belong to Flyway's configuration, not read here");
        assertTrue(s.connection().password().isEmpty());
        assertEquals(List.of("migrations"), s.locations());
        assertEquals(Map.of(), s.placeholders());
        assertEquals(new FlywayOptions("own_history", Optional.of("9"), true, List.of()), s.flyway());
        assertTrue(s.source().contains("idxmig.yaml") && s.source().contains("not read"), s.source());

        IdxmigException e = assertThrows(IdxmigException.class, () -> resolve(flags("prod", null), Map.of()));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().contains("idxmig.yaml"), e.getMessage());
    }

    @Test
    void theTableFlagWinsOverEveryFile() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), "[flyway]\ntable = \"toml_history\"\n");
        assertEquals("toml_history", resolve(CliOverrides.none(), Map.of()).flyway().table());
        assertEquals("flag_history", resolve(flags(null, "flag_history"), Map.of()).flyway().table());
    }

    @Test
    void aTomlSyntaxErrorIsAUsageErrorNamingFileAndLine() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:sqlite:app.db"
                password = "s3cret
                user = "me"
                """);
        IdxmigException e = assertThrows(IdxmigException.class, () -> resolve(CliOverrides.none(), Map.of()));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().startsWith(dir.resolve("flyway.toml") + " line 3:"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), "the parser's message must not echo a password");
    }

    @Test
    void anUnknownEnvironmentNamesTheEnvironmentsThatExist() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), TWO_ENVIRONMENTS);
        IdxmigException e = assertThrows(IdxmigException.class, () -> resolve(flags("staging", null), Map.of()));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().contains("'staging'"), e.getMessage());
        assertEquals(Optional.of("its environments: dev, prod"), e.hint());
    }

    @Test
    void environmentsWithNoneChosenAndNoUrlIsAnErrorNotTheLocalDefault() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.dev]
                url = "jdbc:sqlite:dev.db"
                """);
        IdxmigException e = assertThrows(IdxmigException.class, () -> resolve(CliOverrides.none(), Map.of()));
        assertTrue(e.getMessage().contains("dev") && e.hint().orElseThrow().contains("--environment"),
                e.getMessage());
        assertEquals("jdbc:sqlite:" + dir.resolve("dev.db"),
                resolve(flags("dev", null), Map.of()).connection().jdbcUrl());
    }

    @Test
    void theEnvironmentFlagWithoutFlywayTomlIsAUsageError() {
        IdxmigException e = assertThrows(IdxmigException.class, () -> resolve(flags("dev", null), Map.of()));
        assertEquals(Failure.USAGE, e.failure());
    }

    @Test
    void placeholdersFromFlywayFilesReachTheSettingsAndFlagsWin() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), TWO_ENVIRONMENTS);
        CliOverrides d = new CliOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("rows", "99"), Optional.empty(), Optional.empty());
        assertEquals(Map.of("rows", "99", "tenant", "acme"), resolve(d, Map.of()).placeholders());
    }

    @Test
    void aBadBooleanIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), "flyway.baselineOnMigrate=yes\n");
        IdxmigException e = assertThrows(IdxmigException.class, () -> resolve(CliOverrides.none(), Map.of()));
        assertTrue(e.getMessage().contains("baselineOnMigrate must be true or false"), e.getMessage());
    }

    @Test
    void aResolverIdxmigCannotRunIsAUsageErrorThatNamesNoValue() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:sqlite:app.db"
                password = "${localSecret.db}"
                """);
        IdxmigException e = assertThrows(IdxmigException.class, () -> resolve(CliOverrides.none(), Map.of()));
        assertTrue(e.getMessage().contains("'localSecret' resolver"), e.getMessage());
    }

    @Test
    void passwordsFromFlywayFilesNeverShowInToStringOrTheSourceLine() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), TWO_ENVIRONMENTS);
        ProjectSettings s = resolve(CliOverrides.none(), Map.of());
        assertEquals("dev-secret", s.connection().password().orElseThrow().reveal());
        assertFalse(s.toString().contains("dev-secret"), s.toString());
        assertFalse(s.source().contains("dev-secret"));
        assertEquals("failed for ****", s.connection().masker().mask("failed for dev-secret"));

        FlywayProject project = FlywayProject.load(new Environment(Map.of("FLYWAY_PASSWORD", "var-secret"), dir),
                Optional.empty());
        assertFalse(project.toString().contains("var-secret"), project.toString());
        assertFalse(project.toString().contains("dev-secret"), project.toString());

        Files.writeString(dir.resolve("flyway.toml"), "[environments.default]\nurl = \"jdbc:sqlite:a.db\"\n");
        Files.writeString(dir.resolve("flyway.conf"), "flyway.password=conf-secret\n");
        Files.delete(dir.resolve("flyway.toml"));
        ProjectSettings conf = resolve(CliOverrides.none(), Map.of());
        assertFalse(conf.toString().contains("conf-secret"), conf.toString());
    }

    private ProjectSettings resolve(CliOverrides cli, Map<String, String> variables) {
        return SettingsResolver.resolve(cli, new Environment(variables, dir));
    }

    private static CliOverrides flags(String environment, String table) {
        return new CliOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Optional.ofNullable(environment), Optional.ofNullable(table));
    }
}
