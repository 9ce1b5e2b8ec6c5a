-- Rows of one table, counted (SQLite keeps no estimate; counting walks the table's smallest b-tree, which is
-- quick for the sizes SQLite databases have). Bytes come from dbstat where SQLite is built with it.
-- {table}: the quoted table name.
SELECT count(*) AS row_estimate
FROM {table}
