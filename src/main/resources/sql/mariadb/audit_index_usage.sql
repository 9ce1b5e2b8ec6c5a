-- Usage of every index of one database, for audit, from performance_schema (on, with the table I/O instrument:
-- MariaDbDialect.querySource), counted since the server's start. MariaDB counts rows read through an index, not
-- scans: "scans" is table_io_waits_summary_by_index_usage.COUNT_FETCH (0: never read). No time of the last read
-- (NULL). The size from InnoDB's persistent statistics (needs SELECT on mysql.innodb_index_stats), whether the
-- index enforces something (primary or unique), and its table's writes since the start (inserts + updates +
-- deletes, table_io_waits_summary_by_table). The primary key is named table.PRIMARY, as the ledger names it.
-- Parameters: schema (the database).
SELECT CASE WHEN s.INDEX_NAME = 'PRIMARY' THEN CONCAT(s.TABLE_NAME, '.PRIMARY') ELSE s.INDEX_NAME END AS index_name,
       s.TABLE_NAME                                                      AS table_name,
       COALESCE(u.COUNT_FETCH, 0)                                        AS scans,
       NULL                                                              AS last_scan,
       COALESCE(st.stat_value * @@innodb_page_size, 0)                   AS size_bytes,
       s.non_unique = 0                                                  AS enforces_constraint,
       COALESCE(w.COUNT_INSERT + w.COUNT_UPDATE + w.COUNT_DELETE, 0)     AS table_writes
FROM (SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, MIN(NON_UNIQUE) AS non_unique
      FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = ?
      GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME) s
LEFT JOIN performance_schema.table_io_waits_summary_by_index_usage u
       ON u.OBJECT_TYPE = 'TABLE' AND u.OBJECT_SCHEMA = s.TABLE_SCHEMA AND u.OBJECT_NAME = s.TABLE_NAME
      AND u.INDEX_NAME = s.INDEX_NAME
LEFT JOIN performance_schema.table_io_waits_summary_by_table w
       ON w.OBJECT_TYPE = 'TABLE' AND w.OBJECT_SCHEMA = s.TABLE_SCHEMA AND w.OBJECT_NAME = s.TABLE_NAME
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = s.TABLE_SCHEMA AND st.table_name = s.TABLE_NAME AND st.index_name = s.INDEX_NAME
      AND st.stat_name = 'size'
ORDER BY s.TABLE_NAME, s.INDEX_NAME
