-- idxmig's intent log: what a migration, rollback or restore set out to do and how far it got, written on its
-- own connection and committed before and after each statement, so a killed or interrupted run can be resumed
-- and recorded as a whole. Events: 'started' (detail: the catalog before the first attempt, JSON, cleared once the
-- intent finishes), 'resumed', 'statement' (detail: the statement that completed), 'interrupted', 'failed'
-- (detail: why), 'finished'.
-- {table}: the schema-qualified table name.
CREATE TABLE IF NOT EXISTS {table} (
    id          BIGSERIAL PRIMARY KEY,
    intent_id   BIGINT,
    kind        VARCHAR(16)   NOT NULL,
    version     VARCHAR(50)   NOT NULL,
    script      VARCHAR(1000) NOT NULL,
    event       VARCHAR(16)   NOT NULL,
    attempt     INTEGER       NOT NULL,
    detail      TEXT,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
)
