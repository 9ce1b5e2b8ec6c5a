-- Indexes no statement has read since userstat was turned on (or INDEX_STATISTICS last flushed): MariaDB's own
-- per-index counts (information_schema.INDEX_STATISTICS has a row for each index read at least once). Asked where
-- userstat is on and performance_schema cannot answer (MariaDbDialect.querySource).
-- Left out: primary keys and unique indexes, indexes whose first column is a foreign key's first column, Flyway's
-- and idxmig's tables, as in doctor_unused_indexes.
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
LEFT JOIN information_schema.INDEX_STATISTICS x
       ON x.TABLE_SCHEMA = i.schema_name AND x.TABLE_NAME = i.table_name AND x.INDEX_NAME = i.index_name
WHERE COALESCE(x.ROWS_READ, 0) = 0
  AND NOT EXISTS (SELECT 1
                  FROM information_schema.KEY_COLUMN_USAGE k
                  WHERE k.TABLE_SCHEMA = i.schema_name
                    AND k.TABLE_NAME = i.table_name
                    AND k.REFERENCED_TABLE_NAME IS NOT NULL
                    AND k.ORDINAL_POSITION = 1
                    AND k.COLUMN_NAME = i.first_column)
ORDER BY i.table_name, i.index_name
