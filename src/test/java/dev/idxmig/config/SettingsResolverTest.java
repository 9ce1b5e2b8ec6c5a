package dev.idxmig.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class SettingsResolverTest {
    @TempDir
    Path dir;

    @Test
    void withNothingSetTheTargetIsAnSqliteFileInTheWorkingDirectory() {
        ProjectSettings s = SettingsResolver.resolve(CliOverrides.none(), new Environment(Map.of(), dir));
        assertEquals("jdbc:sqlite:" + dir.resolve("idxmig.db"), s.connection().jdbcUrl());
        assertEquals(List.of("migrations"), s.locations());
        assertEquals(Duration.ofSeconds(5), s.lockTimeout());
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFile() throws Exception {
        Files.writeString(dir.resolve("idxmig.yaml"), "url: jdbc:postgresql://file-host/db\nuser: file_user\n"
                + "schema: file_schema\nlock_timeout: 9s\n");
        Environment env = new Environment(Map.of("DATABASE_URL", "postgres://env_user:envpw@env-host/db",
                "IDXMIG_SCHEMA", "env_schema"), dir);

        ProjectSettings fromEnv = SettingsResolver.resolve(CliOverrides.none(), env);
        assertEquals("jdbc:postgresql://env-host:5432/db", fromEnv.connection().jdbcUrl());
        assertEquals("env_user", fromEnv.connection().user().orElseThrow());
        assertEquals("envpw", fromEnv.connection().password().orElseThrow().reveal());
        assertEquals("env_schema", fromEnv.schema().orElseThrow());
        assertEquals(Duration.ofSeconds(9), fromEnv.lockTimeout());

        CliOverrides flags = new CliOverrides(Optional.of("jdbc:postgresql://flag-host/db"), Optional.of("flag_user"),
                Optional.empty(), Optional.empty(), Optional.of("flag_schema"), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("1s"), Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty());
        ProjectSettings fromFlags = SettingsResolver.resolve(flags, env);
        assertEquals("jdbc:postgresql://flag-host/db", fromFlags.connection().jdbcUrl());
        assertEquals("flag_user", fromFlags.connection().user().orElseThrow());
        assertEquals("flag_schema", fromFlags.schema().orElseThrow());
        assertEquals(Duration.ofSeconds(1), fromFlags.lockTimeout());
    }

    @Test
    void passwordSourcesInOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("pw.txt"), "from-file\n");
        Environment env = new Environment(Map.of("MY_PW", "from-named-env", "IDXMIG_PASSWORD", "from-idxmig",
                "PGPASSWORD", "from-pg", "IDXMIG_URL", "jdbc:postgresql://h/db"), dir);
        CliOverrides named = new CliOverrides(Optional.empty(), Optional.empty(), Optional.of("MY_PW"),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
        assertEquals("from-named-env", password(named, env));
        CliOverrides fromFile = new CliOverrides(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(file), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
        assertEquals("from-file", password(fromFile, env));
        assertEquals("from-idxmig", password(CliOverrides.none(), env));
        Environment pgOnly = new Environment(Map.of("PGPASSWORD", "from-pg", "IDXMIG_URL", "jdbc:postgresql://h/d"),
                dir);
        assertEquals("from-pg", password(CliOverrides.none(), pgOnly));
    }

    @Test
    void placeholdersFromTheFileAreOverriddenByFlags() throws Exception {
        Files.writeString(dir.resolve("idxmig.yaml"), "placeholders:\n  rows: \"10\"\n  other: x\n");
        CliOverrides flags = new CliOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("rows", "99"), Optional.empty(), Optional.empty());
        ProjectSettings s = SettingsResolver.resolve(flags, new Environment(Map.of(), dir));
        assertEquals(Map.of("rows", "99", "other", "x"), s.placeholders());
    }

    @Test
    void aDatabasesOwnPasswordVariableIsReadOnlyForItsUrls() {
        Environment sqlite = new Environment(Map.of("PGPASSWORD", "from-pg", "IDXMIG_URL", "jdbc:sqlite:app.db"), dir);
        assertEquals(Optional.empty(), SettingsResolver.resolve(CliOverrides.none(), sqlite, true, POSTGRES_ONLY)
                .connection().password());
        Environment pg = new Environment(Map.of("PGPASSWORD", "from-pg", "IDXMIG_URL", "jdbc:postgresql://h/d"), dir);
        assertEquals(Optional.empty(), SettingsResolver.resolve(CliOverrides.none(), pg).connection().password(),
                "no dialect's variables: only idxmig's own are read");
    }

    /** What the PostgreSQL dialect says, without the db layer: config only sees the list. */
    private static final VendorPasswordVariables POSTGRES_ONLY =
            url -> url.is("postgresql") ? List.of("PGPASSWORD") : List.of();

    private static String password(CliOverrides cli, Environment env) {
        return SettingsResolver.resolve(cli, env, true, POSTGRES_ONLY).connection().password().orElseThrow().reveal();
    }
}
