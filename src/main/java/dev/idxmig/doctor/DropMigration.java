package dev.idxmig.doctor;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code doctor --write-migration}: the next versioned migration, dropping the indexes doctor found unused,
 * duplicate or redundant, each with a comment saying why. It is written for a person to review and commit; idxmig
 * never applies it by itself.
 */
public final class DropMigration {
    static final String DESCRIPTION = "doctor_drop_indexes";

    private DropMigration() {
    }

    /** Writes the migration (and its sidecar where the database needs one); empty when there is nothing to drop. */
    public static Optional<Path> write(DoctorReport report, Database db, ProjectSettings settings, Instant now) {
        return write(report, db, settings, now, DESCRIPTION, "doctor");
    }

    /**
     * The same for another command ({@code audit}): the file's description ({@code V5__<description>.sql}) and the
     * command its header names.
     */
    public static Optional<Path> write(DoctorReport report, Database db, ProjectSettings settings, Instant now,
                                       String description, String command) {
        if (report.drops().isEmpty()) {
            return Optional.empty();
        }
        MigrationLocations locations = MigrationLocations.of(settings, db.dialect().id());
        Path folder = folder(settings.locations(), locations.folders());
        Path file = folder.resolve("V" + nextVersion(locations.versioned()) + "__" + description + ".sql");
        try {
            // CREATE_NEW: never overwrite a migration someone else wrote between our listing and this write.
            Files.writeString(file, script(report, now, command), StandardOpenOption.CREATE_NEW);
            Optional<String> config = db.dialect().indexScriptConfig();
            if (config.isPresent()) {
                Files.writeString(file.resolveSibling(file.getFileName() + ".conf"), config.get(),
                        StandardOpenOption.CREATE_NEW);
            }
        } catch (IOException e) {
            throw IdxmigException.usage("cannot write migration " + file + ": " + e.getMessage(),
                    "check that the migrations folder is writable");
        }
        return Optional.of(file);
    }

    /**
     * The first folder of the database's own ({@code {vendor}}) location, else the first folder: a drop script
     * is specific to one database (PostgreSQL's CONCURRENTLY fails on SQLite), so it must not land in a folder
     * shared by both.
     */
    static Path folder(List<String> locations, List<Path> folders) {
        for (int i = 0; i < locations.size(); i++) {
            if (locations.get(i).contains("{vendor}")) {
                return folders.get(i);
            }
        }
        return folders.get(0);
    }

    /** One more than the highest major version among the scripts: 4 or 4.2 give 5. */
    static String nextVersion(List<MigrationScript> scripts) {
        BigInteger highest = scripts.stream().map(s -> s.version().parts().get(0))
                .max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        return highest.add(BigInteger.ONE).toString();
    }

    static String script(DoctorReport report, Instant now) {
        return script(report, now, "doctor");
    }

    static String script(DoctorReport report, Instant now, String command) {
        StringBuilder sql = new StringBuilder();
        sql.append("-- Written by `idxmig ").append(command).append(" --write-migration` at ").append(now.truncatedTo(ChronoUnit.SECONDS))
                .append("\n-- for ").append(report.title()).append(".\n")
                .append("-- REVIEW BEFORE COMMITTING: idxmig never applies this by itself. Delete the statements of\n")
                .append("-- indexes you want to keep; an unused index may serve a job that has not run lately.\n");
        // doctor --hypothetical proved some proposals wrong: say here which index was left out for which check
        report.checks().stream().flatMap(c -> c.findings().stream())
                .filter(f -> f.check().equals("drop proof") && f.severity() == dev.idxmig.base.Severity.WARNING)
                .forEach(f -> sql.append("\n-- left out: ").append(f.message()).append('\n'));
        for (IndexDrop drop : report.drops()) {
            sql.append("\n-- ").append(drop.index()).append(" on ").append(drop.table()).append(": ")
                    .append(drop.reason()).append('\n')
                    .append(drop.statement()).append('\n');
        }
        return sql.toString();
    }
}
