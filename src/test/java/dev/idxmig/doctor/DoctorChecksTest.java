package dev.idxmig.doctor;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.idxmig.base.CheckResult;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.idxmig.doctor.DoctorFixture.build;
import static dev.idxmig.doctor.DoctorFixture.examine;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Completeness, as pg-index-health's StandardChecksOnHostTest: every check class is registered, ids are unique,
 * and a clean database (tables with keys, foreign keys covered by the keys) gives no finding at all.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("sqlite")
class DoctorChecksTest {
    static final String[] SCHEMAS = DoctorFixture.SCHEMAS;

    private static final String[] CLEAN = {
        "CREATE TABLE %1$s.customers (id int PRIMARY KEY, email text NOT NULL UNIQUE)",
        "CREATE TABLE %1$s.orders (customer_id int NOT NULL REFERENCES %1$s.customers (id), n int NOT NULL, "
                + "PRIMARY KEY (customer_id, n))",
    };

    @Test
    void everyCheckClassIsRegisteredOnceWithItsOwnId() {
        Set<String> classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.idxmig.doctor").stream()
                .filter(c -> c.isAssignableTo(DoctorCheck.class) && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName).collect(Collectors.toSet());
        Set<String> registered = DoctorService.CHECKS.stream().map(c -> c.getClass().getName())
                .collect(Collectors.toSet());
        assertEquals(classes, registered);
        assertEquals(DoctorService.CHECKS.size(), DoctorService.CHECKS.stream().map(DoctorCheck::id).distinct()
                .count());
    }

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void aCleanPostgresDatabaseHasNoFinding(String schema, PgDatabase db) {
        build(db, schema, CLEAN);
        assertEquals(List.of(), findingsExceptSizes(examine(db, schema)));
    }

    @Test
    void aCleanSqliteDatabaseHasNoFinding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        DoctorFixture.sqlite(file, "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)",
                "CREATE TABLE orders (customer_id INT NOT NULL REFERENCES customers (id), n INT NOT NULL, "
                        + "PRIMARY KEY (customer_id, n))");
        assertEquals(List.of(), findingsExceptSizes(examine(file)));
    }

    /** The size list is information about every index, not a finding about a problem. */
    private static List<String> findingsExceptSizes(DoctorReport report) {
        return report.checks().stream().filter(c -> !c.name().equals("index-size"))
                .map(CheckResult::findings).flatMap(List::stream).map(Object::toString).toList();
    }
}
