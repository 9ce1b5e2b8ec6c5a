-- Since when this server's index usage counts, for audit: performance_schema counts from the server's start (no
-- reset of it is recorded), the server's clock now, and never a standby in PostgreSQL's sense (audit --replica
-- counts no MariaDB replica). Parameters: none.
SELECT NULL                                                                                   AS stats_reset,
       DATE_FORMAT(UTC_TIMESTAMP(6) - INTERVAL g.VARIABLE_VALUE SECOND, '%Y-%m-%dT%H:%i:%s.%fZ') AS server_start,
       DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%fZ')                                  AS now,
       FALSE                                                                                  AS in_recovery
FROM information_schema.GLOBAL_STATUS g
WHERE g.VARIABLE_NAME = 'UPTIME'
