package dev.idxmig.audit;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.db.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage statistics of the target's standbys ({@code --replica}): each must answer, be in recovery, and share
 * the target's system identifier (a streaming standby of this very system). One that does not is named in the
 * report's notes and left out; the rest of the audit runs.
 */
final class Replicas {
    private final Database db;
    private final Diagnostics diagnostics;

    Replicas(Database db, Diagnostics diagnostics) {
        this.db = db;
        this.diagnostics = diagnostics;
    }

    List<NodeStatistics> read(Connection primary, List<AuditRequest.Replica> replicas, List<String> notes)
            throws SQLException {
        List<NodeStatistics> nodes = new ArrayList<>();
        if (replicas.isEmpty()) {
            return nodes;
        }
        String system = UsageReader.systemIdentifier(primary, db.dialect());
        for (AuditRequest.Replica replica : replicas) {
            diagnostics.detail("audit: reading usage on " + replica.name());
            try (Database standby = Database.open(replica.settings(), java.util.Optional.of(db.schema()));
                 Connection c = standby.connect()) {
                UsageReader.Window window = UsageReader.window(c, db.dialect());
                if (!window.inRecovery()) {
                    notes.add(Notes.REPLICA + replica.name() + " is not a standby (pg_is_in_recovery() is false): "
                            + "its scans are not counted");
                    continue;
                }
                String other = UsageReader.systemIdentifier(c, db.dialect());
                if (!other.equals(system)) {
                    notes.add(Notes.REPLICA + replica.name() + " is a standby of another database system (system "
                            + "identifier " + other + ", the target's is " + system + "): its scans are not counted");
                    continue;
                }
                nodes.add(UsageReader.read(c, db.dialect(), db.schema(), replica.name()));
            } catch (SQLException | dev.idxmig.base.IdxmigException e) {
                notes.add(Notes.REPLICA + replica.name() + " cannot be reached: "
                        + replica.settings().masker().mask(String.valueOf(e.getMessage())).strip()
                        + "; its scans are not counted");
            }
        }
        return nodes;
    }

    /** The prefixes of notes that make a run partial. */
    static final class Notes {
        static final String REPLICA = "replica ";

        private Notes() {
        }
    }
}
