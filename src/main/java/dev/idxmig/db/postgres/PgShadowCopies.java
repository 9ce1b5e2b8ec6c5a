package dev.idxmig.db.postgres;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.JdbcUrl;
import dev.idxmig.db.Database;
import dev.idxmig.db.ShadowPlace;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.ShadowCopies;
import dev.idxmig.db.ShadowCopy;
import dev.idxmig.db.TableRows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL shadow: a scratch database, created by idxmig (beside the target, or where {@code --shadow-url}
 * says), loaded with {@code pg_dump --schema-only} of the target through {@code pg_restore} (every schema,
 * extensions included, no owners or grants), plus Flyway's history rows; dropped when closed. The target is only
 * read: pg_dump takes no lock that blocks writers.
 */
final class PgShadowCopies implements ShadowCopies {
    private final PostgresDialect dialect;

    PgShadowCopies(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public ShadowCopy copy(Database target, ShadowPlace place, boolean statistics, Diagnostics diagnostics) {
        Optional<ConnectionSettings> at = place.at();
        ConnectionSettings source = target.settings();
        String url = at.map(ConnectionSettings::jdbcUrl).orElseGet(() -> besideTarget(source.jdbcUrl()));
        ConnectionSettings shadow = new ConnectionSettings(url, at.flatMap(ConnectionSettings::user)
                .or(source::user), at.flatMap(ConnectionSettings::password).or(source::password));
        String name = dialect.databaseName(url);
        String user = shadow.user().orElse("the user");
        try (Connection admin = admin(target, at, shadow); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + dialect.quote(name) + " TEMPLATE "
                    + dialect.quote(place.template().orElse("template0")));
        } catch (SQLException e) {
            throw createFailure(e, name, user, target, place.template());
        }
        List<String> notes = new ArrayList<>();
        try {
            if (place.template().isEmpty()) {
                load(target, shadow, notes);
            }
            Database copy = Database.open(shadow, Optional.of(target.schema())).withHistoryTable(target.historyTable());
            try (Connection from = target.connect(); Connection to = copy.connect()) {
                if (dialect.tableExists(from, target.schema(), target.historyTable())) {
                    String history = dialect.qualify(target.schema(), target.historyTable());
                    notes.add(TableRows.replace(from, to, history, history) + " history rows");
                }
                if (dialect.tableExists(from, target.schema(), InternalTables.INTENT_LOG)) {
                    // a migration that stopped part-way is resumed by the next migrate, in the shadow as on the target
                    String intents = dialect.qualify(target.schema(), InternalTables.INTENT_LOG);
                    notes.add(TableRows.replace(from, to, intents, intents) + " intent log rows");
                    try (Statement st = to.createStatement()) {
                        st.execute(dialect.sql("shadow_intent_sequence").replace("{table}", intents));
                    }
                }
            } catch (SQLException e) {
                copy.close();
                throw IdxmigException.operation("cannot copy Flyway's history into the shadow database " + name
                        + ": " + target.masker().mask(e.getMessage()), null, e);
            }
            String description = "scratch database " + name + place.template().map(t -> " made from template " + t
                    + " with the history of " + dialect.databaseName(source.jdbcUrl()))
                    .orElse(" from pg_dump --schema-only of " + dialect.databaseName(source.jdbcUrl()))
                    + " (" + String.join(", ", notes) + ")";
            return new ShadowCopy() {
                @Override
                public Database database() {
                    return copy;
                }

                @Override
                public String description() {
                    return description;
                }

                @Override
                public void close() {
                    copy.close();
                    drop(target, at, shadow, name, diagnostics);
                }
            };
        } catch (RuntimeException e) {
            drop(target, at, shadow, name, diagnostics);
            throw e;
        }
    }

    /** The target's URL naming a new database: idxmig_shadow_TARGET_RANDOM, within PostgreSQL's 63 bytes. */
    private String besideTarget(String targetUrl) {
        String base = dialect.databaseName(targetUrl).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "idxmig_shadow_" + (base.length() > 36 ? base.substring(0, 36) : base) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        return JdbcUrl.of(targetUrl).withDatabase(name).map(JdbcUrl::text).orElseThrow(() -> IdxmigException.usage(
                "cannot tell the server from " + targetUrl + " to make a shadow database on",
                "pass --shadow-url jdbc:postgresql://HOST:PORT/NAME"));
    }

    /** A connection that may create and drop the shadow: the target's pool, or the shadow server's postgres db. */
    private Connection admin(Database target, Optional<ConnectionSettings> at, ConnectionSettings shadow)
            throws SQLException {
        if (at.isEmpty()) {
            return target.connect();
        }
        String url = shadow.url().withDatabase("postgres").map(JdbcUrl::text).orElse(shadow.jdbcUrl());
        Properties props = new Properties();
        shadow.user().ifPresent(u -> props.setProperty("user", u));
        shadow.password().ifPresent(p -> props.setProperty("password", p.reveal()));
        props.setProperty("ApplicationName", "idxmig");
        return DriverManager.getConnection(url, props);
    }

    private IdxmigException createFailure(SQLException e, String name, String user, Database target,
                                          Optional<String> template) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        if (template.isPresent() && (state.equals("3D000") || state.equals("55006"))) {
            return IdxmigException.usage("cannot create the shadow database " + name + " from template "
                    + template.get() + ": " + target.masker().mask(e.getMessage()), state.equals("3D000")
                    ? "name an existing database in --shadow-template, on the shadow's server"
                    : "close the other sessions on " + template.get() + ": PostgreSQL copies a template only while "
                    + "nobody is connected to it");
        }
        if (state.equals("42501")) {
            return IdxmigException.usage("cannot create the shadow database " + name + ": " + user
                            + " may not create databases (CREATEDB)",
                    "grant CREATEDB to " + user + ", or pass --shadow-url jdbc:postgresql://HOST:PORT/NAME naming a "
                            + "server where " + user + " may create databases (idxmig creates NAME and drops it after)");
        }
        if (state.equals("42P04")) {
            return IdxmigException.usage("the shadow database " + name + " already exists; idxmig creates the shadow "
                    + "and drops it after, so it never reuses one", "name a database that does not exist in --shadow-url");
        }
        return IdxmigException.operation("cannot create the shadow database " + name + ": "
                + target.masker().mask(e.getMessage()), "check --shadow-url and the server", e);
    }

    private void load(Database target, ConnectionSettings shadow, List<String> notes) {
        int server = PgDumpBackup.serverMajor(target);
        int tool = PgDumpBackup.pgDumpMajor();
        if (tool < server) {
            throw IdxmigException.operation("pg_dump " + tool + " is older than the server (PostgreSQL " + server
                    + ") and cannot dump its schema", "install the client tools of PostgreSQL " + server
                    + " (e.g. postgresql-client-" + server + ") and put them first on PATH", null);
        }
        Path dump;
        try {
            dump = Files.createTempFile("idxmig-shadow-", ".schema.dump");
        } catch (IOException e) {
            throw IdxmigException.operation("cannot make a temporary file for the schema dump: " + e.getMessage(),
                    null, e);
        }
        try {
            List<String> dumpCommand = new ArrayList<>(List.of("pg_dump", "--format=custom", "--schema-only",
                    "--no-password", "--file", dump.toString()));
            dumpCommand.addAll(PgDumpBackup.Target.of(target.settings().jdbcUrl()).args(target.settings().user()));
            PgDumpBackup.Result dumped = PgDumpBackup.run(target, dumpCommand);
            if (dumped.exitCode() != 0) {
                throw IdxmigException.operation("pg_dump --schema-only of the target failed (exit "
                        + dumped.exitCode() + "): " + target.masker().mask(dumped.stderr().strip()),
                        "check the user's rights to read the schema", null);
            }
            List<String> restore = new ArrayList<>(List.of("pg_restore", "--no-owner", "--no-privileges",
                    "--exit-on-error", "--no-password"));
            restore.addAll(PgDumpBackup.Target.of(shadow.jdbcUrl()).args(shadow.user()));
            restore.add(dump.toString());
            PgDumpBackup.Result restored = PgDumpBackup.run(target, restore);
            if (restored.exitCode() != 0) {
                throw IdxmigException.operation("the target's schema does not load into the shadow database: "
                        + target.masker().mask(restored.stderr().strip()),
                        "an extension the schema uses may be missing on the shadow's server; pass --shadow-url", null);
            }
            notes.add("pg_dump " + tool);
        } finally {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException e) {
                // a leftover schema dump in the temporary folder holds no data
            }
        }
    }

    private void drop(Database target, Optional<ConnectionSettings> at, ConnectionSettings shadow, String name,
                      Diagnostics diagnostics) {
        try (Connection admin = admin(target, at, shadow); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + dialect.quote(name) + " WITH (FORCE)");
        } catch (SQLException e) {
            diagnostics.warn("could not drop the shadow database " + name + ": " + target.masker().mask(e.getMessage())
                    + "; drop it by hand");
        }
    }
}
