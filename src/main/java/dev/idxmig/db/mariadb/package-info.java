/**
 * MariaDB (10.6+, tested on 10.11): the catalog from {@code information_schema.STATISTICS}, definitions rebuilt as
 * one canonical {@code CREATE INDEX} text, the runner lock as {@code GET_LOCK}, plans from
 * {@code EXPLAIN FORMAT=JSON}, and index statements made online ({@code ALGORITHM=INPLACE, LOCK=NONE}) or refused.
 * MySQL is not supported yet: its URLs get a usage error that says so.
 */
package dev.idxmig.db.mariadb;
