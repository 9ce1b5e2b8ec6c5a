-- The table an index belongs to, to name the table when a plan shows an alias. Parameter: index name.
SELECT tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?
