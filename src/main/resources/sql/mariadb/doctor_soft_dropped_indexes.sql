-- Indexes the optimizer ignores (IGNORED, MariaDB 10.6+), each with the ledger's soft drop of it where the ledger
-- records one (an applied 'soft_dropped' row that no later row of the index outdates): since when, by which
-- migration; the statement that finishes it (the online drop) and the one that undoes it (NOT IGNORED). An IGNORED
-- index without such a row was ignored outside idxmig's migrations (version, script and recorded_at are NULL).
-- Parameters: schema (the database), Flyway history table, idxmig ledger table. {ledger}: the ledger table,
-- qualified (the check runs only where it exists).
SELECT s.TABLE_NAME AS table_name,
       s.INDEX_NAME AS index_name,
       l.version    AS version,
       l.script     AS script,
       DATE_FORMAT(l.recorded_at, '%Y-%m-%d %H:%i:%s UTC') AS since,
       CONCAT('ALTER TABLE `', REPLACE(s.TABLE_SCHEMA, '`', '``'), '`.`', REPLACE(s.TABLE_NAME, '`', '``'),
              '` DROP INDEX IF EXISTS `', REPLACE(s.INDEX_NAME, '`', '``'), '`, ALGORITHM=INPLACE, LOCK=NONE')
                    AS drop_statement,
       CONCAT('ALTER TABLE `', REPLACE(s.TABLE_SCHEMA, '`', '``'), '`.`', REPLACE(s.TABLE_NAME, '`', '``'),
              '` ALTER INDEX `', REPLACE(s.INDEX_NAME, '`', '``'), '` NOT IGNORED, ALGORITHM=INSTANT')
                    AS restore_statement
FROM (SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME
      FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = ? AND IGNORED = 'YES' AND TABLE_NAME NOT IN (?, ?, 'idxmig_intent_log')) s
LEFT JOIN {ledger} l
       ON l.table_name = s.TABLE_NAME AND l.index_name = s.INDEX_NAME
      AND l.action = 'soft_dropped' AND l.outcome = 'applied'
      AND NOT EXISTS (SELECT 1 FROM {ledger} later
                      WHERE later.index_name = l.index_name AND later.id > l.id AND later.outcome <> 'rolled_back')
ORDER BY s.TABLE_NAME, s.INDEX_NAME
