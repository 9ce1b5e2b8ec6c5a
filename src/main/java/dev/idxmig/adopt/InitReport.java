package dev.idxmig.adopt;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files {@code init} wrote and, when it was pointed at a database, what it found there and the command that
 * adopts it.
 */
public record InitReport(List<Path> written, Optional<Found> found) {
    public InitReport {
        written = List.copyOf(written);
    }

    /**
     * @param history the Flyway history table found in the schema, if any, and its version
     * @param next    the command to run next
     */
    public record Found(String database, String schema, int tables, int indexes, Optional<String> history,
                        Optional<String> version, String next) {
    }
}
