-- The foreign keys that depend on an index (the unique index, primary key or unique constraint they reference):
-- dropping the index or its constraint fails without CASCADE, and CASCADE would drop them silently.
-- Parameters: the index's schema, the index's name.
SELECT f.conname          AS constraint_name,
       fn.nspname         AS schema_name,
       ft.relname         AS table_name,
       pg_get_constraintdef(f.oid) AS definition
FROM pg_constraint f
JOIN pg_class ft ON ft.oid = f.conrelid
JOIN pg_namespace fn ON fn.oid = ft.relnamespace
JOIN pg_class i ON i.oid = f.conindid
JOIN pg_namespace n ON n.oid = i.relnamespace
WHERE f.contype = 'f'
  AND n.nspname = ?
  AND i.relname = ?
  AND f.conparentid = 0
ORDER BY fn.nspname, ft.relname, f.conname
