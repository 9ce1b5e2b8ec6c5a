-- Example data: ${worklog_rows} worklogs over 50 companies, 500 authors and 2025; rates and leaves to match.
-- The rows come from MariaDB's SEQUENCE engine (seq_1_to_N), its generate_series.
INSERT INTO worklogs (id, company_id, instance_id, author_email, started, duration_seconds, billable)
SELECT seq,
       1 + seq % 50,
       1 + seq % 200,
       CONCAT('user', seq % 500, '@example.com'),
       TIMESTAMP '2025-01-01 00:00:00' + INTERVAL (seq % 525600) MINUTE,
       60 * (1 + seq % 480),
       seq % 5 <> 0
FROM seq_1_to_${worklog_rows};

INSERT INTO billing_rates (id, company_id, user_email, hourly_rate, valid_from, valid_to)
SELECT seq, 1 + seq % 50, CONCAT('user', seq % 500, '@example.com'), 40 + seq % 60,
       DATE '2024-01-01' + INTERVAL (seq % 4) * 180 DAY, NULL
FROM seq_1_to_2000;

INSERT INTO factorial_leaves (id, company_id, employee_email, status, start_date, end_date)
SELECT seq, 1 + seq % 50, CONCAT('user', seq % 500, '@example.com'),
       CASE seq % 10 WHEN 0 THEN 'pending' WHEN 1 THEN 'rejected' ELSE 'approved' END,
       DATE '2025-01-01' + INTERVAL seq % 365 DAY, DATE '2025-01-01' + INTERVAL (seq % 365 + 1 + seq % 10) DAY
FROM seq_1_to_20000;

ANALYZE TABLE worklogs, billing_rates, factorial_leaves;
