package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.StatisticsSource;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The usage statistics one server keeps for a schema's indexes, and since when it counts them.
 *
 * @param node    {@code primary}, or the standby as {@code --replica} named it (password masked)
 * @param since   the last reset of the database's statistics, else the server's start
 * @param indexes by index name
 */
public record NodeStatistics(String node, Instant since, StatisticsSource source, Instant now,
                             Map<String, IndexUsage> indexes) {

    public NodeStatistics {
        indexes = Map.copyOf(indexes);
    }

    /**
     * One index's counters on one server.
     *
     * @param lastScan    where the server records it (PostgreSQL 16+)
     * @param tableWrites inserts, updates and deletes of its table since the statistics started
     */
    public record IndexUsage(String index, String table, long scans, Optional<Instant> lastScan, long sizeBytes,
                             boolean enforcesConstraint, long tableWrites) {
    }
}
