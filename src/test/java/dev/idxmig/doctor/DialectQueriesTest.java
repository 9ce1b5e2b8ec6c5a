package dev.idxmig.doctor;

import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import dev.idxmig.db.SharedQueries;
import dev.idxmig.db.SqlResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every registered dialect ships every SQL file shared code asks of it, and every doctor check's query or a reason
 * why the database cannot answer it; no reason stands for a query the dialect does ship.
 */
@Tag("unit")
class DialectQueriesTest {

    @Test
    void everyDialectIsRegistered() {
        assertEquals(List.of("postgresql", "sqlite", "mariadb"), Dialects.all().stream().map(Dialect::id).toList());
    }

    @Test
    void everyDialectShipsTheSharedQueries() {
        List<String> missing = new ArrayList<>();
        for (Dialect dialect : Dialects.all()) {
            for (String query : SharedQueries.REQUIRED) {
                if (!SqlResource.exists(dialect.id(), query)) {
                    missing.add(dialect.id() + "/" + query + ".sql");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyDialectShipsEachDoctorQueryOrSaysWhyNot() {
        List<String> problems = new ArrayList<>();
        for (Dialect dialect : Dialects.all()) {
            Map<String, String> unsupported = dialect.unsupportedQueries();
            for (DoctorCheck check : DoctorService.CHECKS) {
                List<String> queries = new ArrayList<>(List.of(check.query()));
                check.contextQuery().ifPresent(queries::add);
                for (String query : queries) {
                    boolean ships = SqlResource.exists(dialect.id(), query);
                    if (!ships && !unsupported.containsKey(query)) {
                        problems.add(dialect.id() + " neither ships nor declines " + query);
                    }
                    if (ships && unsupported.containsKey(query)) {
                        problems.add(dialect.id() + " ships " + query + " but calls it unsupported");
                    }
                }
            }
            unsupported.values().forEach(reason -> assertFalse(reason.isBlank(), dialect.id()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachDialectAnswersForItsOwnUrlsAndProductsOnly() {
        Dialect pg = Dialects.forUrl("jdbc:postgresql://localhost:5432/db");
        Dialect sqlite = Dialects.forUrl("jdbc:sqlite:x.db");
        assertEquals("postgresql", pg.id());
        assertEquals("sqlite", sqlite.id());
        assertEquals(List.of(true, false), List.of(pg.handlesProduct("PostgreSQL"), pg.handlesProduct("SQLite")));
        assertEquals(List.of(true, false), List.of(sqlite.handlesProduct("SQLite"), sqlite.handlesProduct("MySQL")));
        Dialect mariadb = Dialects.forUrl("jdbc:mariadb://127.0.0.1:3306/app");
        assertEquals("mariadb", mariadb.id());
        assertEquals(List.of(true, false), List.of(mariadb.handlesProduct("MariaDB"), mariadb.handlesProduct("MySQL")));
        assertEquals("app", mariadb.defaultSchema("jdbc:mariadb://127.0.0.1:3306/app?useSsl=false"));
    }

    @Test
    void aMysqlUrlIsRefusedWithWhatToDoInstead() {
        dev.idxmig.base.IdxmigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.idxmig.base.IdxmigException.class, () -> Dialects.forUrl("jdbc:mysql://db:3306/app"));
        assertEquals("unsupported database 'mysql'", e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.hint().orElse("").contains("MySQL is not supported yet")
                && e.hint().orElse("").contains("jdbc:mariadb://"), e.hint().orElse(""));
    }
}
