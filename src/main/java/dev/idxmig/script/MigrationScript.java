package dev.idxmig.script;

import dev.idxmig.base.IdxmigException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /**
     * Refuses a script that is not UTF-8 text, naming the line of the first bad byte. Flyway reads scripts as
     * UTF-8 and otherwise fails computing the checksum, after idxmig has connected and maybe taken a backup.
     */
    void checkText() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read migration " + path + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw IdxmigException.usage(String.format("migration %s is not UTF-8 text: byte 0x%02X on line %d",
                    path, bytes[bad] & 0xff, line), "save it as UTF-8, e.g. iconv -f latin1 -t utf-8 "
                    + fileName() + " > fixed.sql, and keep the name");
        }
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    private static int firstInvalidByte(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            int more = b < 0x80 ? 0 : (b & 0xe0) == 0xc0 && b >= 0xc2 ? 1 : (b & 0xf0) == 0xe0 ? 2
                    : (b & 0xf8) == 0xf0 && b <= 0xf4 ? 3 : -1;
            if (more < 0 || i + more >= bytes.length) {
                return i;
            }
            for (int k = 1; k <= more; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += more;
        }
        return 0;
    }
}
