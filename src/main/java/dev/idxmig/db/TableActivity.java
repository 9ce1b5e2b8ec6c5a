package dev.idxmig.db;

import java.time.Instant;
import java.util.Optional;

/**
 * A table's writes and reads as the database counted them since its statistics were last reset.
 *
 * @param writes rows inserted, updated and deleted
 * @param reads  sequential and index scans started
 * @param since  when counting started, where the database says
 */
public record TableActivity(long writes, long reads, Optional<Instant> since) {
}
