-- The size of each index of one database, from InnoDB's persistent statistics (pages times the page size; updated
-- when an index is built and when statistics are recalculated). Needs SELECT on mysql.innodb_index_stats: without
-- it idxmig reports no sizes rather than failing.
-- Parameter: schema (the database).
SELECT table_name, index_name, stat_value * @@innodb_page_size AS size_bytes
FROM mysql.innodb_index_stats
WHERE database_name = ?
  AND stat_name = 'size'
