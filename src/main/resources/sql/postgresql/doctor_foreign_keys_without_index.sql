-- Foreign keys whose columns are not the leading columns of any valid index of the referencing table that serves
-- every row the key checks: a non-partial index, or a partial one whose predicate is only IS NOT NULL on (some
-- of) the key's columns, alone or ANDed (Rails writes `(parent_id) WHERE (parent_id IS NOT NULL)`): a row with a
-- NULL key column is never checked, and PostgreSQL's own lookup (`WHERE parent_id = $1`) implies the predicate
-- and uses such an index. Any other predicate (`WHERE status = 'x'`, OR, another column) does not cover. PostgreSQL indexes the referenced side (it must be unique) but never the referencing side: every
-- delete or key update on the parent then scans the child table, holding locks while it does.
-- Adapted from pg-index-health's foreign_keys_without_index.sql (Apache-2.0); column order within the leading
-- columns does not matter here, as the check's lookup is an equality on all of them.
-- Parameters: schema, Flyway history table, idxmig ledger table.
WITH params AS (SELECT ?::text AS schema_name, ?::text AS flyway_table, ?::text AS ledger_table)
SELECT n.nspname   AS schema_name,
       t.relname   AS table_name,
       c.conname   AS constraint_name,
       pt.relname  AS referenced_table,
       cols.names  AS columns,
       format('CREATE INDEX CONCURRENTLY IF NOT EXISTS %I ON %I.%I (%s);',
              left(t.relname || '_' || cols.underscored, 59) || '_idx', n.nspname, t.relname, cols.names)
                   AS create_statement,
       'a partial index counts when its predicate is only IS NOT NULL on the key''s columns' AS accepted
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_class pt ON pt.oid = c.confrelid
CROSS JOIN params p
CROSS JOIN LATERAL (
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY u.pos) AS names,
           string_agg(a.attname, '_' ORDER BY u.pos)               AS underscored
    FROM unnest(c.conkey) WITH ORDINALITY u(attnum, pos)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = u.attnum
) cols
CROSS JOIN LATERAL (
    -- the predicate terms a covering partial index may have, as pg_get_expr prints them
    SELECT array_agg(quote_ident(a.attname) || ' IS NOT NULL') AS terms
    FROM pg_attribute a
    WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
) not_null
WHERE c.contype = 'f'
  AND c.conparentid = 0  -- a partition's copy of its parent's foreign key is reported once, on the parent
  AND n.nspname = p.schema_name
  AND t.relname NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
  AND NOT EXISTS (SELECT 1
                  FROM pg_index x
                  WHERE x.indrelid = c.conrelid
                    AND x.indisvalid
                    AND (x.indpred IS NULL
                         OR (SELECT bool_and(btrim(term, '()') = ANY (not_null.terms))
                             FROM regexp_split_to_table(pg_get_expr(x.indpred, x.indrelid), ' AND ') term))
                    AND (SELECT count(*)
                         FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, pos)
                         WHERE k.pos <= cardinality(c.conkey)
                           AND k.attnum = ANY (c.conkey)) = cardinality(c.conkey))
ORDER BY t.relname, c.conname
