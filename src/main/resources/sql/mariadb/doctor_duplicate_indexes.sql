-- Indexes with the same definition as another index of the same table: same type and the same key parts in the
-- same order, with the same prefix lengths and sort orders (uniqueness aside). One of each group is kept: the
-- primary key, else a unique one, else the first by name; every other one is reported, with its online drop (none
-- for a primary key). Definitions are printed as the catalog prints them (no COMMENT or IGNORED here).
-- Parameters: schema (the database), Flyway history table, idxmig ledger table.
WITH indexes AS (
    SELECT s.TABLE_SCHEMA AS schema_name,
           s.TABLE_NAME   AS table_name,
           s.INDEX_NAME   AS server_name,
           CASE WHEN s.INDEX_NAME = 'PRIMARY' THEN CONCAT(s.TABLE_NAME, '.PRIMARY') ELSE s.INDEX_NAME END
                          AS index_name,
           MIN(s.NON_UNIQUE) = 0        AS is_unique,
           s.INDEX_NAME = 'PRIMARY'     AS backs_constraint,
           MIN(s.INDEX_TYPE)            AS index_type,
           GROUP_CONCAT(CONCAT('`', REPLACE(s.COLUMN_NAME, '`', '``'), '`',
                               IF(s.SUB_PART IS NULL OR s.INDEX_TYPE = 'SPATIAL', '', CONCAT('(', s.SUB_PART, ')')),
                               IF(s.COLLATION = 'D', ' DESC', ''))
                        ORDER BY s.SEQ_IN_INDEX SEPARATOR ', ') AS key_parts
    FROM information_schema.STATISTICS s
    JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.TABLE_SCHEMA AND t.TABLE_NAME = s.TABLE_NAME
    WHERE s.TABLE_SCHEMA = ?
      AND t.TABLE_TYPE = 'BASE TABLE'
      AND s.TABLE_NAME NOT IN (?, ?, 'idxmig_intent_log')
    GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME
),
ranked AS (
    SELECT indexes.*,
           FIRST_VALUE(index_name) OVER same AS kept_index,
           ROW_NUMBER() OVER same             AS position
    FROM indexes
    WINDOW same AS (PARTITION BY table_name, index_type, key_parts
                    ORDER BY backs_constraint DESC, is_unique DESC, index_name)
)
SELECT schema_name,
       table_name,
       index_name,
       kept_index,
       CASE WHEN backs_constraint
            THEN CONCAT('ALTER TABLE `', table_name, '` ADD PRIMARY KEY (', key_parts, ') USING ', index_type)
            ELSE CONCAT('CREATE ', CASE index_type WHEN 'FULLTEXT' THEN 'FULLTEXT ' WHEN 'SPATIAL' THEN 'SPATIAL '
                                   ELSE IF(is_unique, 'UNIQUE ', '') END,
                        'INDEX `', REPLACE(server_name, '`', '``'), '` ON `', REPLACE(table_name, '`', '``'), '` (',
                        key_parts, ')', IF(index_type IN ('BTREE', 'HASH'), CONCAT(' USING ', index_type), ''))
       END AS definition,
       NULL AS size_bytes,
       backs_constraint,
       CASE WHEN backs_constraint THEN NULL
            ELSE CONCAT('ALTER TABLE `', REPLACE(schema_name, '`', '``'), '`.`', REPLACE(table_name, '`', '``'),
                        '` DROP INDEX IF EXISTS `', REPLACE(server_name, '`', '``'),
                        '`, ALGORITHM=INPLACE, LOCK=NONE;') END AS drop_statement
FROM ranked
WHERE position > 1
ORDER BY table_name, index_name
