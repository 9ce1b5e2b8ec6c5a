package dev.idxmig.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Indexes the planner sees on one connection without building them (PostgreSQL: the HypoPG extension). They live
 * in the session's memory only: nothing is written to the database, other sessions never see them.
 */
public interface HypotheticalIndexes {
    /**
     * The SQLSTATE of the {@code SQLException} {@link #create} throws when the extension cannot model the index at
     * all (HypoPG 1.3.1: GIN, GiST, SP-GiST): its message says which, e.g. "HypoPG 1.3.1 cannot model a gin index".
     * A check that depends on such an index cannot be judged hypothetically (plan-check skips it).
     */
    String UNMODELLED = "0A000";

    /**
     * Checks that hypothetical indexes can be made on this connection; an {@code IdxmigException} (usage, exit 2)
     * saying which package to install or which {@code CREATE EXTENSION} to run when they cannot. Unqualified
     * names in later statements resolve in {@code schema}.
     */
    void require(Connection c, String schema);

    /**
     * Makes a hypothetical index from a plain {@code CREATE INDEX} statement; returns the name plans show. An index
     * the extension cannot model fails with SQLSTATE {@link #UNMODELLED}.
     */
    String create(Connection c, String createIndex) throws SQLException;

    /** The estimated size of a hypothetical index made by {@link #create}, where the extension estimates one. */
    default java.util.OptionalLong size(Connection c, String planName) throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /** Forgets one hypothetical index made by {@link #create}, by the name it returned. */
    void drop(Connection c, String planName) throws SQLException;

    /** Whether real indexes can be hidden from the planner (HypoPG 1.4 and newer: {@code hypopg_hide_index}). */
    boolean canHide(Connection c) throws SQLException;

    /** Hides a real index of the schema from this session's plans; false when there is no such index. */
    boolean hide(Connection c, String schema, String index) throws SQLException;

    /** Forgets every hypothetical index and unhides every hidden one of this session. */
    void reset(Connection c) throws SQLException;

    /** Which HypoPG (or other) version does the work, for the report. */
    String describe(Connection c) throws SQLException;
}
