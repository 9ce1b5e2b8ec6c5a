package dev.idxmig.fleet;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which targets a command runs on, as the command line said it.
 *
 * @param schemas         names or glob patterns ({@code tenant_*}) over the database's schemas
 * @param schemasQuery    a query whose first column lists the schemas
 * @param targetsFile     a YAML list of databases
 * @param sharedLocations migration folders applied once to {@code sharedSchema} before the tenant schemas
 */
public record TargetSelection(List<String> schemas, Optional<String> schemasQuery, Optional<Path> targetsFile,
                              List<String> sharedLocations, Optional<String> sharedSchema) {

    public TargetSelection {
        schemas = List.copyOf(schemas);
        sharedLocations = List.copyOf(sharedLocations);
    }

    /** Whether the command runs on several targets rather than the one the connection options name. */
    public boolean isFleet() {
        return !schemas.isEmpty() || schemasQuery.isPresent() || targetsFile.isPresent() || !sharedLocations.isEmpty();
    }
}
