/**
 * The PostgreSQL dialect: catalog queries, runner lock, pg_dump backups, EXPLAIN plans and online index builds.
 */
package dev.idxmig.db.postgres;
