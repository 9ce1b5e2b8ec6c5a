package dev.idxmig.db.mariadb;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of {@code information_schema.STATISTICS}: one key part of one index, as the catalog query reads it.
 *
 * @param descending {@code COLLATION = 'D'} (a descending key part, real since MariaDB 10.8)
 * @param prefix     {@code SUB_PART}: the prefix length of a string or BLOB/TEXT column
 * @param type       {@code INDEX_TYPE}: BTREE, HASH, FULLTEXT, SPATIAL
 */
record KeyPart(String table, String index, boolean unique, String column, boolean descending, OptionalInt prefix,
               String type, Optional<String> comment, boolean ignored) {
}
