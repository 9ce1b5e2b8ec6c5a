-- Non-unique indexes with a boolean key column. A boolean has two values, so such a column narrows a search
-- little; a partial index (WHERE flag, or WHERE NOT flag for the rare side) is usually smaller and faster.
-- Parameters: schema, Flyway history table, idxmig ledger table.
WITH params AS (SELECT ?::text AS schema_name, ?::text AS flyway_table, ?::text AS ledger_table)
SELECT n.nspname                      AS schema_name,
       t.relname                      AS table_name,
       i.relname                      AS index_name,
       pg_get_indexdef(x.indexrelid)  AS definition,
       pg_relation_size(x.indexrelid) AS size_bytes,
       string_agg(a.attname, ', ' ORDER BY k.pos) AS boolean_columns,
       x.indnkeyatts                  AS key_column_count
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
CROSS JOIN params p
CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, pos)
JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
WHERE n.nspname = p.schema_name
  AND t.relname NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
  AND NOT x.indisunique
  AND x.indisvalid
  AND NOT i.relispartition
  AND k.pos <= x.indnkeyatts
  AND a.atttypid = 'boolean'::regtype
GROUP BY n.nspname, t.relname, i.relname, x.indexrelid, x.indnkeyatts
ORDER BY t.relname, i.relname
