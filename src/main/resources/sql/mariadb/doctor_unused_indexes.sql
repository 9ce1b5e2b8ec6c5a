-- Indexes no statement has read since the server started, by performance_schema's table I/O counts per index
-- (table_io_waits_summary_by_index_usage with COUNT_STAR = 0, as sys.schema_unused_indexes reads them; an index of
-- a table not opened since the start has no row, and counts as unread). Asked only where performance_schema is on
-- with the table I/O instrument and this user may read it (MariaDbDialect.querySource); the window is the uptime
-- (doctor_statistics_age).
-- Left out: primary keys and unique indexes (they enforce something even when never read), indexes whose first
-- column is a foreign key's first column (the foreign key may need it: MariaDB refuses to drop it), Flyway's and
-- idxmig's tables. No size: mysql.innodb_index_stats needs a grant this check does without (doctor_index_sizes).
-- Parameters: schema (the database), Flyway history table, idxmig ledger table.
WITH candidates AS (
    SELECT s.TABLE_SCHEMA AS schema_name,
           s.TABLE_NAME   AS table_name,
           s.INDEX_NAME   AS index_name,
           MAX(CASE WHEN s.SEQ_IN_INDEX = 1 THEN s.COLUMN_NAME END) AS first_column
    FROM information_schema.STATISTICS s
    JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.TABLE_SCHEMA AND t.TABLE_NAME = s.TABLE_NAME
    WHERE s.TABLE_SCHEMA = ?
      AND t.TABLE_TYPE = 'BASE TABLE'
      AND s.TABLE_NAME NOT IN (?, ?, 'idxmig_intent_log')
      AND s.INDEX_NAME <> 'PRIMARY'
    GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME
    HAVING MIN(s.NON_UNIQUE) = 1
)
SELECT i.schema_name,
       i.table_name,
       i.index_name,
       NULL AS size_bytes,
       CONCAT('ALTER TABLE `', REPLACE(i.schema_name, '`', '``'), '`.`', REPLACE(i.table_name, '`', '``'),
              '` DROP INDEX IF EXISTS `', REPLACE(i.index_name, '`', '``'),
              '`, ALGORITHM=INPLACE, LOCK=NONE;') AS drop_statement
FROM candidates i
LEFT JOIN performance_schema.table_io_waits_summary_by_index_usage u
       ON u.OBJECT_TYPE = 'TABLE' AND u.OBJECT_SCHEMA = i.schema_name AND u.OBJECT_NAME = i.table_name
      AND u.INDEX_NAME = i.index_name
WHERE COALESCE(u.COUNT_STAR, 0) = 0
  AND NOT EXISTS (SELECT 1
                  FROM information_schema.KEY_COLUMN_USAGE k
                  WHERE k.TABLE_SCHEMA = i.schema_name
                    AND k.TABLE_NAME = i.table_name
                    AND k.REFERENCED_TABLE_NAME IS NOT NULL
                    AND k.ORDINAL_POSITION = 1
                    AND k.COLUMN_NAME = i.first_column)
ORDER BY i.table_name, i.index_name
