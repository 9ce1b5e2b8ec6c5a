package dev.idxmig.fleet;

import dev.idxmig.config.ConnectionSettings;

import java.util.List;

/**
 * One place a fleet run works on: a database, a schema in it, and the migration folders that apply there
 * (tenant folders for tenant schemas, shared folders for the shared schema). Each target keeps its own Flyway
 * history and ledger, so it can be reasoned about alone.
 */
public record Target(String name, ConnectionSettings connection, String schema, List<String> locations,
                     boolean shared) {
    public Target {
        locations = List.copyOf(locations);
    }

    /** Which database the target is in: targets with one key share a connection pool (and batched reads). */
    public String databaseKey() {
        return connection.jdbcUrl() + "|" + connection.user().orElse("");
    }
}
