package dev.idxmig.db;

import dev.idxmig.config.ConnectionSettings;

import java.util.Optional;

/**
 * Where a shadow copy goes and what it starts from.
 *
 * @param at       PostgreSQL: the database to create, maybe on another server; empty: a new one beside the target,
 *                 named after it
 * @param template PostgreSQL: a database holding the target's schema to create the shadow from
 *                 ({@code CREATE DATABASE ... TEMPLATE}) instead of {@code pg_dump --schema-only} of the target
 */
public record ShadowPlace(Optional<ConnectionSettings> at, Optional<String> template) {

    /** A new database beside the target, loaded from the target's schema. */
    public static ShadowPlace besideTarget() {
        return new ShadowPlace(Optional.empty(), Optional.empty());
    }
}
