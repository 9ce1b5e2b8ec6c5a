-- The columns of one table as a key sees them: their type, their most bytes, and the most bytes a character of
-- their character set takes (1 where they have none), to tell which are wider than a key part (3072 bytes).
-- Parameters: schema (the database), table.
SELECT c.COLUMN_NAME                AS column_name,
       c.DATA_TYPE                  AS data_type,
       c.CHARACTER_OCTET_LENGTH     AS max_bytes,
       COALESCE(cs.MAXLEN, 1)       AS bytes_per_char
FROM information_schema.COLUMNS c
LEFT JOIN information_schema.CHARACTER_SETS cs ON cs.CHARACTER_SET_NAME = c.CHARACTER_SET_NAME
WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?
