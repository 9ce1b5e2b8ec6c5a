-- idxmig's intent log: what a migration, rollback or restore set out to do and how far it got, written on its
-- own connection and committed before and after each statement, so a killed or interrupted run can be resumed
-- and recorded as a whole. Events: 'started' (detail: the catalog before the first attempt, JSON, cleared once the
-- intent finishes), 'resumed', 'statement' (detail: the statement that completed), 'interrupted', 'failed'
-- (detail: why), 'finished'.
-- {table}: the table name.
CREATE TABLE IF NOT EXISTS {table} (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    intent_id   INTEGER,
    kind        TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    script      TEXT    NOT NULL,
    event       TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    detail      TEXT,
    recorded_at TEXT    NOT NULL
)
