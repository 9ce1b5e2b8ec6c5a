-- Whether pg_stat_statements can be read in this database: loaded by the server (shared_preload_libraries) and
-- created here (CREATE EXTENSION), with the schema it lives in. No parameters.
SELECT current_setting('shared_preload_libraries') ~ '(^|[ ,])pg_stat_statements([ ,]|$)' AS loaded,
       (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_stat_statements')                                        AS extension_schema,
       EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') AS available,
       current_database()                                                               AS database
