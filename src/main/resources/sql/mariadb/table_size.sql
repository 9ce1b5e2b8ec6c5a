-- Rows and bytes of one table, without reading it: InnoDB's row estimate (TABLE_ROWS, sampled, can be off by a
-- lot) and the size of its data (the clustered index, without secondary indexes: what an index build reads).
-- Parameters: schema (the database), table.
SELECT COALESCE(TABLE_ROWS, 0)  AS row_estimate,
       COALESCE(DATA_LENGTH, 0) AS size_bytes
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
  AND TABLE_NAME = ?
  AND TABLE_TYPE = 'BASE TABLE'
