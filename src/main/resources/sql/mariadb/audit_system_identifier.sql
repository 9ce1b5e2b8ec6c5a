-- The server's identity for audit --replica: MariaDB has no system identifier a replica shares with its primary,
-- so its server_id stands in (audit_statistics_window never calls a MariaDB server a standby). Parameters: none.
SELECT CAST(@@server_id AS CHAR) AS system_identifier
