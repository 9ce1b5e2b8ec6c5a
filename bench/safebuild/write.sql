-- One write as an application makes it: a new worklog row (RowExclusiveLock on worklog_bench).
\set company random(1, 500)
\set user random(0, 19999)
INSERT INTO worklog_bench (company_id, author_email, started, duration_seconds)
VALUES (:company, 'user' || :user || '@example.com', now(), 60);
