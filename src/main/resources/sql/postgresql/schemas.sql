-- The user schemas of the database (system and toast schemas left out), for --schemas patterns.
SELECT nspname AS schema_name
FROM pg_namespace
WHERE nspname NOT LIKE 'pg\_%'
  AND nspname <> 'information_schema'
ORDER BY nspname
