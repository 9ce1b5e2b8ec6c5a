-- Non-unique indexes with a key column declared BOOLEAN (or BOOL). A boolean has two values, so such a column
-- narrows a search little; a partial index (WHERE flag, or WHERE NOT flag for the rare side) usually does better.
-- Parameters: Flyway history table, idxmig ledger table.
WITH params AS (SELECT ? AS flyway_table, ? AS ledger_table)
SELECT 'main'                                           AS schema_name,
       t.name                                           AS table_name,
       il.name                                          AS index_name,
       s.sql                                            AS definition,
       NULL                                             AS size_bytes,
       group_concat(ii.name, ', ' ORDER BY ii.seqno)    AS boolean_columns,
       (SELECT count(*) FROM pragma_index_info(il.name)) AS key_column_count
FROM sqlite_schema t
JOIN pragma_index_list(t.name) il
JOIN sqlite_schema s ON s.type = 'index' AND s.name = il.name
JOIN pragma_index_info(il.name) ii
JOIN pragma_table_info(t.name) ti ON ti.name = ii.name
CROSS JOIN params p
WHERE t.type = 'table'
  AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND t.name NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
  AND il."unique" = 0
  AND upper(ti.type) IN ('BOOLEAN', 'BOOL')
GROUP BY t.name, il.name
ORDER BY t.name, il.name
