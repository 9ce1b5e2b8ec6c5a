package dev.idxmig.db.mariadb;

import dev.idxmig.db.SqlResource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What idxmig may read from the server's performance_schema, asked once per use
 * ({@code performance_schema_status.sql}): off (the default on MariaDB), on but unreadable by this user, or on with
 * some of the instruments idxmig reads.
 *
 * @param enabled        the server runs with performance_schema ON
 * @param unreadable     why this user may not read it, when it is on but cannot be read
 * @param metadataLocks  the metadata-lock instrument is on: lock holders can be named
 * @param stages         InnoDB's ALTER TABLE stage instruments and the events_stages_current consumer are on
 * @param tableIo        the table I/O instrument is on: index usage is counted
 */
record PerformanceSchema(boolean enabled, Optional<String> unreadable, boolean metadataLocks, boolean stages,
                         boolean tableIo) {

    static PerformanceSchema of(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@performance_schema")) {
            if (rs.next() && rs.getInt(1) != 1) {
                return new PerformanceSchema(false, Optional.empty(), false, false, false);
            }
        } catch (SQLException e) {
            return new PerformanceSchema(false, Optional.empty(), false, false, false);
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SqlResource.load("mariadb", "performance_schema_status"))) {
            rs.next();
            return new PerformanceSchema(rs.getInt("enabled") == 1, Optional.empty(), rs.getInt("metadata_locks") == 1,
                    rs.getInt("stages") == 1, rs.getInt("table_io") == 1);
        } catch (SQLException e) {
            return new PerformanceSchema(true, Optional.of(e.getMessage()), false, false, false);
        }
    }

    /** Whether it is on and readable. */
    boolean readable() {
        return enabled && unreadable.isEmpty();
    }

    /**
     * Why what {@code instrument} gives cannot be read, for people, {@code instrumentOn} saying whether that
     * instrument is on; empty when it can.
     */
    Optional<String> whyNot(boolean instrumentOn, String instrument) {
        if (!enabled) {
            return Optional.of("performance_schema is off");
        }
        if (unreadable.isPresent()) {
            return Optional.of("performance_schema is on but this user may not read it (" + unreadable.get()
                    + "; GRANT SELECT ON performance_schema.* to it)");
        }
        return instrumentOn ? Optional.empty() : Optional.of("performance_schema's " + instrument + " is off");
    }
}
