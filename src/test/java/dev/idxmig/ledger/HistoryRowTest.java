package dev.idxmig.ledger;

import dev.idxmig.script.Version;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A history row's version is parsed once, where the row is read; what is not a version has no number. */
@Tag("unit")
class HistoryRowTest {
    @Test
    void aVersionedRowCarriesItsParsedVersion() {
        HistoryRow row = row(Optional.of("1_10"));
        assertEquals(Optional.of(Version.parse("1.10")), row.number());
        assertEquals(Optional.of("1_10"), row.version(), "the text stays as Flyway wrote it");
    }

    @Test
    void aRepeatableOrUnreadableVersionHasNoNumber() {
        assertEquals(Optional.empty(), row(Optional.empty()).number());
        assertEquals(Optional.empty(), row(Optional.of("<< Flyway Schema Creation >>")).number());
    }

    private static HistoryRow row(Optional<String> version) {
        return new HistoryRow(1, version, "d", HistoryRow.Kind.MIGRATION, "V1__d.sql", Optional.of(1), "2026-01-01 00:00:00", 5, true);
    }
}
