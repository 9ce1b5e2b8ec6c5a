package dev.idxmig.config;

import java.util.List;
import java.util.Optional;

/**
 * What a project says about Flyway's own bookkeeping, resolved like every other setting (flags, environment,
 * idxmig.yaml, else an existing Flyway project's configuration). Read only; the code that configures Flyway or
 * reads its history takes them from here.
 *
 * @param table             Flyway's history table ({@code flyway_schema_history} unless the project names another)
 * @param baselineVersion   the version a baseline records, as the project wrote it; empty: not set (the baseline
 *                          command's own default applies)
 * @param baselineOnMigrate whether Flyway baselines a non-empty schema that has no history table yet
 * @param schemas           the schemas a Flyway project manages, as it lists them ({@code schemas}); empty when it
 *                          lists none. The schema idxmig works in is {@link ProjectSettings#schema()}, which a
 *                          Flyway project's {@code defaultSchema} (else the first of these) sets
 */
public record FlywayOptions(String table, Optional<String> baselineVersion, boolean baselineOnMigrate,
                            List<String> schemas) {
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    public FlywayOptions {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("table");
        }
        schemas = List.copyOf(schemas);
    }

    public static FlywayOptions defaults() {
        return new FlywayOptions(DEFAULT_TABLE, Optional.empty(), false, List.of());
    }

    public boolean defaultTable() {
        return DEFAULT_TABLE.equals(table);
    }
}
