-- For a partitioned index: the partitions of its table (at every level) that have no
-- index attached to it, or only an invalid one. An index on a partitioned table is only complete, and unique
-- only enforced, once every partition has its attached, valid index. Parameters: the index's schema, its name.
WITH RECURSIVE tree AS (
    SELECT pi.oid AS root_index, pi.oid AS parent_index, ih.inhrelid AS partition
    FROM pg_class pi
    JOIN pg_namespace n ON n.oid = pi.relnamespace
    JOIN pg_index px ON px.indexrelid = pi.oid
    JOIN pg_inherits ih ON ih.inhparent = px.indrelid
    WHERE pi.relkind = 'I' AND n.nspname = ? AND pi.relname = ?
      AND NOT EXISTS (SELECT 1 FROM pg_inherits up WHERE up.inhrelid = pi.oid)
    UNION ALL
    SELECT t.root_index, ci.indexrelid, ih.inhrelid
    FROM tree t
    JOIN pg_index ci ON ci.indrelid = t.partition
    JOIN pg_inherits link ON link.inhrelid = ci.indexrelid AND link.inhparent = t.parent_index
    JOIN pg_inherits ih ON ih.inhparent = t.partition
)
SELECT rn.nspname AS schema_name, r.relname AS index_name, pn.nspname AS partition_schema,
       p.relname AS partition_name, ai.relname AS attached_index, ax.indisvalid AS attached_valid
FROM tree t
JOIN pg_class r ON r.oid = t.root_index
JOIN pg_namespace rn ON rn.oid = r.relnamespace
JOIN pg_class p ON p.oid = t.partition
JOIN pg_namespace pn ON pn.oid = p.relnamespace
LEFT JOIN pg_inherits link ON link.inhparent = t.parent_index
     AND link.inhrelid IN (SELECT indexrelid FROM pg_index WHERE indrelid = t.partition)
LEFT JOIN pg_class ai ON ai.oid = link.inhrelid
LEFT JOIN pg_index ax ON ax.indexrelid = ai.oid
WHERE p.relkind IN ('r', 'p')
  AND (ai.oid IS NULL OR NOT ax.indisvalid)
ORDER BY rn.nspname, r.relname, pn.nspname, p.relname
