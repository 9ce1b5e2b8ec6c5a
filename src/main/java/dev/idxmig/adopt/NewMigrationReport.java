package dev.idxmig.adopt;

import java.nio.file.Path;
import java.util.List;

/** The files {@code new} wrote (the migration first) and its version. */
public record NewMigrationReport(String version, List<Path> written, List<String> notes) {
    public NewMigrationReport {
        written = List.copyOf(written);
        notes = List.copyOf(notes);
    }
}
