-- Usage of every index of one schema, for audit: the scans counted since the statistics started, the time of the
-- last scan where the server records it (last_idx_scan, PostgreSQL 16+; read through to_jsonb, so the same query
-- gives NULL on older servers instead of failing), the size now, whether it enforces something (unique, or behind
-- a primary key, unique or exclusion constraint), and its table's writes since the statistics started (inserts +
-- updates + deletes: each one also writes this index, the price it adds). Indexes of partitioned tables have no
-- row here (PostgreSQL counts their partitions' indexes instead).
-- Parameters: schema.
SELECT s.indexrelname                                          AS index_name,
       s.relname                                               AS table_name,
       s.idx_scan                                              AS scans,
       to_char((to_jsonb(s) ->> 'last_idx_scan')::timestamptz AT TIME ZONE 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')                   AS last_scan,
       pg_relation_size(s.indexrelid)                          AS size_bytes,
       (x.indisunique OR EXISTS (SELECT 1
                                 FROM pg_constraint c
                                 WHERE c.conindid = x.indexrelid
                                   AND c.contype IN ('p', 'u', 'x'))) AS enforces_constraint,
       t.n_tup_ins + t.n_tup_upd + t.n_tup_del                 AS table_writes
FROM pg_stat_user_indexes s
JOIN pg_index x ON x.indexrelid = s.indexrelid
JOIN pg_stat_user_tables t ON t.relid = s.relid
WHERE s.schemaname = ?
ORDER BY s.relname, s.indexrelname
