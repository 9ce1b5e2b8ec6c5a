package dev.idxmig.db;

import java.util.OptionalLong;

/**
 * How big a table is, to say how long an index build on it will take.
 *
 * @param rows      row count, estimated by the planner where {@code estimated}
 * @param bytes     bytes on disk, where the database can tell cheaply
 */
public record TableSize(long rows, boolean estimated, OptionalLong bytes) {
}
