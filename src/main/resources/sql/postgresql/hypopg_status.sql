-- Whether HypoPG can make hypothetical indexes here: its version in this database (null: not created), the
-- version the server's packages offer (null: not installed on the server), the schema its functions are in,
-- whether it can hide indexes (hypopg_hide_index, HypoPG 1.4+), the database and the server's major version.
-- No parameters.
SELECT (SELECT e.extversion FROM pg_extension e WHERE e.extname = 'hypopg') AS installed,
       (SELECT a.default_version FROM pg_available_extensions a WHERE a.name = 'hypopg') AS available,
       (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'hypopg') AS extension_schema,
       EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'hypopg_hide_index') AS can_hide,
       current_database() AS database,
       current_setting('server_version_num')::int / 10000 AS major
