-- B-tree indexes whose key parts are the leading key parts of another B-tree index of the same table (the same
-- columns, prefix lengths and sort orders, in order): every query the shorter one serves, the longer one serves
-- too. Left out: unique indexes and the primary key (they enforce something), exact duplicates
-- (doctor_duplicate_indexes). Each is reported once, against the shortest index that covers it.
-- Parameters: schema (the database), Flyway history table, idxmig ledger table.
WITH indexes AS (
    SELECT s.TABLE_SCHEMA AS schema_name,
           s.TABLE_NAME   AS table_name,
           s.INDEX_NAME   AS server_name,
           CASE WHEN s.INDEX_NAME = 'PRIMARY' THEN CONCAT(s.TABLE_NAME, '.PRIMARY') ELSE s.INDEX_NAME END
                          AS index_name,
           MIN(s.NON_UNIQUE) = 0 AS is_unique,
           COUNT(*)              AS key_count,
           GROUP_CONCAT(CONCAT('`', REPLACE(s.COLUMN_NAME, '`', '``'), '`',
                               IF(s.SUB_PART IS NULL, '', CONCAT('(', s.SUB_PART, ')')),
                               IF(s.COLLATION = 'D', ' DESC', ''))
                        ORDER BY s.SEQ_IN_INDEX SEPARATOR ', ') AS key_parts
    FROM information_schema.STATISTICS s
    JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.TABLE_SCHEMA AND t.TABLE_NAME = s.TABLE_NAME
    WHERE s.TABLE_SCHEMA = ?
      AND t.TABLE_TYPE = 'BASE TABLE'
      AND s.TABLE_NAME NOT IN (?, ?, 'idxmig_intent_log')
      AND s.INDEX_TYPE = 'BTREE'
    GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME
),
pairs AS (
    SELECT a.schema_name, a.table_name, a.index_name, a.server_name, a.is_unique, a.key_parts,
           b.index_name AS covering_index, b.server_name AS covering_server_name, b.is_unique AS covering_unique,
           b.key_parts AS covering_parts,
           ROW_NUMBER() OVER (PARTITION BY a.table_name, a.index_name ORDER BY b.key_count, b.index_name) AS position
    FROM indexes a
    JOIN indexes b ON b.table_name = a.table_name
                  AND b.index_name <> a.index_name
                  AND b.key_count > a.key_count
                  AND LEFT(b.key_parts, CHAR_LENGTH(a.key_parts) + 2) = CONCAT(a.key_parts, ', ')
    WHERE NOT a.is_unique
)
SELECT schema_name,
       table_name,
       index_name,
       covering_index,
       CASE WHEN covering_server_name = 'PRIMARY'
            THEN CONCAT('ALTER TABLE `', table_name, '` ADD PRIMARY KEY (', covering_parts, ') USING BTREE')
            ELSE CONCAT('CREATE ', IF(covering_unique, 'UNIQUE ', ''), 'INDEX `', covering_server_name, '` ON `',
                        table_name, '` (', covering_parts, ') USING BTREE') END AS covering_definition,
       CONCAT('CREATE INDEX `', server_name, '` ON `', table_name, '` (', key_parts, ') USING BTREE') AS definition,
       NULL AS size_bytes,
       CONCAT('ALTER TABLE `', REPLACE(schema_name, '`', '``'), '`.`', REPLACE(table_name, '`', '``'),
              '` DROP INDEX IF EXISTS `', REPLACE(server_name, '`', '``'), '`, ALGORITHM=INPLACE, LOCK=NONE;')
              AS drop_statement
FROM pairs
WHERE position = 1
ORDER BY table_name, index_name
