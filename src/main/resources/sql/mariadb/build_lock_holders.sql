-- The sessions holding a granted metadata lock on one table, other than this one, from performance_schema (on,
-- with the wait/lock/metadata/sql/mdl instrument): who kept a statement from the table's metadata lock. A
-- statement's metadata lock lasts until its transaction ends, so an idle session that read the table in an open
-- transaction is named here with the last statement it ran (events_statements_current, where that consumer is on).
-- Parameter: table (in the session's current database).
SELECT DISTINCT th.PROCESSLIST_ID                         AS session_id,
       th.PROCESSLIST_USER                                AS user_name,
       th.PROCESSLIST_HOST                                AS host,
       th.PROCESSLIST_COMMAND                             AS command,
       th.PROCESSLIST_TIME                                AS seconds,
       m.LOCK_TYPE                                        AS lock_type,
       m.LOCK_DURATION                                    AS lock_duration,
       th.PROCESSLIST_INFO                                AS current_statement,
       st.SQL_TEXT                                        AS last_statement
FROM performance_schema.metadata_locks m
JOIN performance_schema.threads th ON th.THREAD_ID = m.OWNER_THREAD_ID
LEFT JOIN performance_schema.events_statements_current st ON st.THREAD_ID = m.OWNER_THREAD_ID
WHERE m.OBJECT_TYPE = 'TABLE'
  AND m.OBJECT_SCHEMA = DATABASE()
  AND m.OBJECT_NAME = ?
  AND m.LOCK_STATUS = 'GRANTED'
  AND th.PROCESSLIST_ID <> CONNECTION_ID()
ORDER BY th.PROCESSLIST_TIME DESC, th.PROCESSLIST_ID
