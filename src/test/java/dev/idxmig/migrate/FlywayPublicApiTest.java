package dev.idxmig.migrate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * idxmig uses Flyway through its public API only: {@code org.flywaydb.core.internal} changes in any release without
 * notice (issue 26), so a failure is read from {@code ErrorOutput} ({@code safebuild.FailedScript}) and error codes,
 * and the English that is left from {@link FlywayText}, each held by the contract tests.
 */
@Tag("unit")
class FlywayPublicApiTest {
    @Test
    void noClassUsesFlywaysInternals() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.idxmig");
        noClasses().should()
                .dependOnClassesThat().resideInAPackage("org.flywaydb.core.internal..").check(classes);
    }
}
