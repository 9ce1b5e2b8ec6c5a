-- Whether performance_schema is on, and which of what idxmig reads from it are: the metadata-lock instrument
-- (lock holders), InnoDB's ALTER TABLE stage instruments with the events_stages_current consumer (build
-- progress), and the table I/O instrument (index usage). Fails when the user may not read performance_schema
-- (asked only when @@performance_schema is 1: a user may read that on any server).
-- Parameters: none.
SELECT @@performance_schema AS enabled,
       (SELECT ENABLED = 'YES' FROM performance_schema.setup_instruments
        WHERE NAME = 'wait/lock/metadata/sql/mdl')                              AS metadata_locks,
       (SELECT COUNT(*) > 0 FROM performance_schema.setup_instruments
        WHERE NAME LIKE 'stage/innodb/alter table%' AND ENABLED = 'YES')
       AND (SELECT ENABLED = 'YES' FROM performance_schema.setup_consumers
            WHERE NAME = 'events_stages_current')                                AS stages,
       (SELECT ENABLED = 'YES' FROM performance_schema.setup_instruments
        WHERE NAME = 'wait/io/table/sql/handler')                               AS table_io
