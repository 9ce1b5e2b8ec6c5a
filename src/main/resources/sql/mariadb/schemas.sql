-- The user databases of the server (MariaDB's schemas), system databases left out, for --schemas patterns.
SELECT SCHEMA_NAME AS schema_name
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
ORDER BY SCHEMA_NAME
