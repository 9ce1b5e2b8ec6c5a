-- The dashboard's two worklog lookups: one user's entries in a date range, one instance's in a date range.
-- CONCURRENTLY: writers keep writing while the indexes build (V3__worklog_indexes.sql.conf runs this script
-- outside a transaction, which CONCURRENTLY requires).
CREATE INDEX CONCURRENTLY idx_worklogs_user_range
    ON worklogs (company_id, author_email, started);

CREATE INDEX CONCURRENTLY idx_worklogs_instance_range
    ON worklogs (instance_id, started);
