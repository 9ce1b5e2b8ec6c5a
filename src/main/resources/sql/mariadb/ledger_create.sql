-- idxmig's index ledger: what each migration did to the index catalog. One 'migrated' row per migration run
-- (outcome, duration, non-index changes), plus one row per index it created, dropped or changed; a primary key
-- with its constraint's definition after and before the change. recorded_at is UTC (DATETIME has no zone).
-- {table}: the schema-qualified table name.
CREATE TABLE IF NOT EXISTS {table} (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    version             VARCHAR(50)   NOT NULL,
    script              VARCHAR(1000) NOT NULL,
    action              VARCHAR(16)   NOT NULL,
    schema_name         VARCHAR(128)  NOT NULL,
    table_name          VARCHAR(128),
    index_name          VARCHAR(200),
    definition          TEXT,
    previous_definition TEXT,
    method              VARCHAR(32),
    is_unique           BOOLEAN,
    is_partial          BOOLEAN,
    is_valid            BOOLEAN,
    size_bytes          BIGINT,
    build_ms            BIGINT        NOT NULL,
    outcome             VARCHAR(16)   NOT NULL,
    non_index_changes   TEXT,
    constraint_definition TEXT,
    previous_constraint_definition TEXT,
    recorded_at         DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
