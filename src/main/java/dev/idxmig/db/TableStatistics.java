package dev.idxmig.db;

import java.util.Optional;

/**
 * Whether the planner's statistics about a table are current: plans and timings made on stale statistics are
 * not comparable with production's.
 *
 * @param description  for people: {@code analyzed 2026-11-22T03:10:00Z at 2000 rows, 2000 live now}
 * @param fresh        whether the statistics can be trusted; empty when the database cannot tell
 */
public record TableStatistics(String table, String description, Optional<Boolean> fresh) {
}
