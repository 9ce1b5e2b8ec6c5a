-- Example data: ${worklog_rows} worklogs over 50 companies, 500 authors and 2025; rates and leaves to match.
WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < ${worklog_rows})
INSERT INTO worklogs (id, company_id, instance_id, author_email, started, duration_seconds, billable)
SELECT g,
       1 + g % 50,
       1 + g % 200,
       'user' || (g % 500) || '@example.com',
       datetime('2025-01-01', '+' || (g % 525600) || ' minutes'),
       60 * (1 + g % 480),
       g % 5 <> 0
FROM seq;

WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < 2000)
INSERT INTO billing_rates (id, company_id, user_email, hourly_rate, valid_from, valid_to)
SELECT g, 1 + g % 50, 'user' || (g % 500) || '@example.com', 40 + g % 60,
       date('2024-01-01', '+' || ((g % 4) * 180) || ' days'), NULL
FROM seq;

WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < 20000)
INSERT INTO factorial_leaves (id, company_id, employee_email, status, start_date, end_date)
SELECT g, 1 + g % 50, 'user' || (g % 500) || '@example.com',
       CASE g % 10 WHEN 0 THEN 'pending' WHEN 1 THEN 'rejected' ELSE 'approved' END,
       date('2025-01-01', '+' || (g % 365) || ' days'),
       date('2025-01-01', '+' || (g % 365 + 1 + g % 10) || ' days')
FROM seq;

ANALYZE;
