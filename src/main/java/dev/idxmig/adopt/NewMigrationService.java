package dev.idxmig.adopt;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code idxmig new}: writes the next migration in the first location, numbered after the highest version on disk
 * and in the history (or a timestamp), with a header comment; where the database builds indexes online outside a
 * transaction (PostgreSQL), the {@code .sql.conf} sidecar that lets {@code CONCURRENTLY} run. With an index: its
 * statement, an undo script and a stub in the checks file. Never overwrites a file.
 */
public final class NewMigrationService {
    private static final Pattern DESCRIPTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _-]*");

    private final ProjectSettings settings;
    private final String vendor;
    private final Optional<String> onlineConfig;
    private final Diagnostics diagnostics;

    /**
     * @param vendor       the dialect's id, for {@code {vendor}} in locations
     * @param onlineConfig the sidecar content an online index migration needs on this database (empty: none)
     */
    public NewMigrationService(ProjectSettings settings, String vendor, Optional<String> onlineConfig,
                               Diagnostics diagnostics) {
        this.settings = settings;
        this.vendor = vendor;
        this.onlineConfig = onlineConfig;
        this.diagnostics = diagnostics;
    }

    /** Checks the description before anything else (and before any connection); returns it as a file name part. */
    public static String fileNamePart(String description) {
        String d = description.strip();
        if (!DESCRIPTION.matcher(d).matches() || d.length() > 100) {
            throw IdxmigException.usage("description '" + description + "' cannot be part of a file name",
                    "use letters, digits, spaces, '_' and '-' (at most 100), e.g. idxmig new \"orders by customer\"");
        }
        return d.replaceAll("[ -]+", "_").replaceAll("_+", "_");
    }

    /**
     * @param applied the highest version applied to the target, when it could be read
     */
    public NewMigrationReport write(NewMigrationRequest request, Optional<Version> applied) {
        Optional<IndexSpec> index = request.index().map(IndexSpec::parse);
        return write(request, applied, index.map(i -> new Statement(i.name(), i.definitionTail())),
                index.map(NewMigrationService::stub), "check stub", "new");
    }

    /**
     * The migration of one index whose name and statement are already decided ({@code advise}): the index's
     * {@code CREATE INDEX} tail ({@code orders (customer_id) INCLUDE (total) WHERE status = 'open'}), the sidecar
     * where the database builds online, the undo script, and the given entries (items of the {@code checks:} list,
     * as YAML) appended to the checks file, or the file created with them.
     */
    public NewMigrationReport writeIndex(String description, String name, String definitionTail, String checkEntries,
                                         Optional<Version> applied) {
        return write(new NewMigrationRequest(description, false, Optional.empty(), Optional.empty()), applied,
                Optional.of(new Statement(name, definitionTail)), Optional.of(checkEntries), "checks", "advise");
    }

    /** The index a migration creates: its name and what follows {@code ON}. */
    private record Statement(String name, String definitionTail) {
    }

    private NewMigrationReport write(NewMigrationRequest request, Optional<Version> applied,
                                     Optional<Statement> index, Optional<String> checkEntries, String what,
                                     String by) {
        String part = fileNamePart(request.description());
        // the first location is where the file goes, whether it exists yet or not; the versions come from those that do
        Path folder = migrationsFolder();
        String version = request.timestamp()
                ? ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                : next(existingLocations(), applied);
        boolean concurrently = request.concurrently().orElse(onlineConfig.isPresent());
        List<String> notes = new ArrayList<>();
        if (concurrently && onlineConfig.isEmpty()) {
            notes.add("this database builds indexes in one step; no sidecar was written");
        }
        Map<Path, String> files = new LinkedHashMap<>();
        String name = "V" + version + "__" + part + ".sql";
        files.put(folder.resolve(name), migration(name, request.description(), index, concurrently, by));
        if (concurrently && onlineConfig.isPresent()) {
            files.put(folder.resolve(name + ".conf"), onlineConfig.get());
        }
        if (index.isPresent()) {
            String undo = "U" + version + "__" + part + ".sql";
            files.put(folder.resolve(undo), undo(undo, name, index.get(), concurrently, Dialects.named(vendor)));
            if (concurrently && onlineConfig.isPresent()) {
                files.put(folder.resolve(undo + ".conf"), onlineConfig.get());
            }
        }
        List<Path> written = writeAll(folder, files);
        if (checkEntries.isPresent()) {
            try {
                addChecks(checkEntries.get(), what, written, notes);
            } catch (IOException e) {
                throw cannotWrite(folder, e);
            }
        }
        return new NewMigrationReport(version, written, notes);
    }

    /** The folder new migrations go to: the first location, whether it exists yet or not. */
    public Path migrationsFolder() {
        return settings.workDir().resolve(settings.locations().isEmpty() ? "migrations"
                : settings.locations().get(0).replace("filesystem:", "").replace("{vendor}", vendor)).normalize();
    }

    /** The configured locations that exist (a new project may name one not created yet). */
    private MigrationLocations existingLocations() {
        return MigrationLocations.resolve(settings.locations().stream()
                .filter(l -> Files.isDirectory(settings.workDir().resolve(l.replace("filesystem:", "")
                        .replace("{vendor}", vendor)))).toList(), vendor, settings.workDir());
    }

    /** Writes every file or, when any exists already, none. */
    private static List<Path> writeAll(Path folder, Map<Path, String> files) {
        for (Path p : files.keySet()) {
            if (Files.exists(p)) {
                throw IdxmigException.usage(p + " exists already; nothing was written",
                        "choose another description, or remove the file if it is a leftover");
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Map.Entry<Path, String> f : files.entrySet()) {
                Files.writeString(f.getKey(), f.getValue(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW);
                written.add(f.getKey());
            }
        } catch (IOException e) {
            throw cannotWrite(folder, e);
        }
        return written;
    }

    private static IdxmigException cannotWrite(Path folder, IOException e) {
        return IdxmigException.usage("cannot write " + folder + ": " + e.getMessage(),
                "check that the folder is writable");
    }

    /** One above the highest version on disk or applied: 3 -> 4, 1.2 -> 2, a timestamp -> itself plus one. */
    private static String next(MigrationLocations locations, Optional<Version> applied) {
        Optional<Version> highest = java.util.stream.Stream.concat(
                        java.util.stream.Stream.concat(locations.versioned().stream(), locations.undo().stream())
                                .map(MigrationScript::version), applied.stream())
                .max(Version::compareTo);
        return highest.map(v -> v.parts().get(0).add(BigInteger.ONE).toString()).orElse("1");
    }

    private static String migration(String name, String description, Optional<Statement> index,
                                     boolean concurrently, String by) {
        StringBuilder sb = new StringBuilder()
                .append("-- ").append(name).append(": ").append(description).append('\n')
                .append("-- Written by 'idxmig ").append(by)
                .append("'. One index change per migration keeps rollback exact.\n");
        if (concurrently) {
            sb.append("-- Runs outside a transaction (").append(name).append(".conf), so CONCURRENTLY works and\n")
                    .append("-- writes to the table go on while the index builds.\n");
        }
        String create = concurrently ? "CREATE INDEX CONCURRENTLY " : "CREATE INDEX ";
        if (index.isPresent()) {
            sb.append('\n').append(create).append(index.get().name()).append(" ON ")
                    .append(index.get().definitionTail()).append(";\n");
        } else {
            sb.append("\n-- ").append(create).append("idx_table_column ON table (column);\n");
        }
        return sb.toString();
    }

    private static String undo(String undo, String migration, Statement index, boolean concurrently,
                               Dialect dialect) {
        String table = index.definitionTail().substring(0, Math.max(0, index.definitionTail().indexOf('('))).strip();
        return "-- " + undo + ": undoes " + migration + " ('idxmig rollback' runs it instead of the ledger's "
                + "inverse).\n\n" + dialect.dropIndexIfExists(index.name(), table, concurrently) + ";\n";
    }

    /** The plan check stub {@code new --index} writes: put the query this index is for here. */
    private static String stub(IndexSpec index) {
        String where = index.keyColumns().get(0) + " = 1" + index.where().map(w -> " AND " + w).orElse("");
        return "  # written by 'idxmig new': put the query this index is for here\n"
                + "  - name: " + index.name() + " is used\n"
                + "    sql: |\n"
                + "      SELECT * FROM " + index.table() + " WHERE " + where + "\n"
                + "    expect:\n"
                + "      uses_index: " + index.name() + "\n";
    }

    /** Appends checks to the checks file, or creates the file; keeps it readable. */
    private void addChecks(String entry, String what, List<Path> written, List<String> notes) throws IOException {
        Path file = settings.checksFile();
        boolean existed = Files.exists(file);
        String before = existed ? Files.readString(file) : "";
        if (existed && !before.matches("(?sm).*^checks:\\s*$.*") && !before.isBlank()) {
            notes.add("no " + what + " added: " + file + " has no 'checks:' list to extend");
            return;
        }
        String after = before.isBlank() ? "checks:\n" + entry
                : before + (before.endsWith("\n") ? "" : "\n") + entry;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, after, StandardCharsets.UTF_8);
        try {
            ChecksFile.load(file);
        } catch (IdxmigException e) {
            Files.writeString(file, before, StandardCharsets.UTF_8);
            notes.add("no " + what + " added: " + file + " would not read back (" + e.getMessage() + ")");
            return;
        }
        if (existed) {
            notes.add(what + " added to " + settings.workDir().relativize(file.toAbsolutePath()));
        } else {
            written.add(file);
        }
    }
}
