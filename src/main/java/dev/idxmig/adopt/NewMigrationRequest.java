package dev.idxmig.adopt;

import java.util.Optional;

/**
 * What {@code new} writes: the description (part of the file name), a timestamp instead of the next number, whether
 * the index statements run outside a transaction ({@code CONCURRENTLY}; empty: the database's default), and the
 * index to fill in, as "table (columns) [WHERE ...]".
 */
public record NewMigrationRequest(String description, boolean timestamp, Optional<Boolean> concurrently,
                                  Optional<String> index) {
}
