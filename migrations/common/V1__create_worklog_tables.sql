-- The worklog dashboard: time entries, billing rates and leaves, each looked up per company.
CREATE TABLE worklogs (
    id               INTEGER      NOT NULL PRIMARY KEY,
    company_id       INTEGER      NOT NULL,
    instance_id      INTEGER      NOT NULL,
    author_email     VARCHAR(255) NOT NULL,
    started          TIMESTAMP    NOT NULL,
    duration_seconds INTEGER      NOT NULL,
    billable         BOOLEAN      NOT NULL
);

CREATE TABLE billing_rates (
    id          INTEGER        NOT NULL PRIMARY KEY,
    company_id  INTEGER        NOT NULL,
    user_email  VARCHAR(255)   NOT NULL,
    hourly_rate DECIMAL(10, 2) NOT NULL,
    valid_from  DATE           NOT NULL,
    valid_to    DATE
);

CREATE TABLE factorial_leaves (
    id             INTEGER      NOT NULL PRIMARY KEY,
    company_id     INTEGER      NOT NULL,
    employee_email VARCHAR(255) NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    start_date     DATE         NOT NULL,
    end_date       DATE         NOT NULL
);
