-- Non-unique B-tree indexes with a boolean key column: BOOLEAN is TINYINT(1) on MariaDB (BIT(1) is the other
-- two-valued type). Two values narrow a search little; MariaDB has no partial indexes, so the column is better
-- last in the key, or out of it (the hint column says so; PostgreSQL's check suggests a partial index). The same rule as PostgreSQL's check (boolean columns, by type).
-- Parameters: schema (the database), Flyway history table, idxmig ledger table.
SELECT s.TABLE_SCHEMA                                                     AS schema_name,
       s.TABLE_NAME                                                       AS table_name,
       s.INDEX_NAME                                                       AS index_name,
       CONCAT('CREATE INDEX `', REPLACE(s.INDEX_NAME, '`', '``'), '` ON `', REPLACE(s.TABLE_NAME, '`', '``'), '` (',
              GROUP_CONCAT(CONCAT('`', REPLACE(s.COLUMN_NAME, '`', '``'), '`',
                                  IF(s.SUB_PART IS NULL, '', CONCAT('(', s.SUB_PART, ')')),
                                  IF(s.COLLATION = 'D', ' DESC', ''))
                           ORDER BY s.SEQ_IN_INDEX SEPARATOR ', '), ')')  AS definition,
       NULL                                                               AS size_bytes,
       GROUP_CONCAT(CASE WHEN c.COLUMN_TYPE IN ('tinyint(1)', 'tinyint(1) unsigned', 'bit(1)') THEN s.COLUMN_NAME END
                    ORDER BY s.SEQ_IN_INDEX SEPARATOR ', ')               AS boolean_columns,
       COUNT(*)                                                           AS key_column_count,
       CONCAT('MariaDB has no partial indexes: put ',
              GROUP_CONCAT(CASE WHEN c.COLUMN_TYPE IN ('tinyint(1)', 'tinyint(1) unsigned', 'bit(1)')
                                THEN s.COLUMN_NAME END ORDER BY s.SEQ_IN_INDEX SEPARATOR ', '),
              ' last in the key, or leave it out and let the other columns narrow the search')
                                                                          AS hint
FROM information_schema.STATISTICS s
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.TABLE_SCHEMA AND t.TABLE_NAME = s.TABLE_NAME
JOIN information_schema.COLUMNS c
  ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME
WHERE s.TABLE_SCHEMA = ?
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND s.TABLE_NAME NOT IN (?, ?, 'idxmig_intent_log')
  AND s.INDEX_TYPE = 'BTREE'
GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME
HAVING MIN(s.NON_UNIQUE) = 1
   AND boolean_columns IS NOT NULL
ORDER BY s.TABLE_NAME, s.INDEX_NAME
