-- Whether a relation is a partitioned table or a partitioned index (relkind p or I), which have no storage of
-- their own and no concurrent build or drop. Parameter: the relation's oid.
SELECT relkind IN ('p', 'I') AS is_partitioned FROM pg_class WHERE oid = ?::oid
