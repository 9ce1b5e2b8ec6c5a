-- The dashboard's two worklog lookups: one user's entries in a date range, one instance's in a date range.
-- Online: idxmig adds ALGORITHM=INPLACE, LOCK=NONE to each index statement that does not say them, so writers
-- keep writing while the indexes build, and the server refuses (never silently copies) what it cannot do so.
CREATE INDEX idx_worklogs_user_range
    ON worklogs (company_id, author_email, started);

CREATE INDEX idx_worklogs_instance_range
    ON worklogs (instance_id, started);
