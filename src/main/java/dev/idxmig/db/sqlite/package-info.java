/**
 * The SQLite dialect: catalog queries, file lock, online backup API and EXPLAIN QUERY PLAN.
 */
package dev.idxmig.db.sqlite;
