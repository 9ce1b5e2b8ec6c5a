-- Example data: ${worklog_rows} worklogs over 50 companies, 500 authors and 2025; rates and leaves to match.
INSERT INTO worklogs (id, company_id, instance_id, author_email, started, duration_seconds, billable)
SELECT g,
       1 + g % 50,
       1 + g % 200,
       'user' || (g % 500) || '@example.com',
       TIMESTAMP '2025-01-01' + (g % 525600) * INTERVAL '1 minute',
       60 * (1 + g % 480),
       g % 5 <> 0
FROM generate_series(1, ${worklog_rows}) AS g;

INSERT INTO billing_rates (id, company_id, user_email, hourly_rate, valid_from, valid_to)
SELECT g, 1 + g % 50, 'user' || (g % 500) || '@example.com', 40 + g % 60,
       DATE '2024-01-01' + (g % 4) * 180, NULL
FROM generate_series(1, 2000) AS g;

INSERT INTO factorial_leaves (id, company_id, employee_email, status, start_date, end_date)
SELECT g, 1 + g % 50, 'user' || (g % 500) || '@example.com',
       CASE g % 10 WHEN 0 THEN 'pending' WHEN 1 THEN 'rejected' ELSE 'approved' END,
       DATE '2025-01-01' + g % 365, DATE '2025-01-01' + g % 365 + 1 + g % 10
FROM generate_series(1, 20000) AS g;

ANALYZE worklogs;
ANALYZE billing_rates;
ANALYZE factorial_leaves;
