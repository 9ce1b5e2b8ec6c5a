package dev.idxmig.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a command needs to know about its target and project, resolved once from flags, environment,
 * the project file and defaults (in that order of precedence).
 *
 * @param locations   migration folders as written, relative to {@code workDir}, possibly with Flyway's
 *                    {@code {vendor}} token
 * @param lockWait    how long to wait for another idxmig runner to finish
 * @param lockTimeout PostgreSQL {@code lock_timeout} for migration statements
 * @param placeholders Flyway placeholders ({@code ${name}} in scripts), from idxmig.yaml and {@code -Dname=value}
 * @param lintDisabled lint rule ids switched off in idxmig.yaml ({@code lint: {disable: [...]}})
 * @param flyway      Flyway's history table, baseline and managed schemas
 * @param source      which configuration was read (idxmig.yaml, a Flyway project's files, ...), for {@code --verbose}
 * @param backupsKeep automatic backups of each database kept in the backups folder ({@code backups.keep})
 * @param buildSection the {@code build:} section of the project file as read with the rest of it, so that
 *                    {@link BuildSettings} resolves from the same reading instead of loading the file again
 */
public record ProjectSettings(
        Path workDir,
        ConnectionSettings connection,
        Optional<String> schema,
        List<String> locations,
        Path checksFile,
        Path backupsDir,
        Duration lockWait,
        Duration lockTimeout,
        Duration statementTimeout,
        Map<String, String> placeholders,
        Set<String> lintDisabled,
        FlywayOptions flyway,
        String source,
        Optional<Integer> backupsKeep,
        ProjectFile.BuildSection buildSection) {

    public ProjectSettings {
        locations = List.copyOf(locations);
        placeholders = Map.copyOf(placeholders);
        lintDisabled = Set.copyOf(lintDisabled);
    }

    /** These settings with other Flyway bookkeeping (a command's --baseline-on-migrate, --baseline-version). */
    public ProjectSettings withFlyway(FlywayOptions other) {
        return new ProjectSettings(workDir, connection, schema, locations, checksFile, backupsDir, lockWait,
                lockTimeout, statementTimeout, placeholders, lintDisabled, other, source, backupsKeep, buildSection);
    }

    /** These settings for another target: one database, schema and set of migration folders of a fleet run. */
    public ProjectSettings forTarget(ConnectionSettings otherConnection, String otherSchema,
                                     List<String> otherLocations) {
        return new ProjectSettings(workDir, otherConnection, Optional.of(otherSchema), otherLocations, checksFile,
                backupsDir, lockWait, lockTimeout, statementTimeout, placeholders, lintDisabled, flyway, source,
                backupsKeep, buildSection);
    }
}
