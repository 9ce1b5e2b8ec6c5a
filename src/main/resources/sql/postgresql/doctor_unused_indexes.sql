-- Indexes no query has scanned (idx_scan = 0) since statistics were collected: they cost every write and
-- their disk, and serve nobody.
-- Left out: unique and primary-key indexes and those backing any constraint (they enforce something even when
-- never scanned), invalid ones (doctor_invalid_indexes reports them), indexes supporting a foreign key (the
-- parent's deletes need them; dropping one would create an unindexed foreign key), Flyway's and idxmig's tables,
-- and the indexes of partitions (attached to a partitioned index: they cannot be dropped one by one, and the
-- partitioned index has no scan count of its own).
-- Adapted from pg-index-health's unused_indexes.sql (Apache-2.0), with idx_scan = 0 instead of a threshold.
-- Parameters: schema, Flyway history table, idxmig ledger table.
WITH params AS (SELECT ?::text AS schema_name, ?::text AS flyway_table, ?::text AS ledger_table)
SELECT s.schemaname                    AS schema_name,
       s.relname                       AS table_name,
       s.indexrelname                  AS index_name,
       pg_get_indexdef(s.indexrelid)   AS definition,
       pg_relation_size(s.indexrelid)  AS size_bytes,
       format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I;', s.schemaname, s.indexrelname) AS drop_statement
FROM pg_stat_user_indexes s
JOIN pg_index x ON x.indexrelid = s.indexrelid
JOIN pg_class i ON i.oid = s.indexrelid
CROSS JOIN params p
WHERE s.schemaname = p.schema_name
  AND s.relname NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
  AND s.idx_scan = 0
  AND NOT i.relispartition
  AND NOT x.indisunique
  AND x.indisvalid
  AND NOT EXISTS (SELECT 1
                  FROM pg_constraint c
                  WHERE c.conindid = x.indexrelid
                    AND c.conrelid = x.indrelid
                    AND c.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1
                  FROM pg_constraint fk
                  WHERE fk.contype = 'f'
                    AND fk.conrelid = x.indrelid
                    AND x.indpred IS NULL
                    -- the foreign key's columns are the index's leading columns, in any order
                    AND (SELECT count(*)
                         FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, pos)
                         WHERE k.pos <= cardinality(fk.conkey)
                           AND k.attnum = ANY (fk.conkey)) = cardinality(fk.conkey))
ORDER BY pg_relation_size(s.indexrelid) DESC, s.relname, s.indexrelname
