package dev.idxmig.migrate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Flyway's report of a failed statement, read back so that the server's own words come first. */
@Tag("unit")
class FlywayTextTest {

    @Test
    void aFailedStatementsReportBecomesOneSentenceWithTheServersWords() {
        assertEquals("Unable to create schema ``: Incorrect database name '' (SQLSTATE 42000, error 1102)",
                FlywayText.plain("Unable to create schema ``\n-----------------------\nSQL State  : 42000\n"
                        + "Error Code : 1102\nMessage    : Incorrect database name ''\n"));
    }

    @Test
    void aScriptsLocationStaysBelowIt() {
        assertEquals("Migration V2__x.sql failed: relation \"nope\" does not exist (SQLSTATE 42P01)\n"
                        + "Location   : migrations/V2__x.sql\nLine       : 1\nStatement  : SELECT * FROM nope",
                FlywayText.plain("Migration V2__x.sql failed\n------------------\nSQL State  : 42P01\n"
                        + "Error Code : 0\nMessage    : relation \"nope\" does not exist\n"
                        + "Location   : migrations/V2__x.sql\nLine       : 1\nStatement  : SELECT * FROM nope\n"));
    }

    @Test
    void textOfAnotherShapeIsLeftAsItIs() {
        assertEquals("Found non-empty schema(s) \"public\" but no schema history table.",
                FlywayText.plain("Found non-empty schema(s) \"public\" but no schema history table."));
    }
}
