-- Every index of one database (MariaDB's schema), one row per key part, in key order: the dialect rebuilds each
-- index's canonical CREATE INDEX text from these rows (MariaDB prints no definition of an index by itself).
-- Left out: the indexes of Flyway's and idxmig's own tables. IGNORED (MariaDB 10.6+) is kept: an ignored index is
-- there but unused by the optimizer, which a definition must say.
-- Parameters: schema (the database), Flyway history table, idxmig ledger table.
SELECT s.TABLE_NAME     AS table_name,
       s.INDEX_NAME     AS index_name,
       s.NON_UNIQUE     AS non_unique,
       s.SEQ_IN_INDEX   AS seq_in_index,
       s.COLUMN_NAME    AS column_name,
       s.COLLATION      AS collation,
       s.SUB_PART       AS sub_part,
       s.INDEX_TYPE     AS index_type,
       s.INDEX_COMMENT  AS index_comment,
       s.IGNORED        AS ignored
FROM information_schema.STATISTICS s
JOIN information_schema.TABLES t
  ON t.TABLE_SCHEMA = s.TABLE_SCHEMA AND t.TABLE_NAME = s.TABLE_NAME
WHERE s.TABLE_SCHEMA = ?
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND s.TABLE_NAME NOT IN (?, ?, 'idxmig_intent_log')
ORDER BY s.TABLE_NAME, s.INDEX_NAME = 'PRIMARY' DESC, s.INDEX_NAME, s.SEQ_IN_INDEX
