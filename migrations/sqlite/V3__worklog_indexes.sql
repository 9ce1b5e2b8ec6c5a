-- The dashboard's two worklog lookups: one user's entries in a date range, one instance's in a date range.
CREATE INDEX idx_worklogs_user_range
    ON worklogs (company_id, author_email, started);

CREATE INDEX idx_worklogs_instance_range
    ON worklogs (instance_id, started);
