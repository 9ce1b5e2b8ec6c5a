-- Rate lookup per user and date, and the pending-leave queue. MariaDB has no partial indexes: the status is a
-- key column instead of a WHERE clause.
ALTER TABLE billing_rates
    ADD INDEX idx_billing_rates_lookup (company_id, user_email, valid_from);

CREATE INDEX idx_factorial_leaves_company_status
    ON factorial_leaves (company_id, status, start_date);
