-- Every index of the database with its size from InnoDB's persistent statistics (pages times the page size;
-- updated when an index is built and when statistics are recalculated), the partitions of a partitioned table
-- summed, largest first. MariaDB keeps no per-index scan or cache counts idxmig reads here: those columns are NULL.
-- Asked only where this user may read mysql.innodb_index_stats (MariaDbDialect.querySource).
-- Parameters: schema (the database), Flyway history table, idxmig ledger table.
SELECT st.database_name                                                   AS schema_name,
       SUBSTRING_INDEX(st.table_name, '#P#', 1)                           AS table_name,
       CASE WHEN st.index_name = 'PRIMARY'
            THEN CONCAT(SUBSTRING_INDEX(st.table_name, '#P#', 1), '.PRIMARY')
            ELSE st.index_name END                                        AS index_name,
       SUM(st.stat_value) * @@innodb_page_size                            AS size_bytes,
       NULL                                                               AS scans,
       NULL                                                               AS blocks_hit,
       NULL                                                               AS blocks_read
FROM mysql.innodb_index_stats st
WHERE st.database_name = ?
  AND st.stat_name = 'size'
  AND SUBSTRING_INDEX(st.table_name, '#P#', 1) NOT IN (?, ?, 'idxmig_intent_log')
GROUP BY st.database_name, SUBSTRING_INDEX(st.table_name, '#P#', 1), st.index_name
ORDER BY size_bytes DESC, table_name, index_name
