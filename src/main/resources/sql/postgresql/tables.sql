-- Tables of one schema with their columns, to tell when a migration changed more than indexes. The same rows as
-- information_schema.columns joined to its tables view (base and partitioned tables the user may see, their live
-- columns the user may see, data_type spelled as the standard views spell it), read from pg_catalog: planning the
-- information_schema views took 3-6 ms of every call, and a migration makes two (bench/README.md).
-- Parameters: schema, Flyway history table, idxmig ledger table.
SELECT c.relname::text AS table_name,
       a.attname::text AS column_name,
       CASE WHEN t.typtype = 'd' THEN
                CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN 'ARRAY'
                     WHEN nbt.nspname = 'pg_catalog' THEN format_type(t.typbasetype, NULL)
                     ELSE 'USER-DEFINED' END
            ELSE
                CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                     WHEN nt.nspname = 'pg_catalog' THEN format_type(a.atttypid, NULL)
                     ELSE 'USER-DEFINED' END
       END AS data_type
FROM pg_class c
JOIN pg_namespace nc ON nc.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace nt ON nt.oid = t.typnamespace
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
LEFT JOIN pg_namespace nbt ON nbt.oid = bt.typnamespace
WHERE nc.nspname = ?
  AND c.relkind IN ('r', 'p')
  AND nc.oid <> pg_my_temp_schema()
  AND c.relname NOT IN (?, ?, 'idxmig_intent_log')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND (pg_has_role(c.relowner, 'USAGE')
       OR has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'))
ORDER BY c.relname, a.attnum
