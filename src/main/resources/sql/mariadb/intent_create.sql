-- idxmig's intent log: what a migration, rollback or restore set out to do and how far it got, written on its
-- own connection and committed before and after each statement, so a killed or interrupted run can be resumed
-- and recorded as a whole. On MariaDB every migration goes through it: DDL commits as it goes, there is no
-- transactional DDL. Events: 'started' (detail: the catalog before the first attempt, JSON, cleared once the
-- intent finishes), 'resumed', 'statement' (detail: the statement that completed, as it ran), 'interrupted',
-- 'failed' (detail: why), 'finished'. recorded_at is UTC.
-- {table}: the schema-qualified table name.
CREATE TABLE IF NOT EXISTS {table} (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    intent_id   BIGINT,
    kind        VARCHAR(16)   NOT NULL,
    version     VARCHAR(50)   NOT NULL,
    script      VARCHAR(1000) NOT NULL,
    event       VARCHAR(16)   NOT NULL,
    attempt     INTEGER       NOT NULL,
    detail      LONGTEXT,
    recorded_at DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
