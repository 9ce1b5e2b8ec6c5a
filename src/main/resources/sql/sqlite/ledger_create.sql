-- idxmig's index ledger: what each migration did to the index catalog. One 'migrated' row per migration run
-- (outcome, duration, non-index changes), plus one row per index it created, dropped or changed; an index behind a
-- primary key, unique or exclusion constraint with its constraint's definition after and before the change. Ledgers
-- made before those two columns existed get them added (IndexLedger.ensureTable).
-- {table}: the table name.
CREATE TABLE IF NOT EXISTS {table} (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    version             TEXT    NOT NULL,
    script              TEXT    NOT NULL,
    action              TEXT    NOT NULL,
    schema_name         TEXT    NOT NULL,
    table_name          TEXT,
    index_name          TEXT,
    definition          TEXT,
    previous_definition TEXT,
    method              TEXT,
    is_unique           BOOLEAN,
    is_partial          BOOLEAN,
    is_valid            BOOLEAN,
    size_bytes          INTEGER,
    build_ms            INTEGER NOT NULL,
    outcome             TEXT    NOT NULL,
    non_index_changes   TEXT,
    constraint_definition TEXT,
    previous_constraint_definition TEXT,
    recorded_at         TEXT    NOT NULL
)
