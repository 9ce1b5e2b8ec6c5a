package dev.idxmig.script;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class PlaceholdersTest {
    private final Placeholders placeholders = Placeholders.of(Map.of("rows", "10"), "app", "me", "db",
            "flyway_schema_history");

    @Test
    void replacesTheProjectsValuesAndFlywaysOwn() {
        assertEquals("-- V1.sql in app\nSELECT 10",
                placeholders.apply("-- ${flyway:filename} in ${flyway:defaultSchema}\nSELECT ${rows}", Path.of("V1.sql")));
    }

    @Test
    void namesEachPlaceholderWithNoValueOnceWithTheLineItIsFirstUsedOn() {
        String script = "-- ${rows} rows, by ${flyway:user} from ${flyway:filename}\n"
                + "INSERT INTO t SELECT ${missing}, '${other}'\n"
                + "SELECT ${missing}, '$' || '{not_one', '${' \n";
        assertEquals(List.of(new Placeholders.Use("missing", 2), new Placeholders.Use("other", 2)),
                placeholders.undefinedIn(script));
    }

    @Test
    void aScriptWhoseValuesAreAllGivenHasNoneMissing() {
        assertEquals(List.of(), placeholders.undefinedIn("SELECT ${rows} FROM ${flyway:table}"));
    }
}
