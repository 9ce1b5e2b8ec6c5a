-- The columns of one table. No rows: the table does not exist. Parameters: schema, table.
SELECT name AS column_name FROM pragma_table_info(?2, ?1)
