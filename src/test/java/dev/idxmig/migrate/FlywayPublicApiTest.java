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
    /**
     * The one exception left: PostgresDialect.configureFlyway turns the transactional advisory lock off through
     * {@code getPluginRegister()} (internal {@code PluginRegister}); Flyway's public setting
     * {@code flyway.postgresql.transactional.lock=false} (via {@code FluentConfiguration.configuration(Map)}) does the
     * same (checked with FlywayFailuresPostgresContractTest: the failed row survives). Drop the exception once
     * db.postgres uses it.
     */
    private static final String INTERNAL_PLUGIN_REGISTER_STILL_USED = "dev.idxmig.db.postgres.PostgresDialect";

    @Test
    void noClassUsesFlywaysInternals() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.idxmig");
        noClasses().that().doNotHaveFullyQualifiedName(INTERNAL_PLUGIN_REGISTER_STILL_USED).should()
                .dependOnClassesThat().resideInAPackage("org.flywaydb.core.internal..").check(classes);
    }
}
