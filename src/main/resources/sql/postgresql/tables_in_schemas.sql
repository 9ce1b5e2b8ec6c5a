-- Which of the given tables exist in which of the given schemas: to_regclass('"schema"."table"') for many
-- pairs in one query (fleet verify and status ask it of Flyway's history and idxmig's ledger in every schema).
-- Like to_regclass, any relation of that name counts.
-- Parameters: schema names (text[]), table names (text[]).
SELECT n.nspname AS schema_name,
       c.relname AS table_name
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY (?)
  AND c.relname = ANY (?)
ORDER BY n.nspname, c.relname
