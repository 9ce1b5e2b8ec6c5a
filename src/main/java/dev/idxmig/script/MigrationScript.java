package dev.idxmig.script;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration file found in the locations: {@code V<version>__<description>.sql} (versioned) or
 * {@code U<version>__<description>.sql} (idxmig's undo script for that version).
 */
public record MigrationScript(Kind kind, Version version, String description, Path path) {
    private static final Pattern NAME = Pattern.compile("^([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql$");

    public enum Kind { VERSIONED, UNDO }

    /** A file name Flyway would read as a migration, if it is one. */
    public static Optional<MigrationScript> fromPath(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(1).equals("V") ? Kind.VERSIONED : Kind.UNDO;
        return Optional.of(new MigrationScript(kind, Version.parse(m.group(2)), m.group(3).replace('_', ' '), path));
    }

    public String fileName() {
        return path.getFileName().toString();
    }
}
