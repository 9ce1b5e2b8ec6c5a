-- Progress of a running ALTER TABLE / CREATE INDEX in one session: InnoDB's stage (read PK and internal sort,
-- merge sort, insert, log apply index, ...) with its work done and estimated (performance_schema.events_stages_current,
-- with the stage/innodb/alter table% instruments and that consumer on). Parameter: the builder's session id.
SELECT SUBSTRING(s.EVENT_NAME, LENGTH('stage/innodb/') + 1) AS stage,
       COALESCE(s.WORK_COMPLETED, 0)                        AS work_completed,
       COALESCE(s.WORK_ESTIMATED, 0)                        AS work_estimated
FROM performance_schema.events_stages_current s
JOIN performance_schema.threads t ON t.THREAD_ID = s.THREAD_ID
WHERE t.PROCESSLIST_ID = ?
  AND s.EVENT_NAME LIKE 'stage/innodb/alter table%'
