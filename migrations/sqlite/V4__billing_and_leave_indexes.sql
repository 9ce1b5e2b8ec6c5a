-- Rate lookup per user and date, and the pending-leave queue (a partial index: only pending rows).
CREATE INDEX idx_billing_rates_lookup
    ON billing_rates (company_id, user_email, valid_from);

CREATE INDEX idx_factorial_leaves_company_status
    ON factorial_leaves (company_id, start_date)
    WHERE status = 'pending';
