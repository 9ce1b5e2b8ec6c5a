-- Since when the index usage doctor_unused_indexes reads has been counted: performance_schema counts from the
-- server's start, so the window is the uptime.
-- Parameters: none.
SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL g.VARIABLE_VALUE SECOND, '%Y-%m-%d %H:%i UTC') AS since,
       'server start, performance_schema'                                                 AS source,
       CAST(g.VARIABLE_VALUE AS SIGNED)                                                   AS age_seconds
FROM information_schema.GLOBAL_STATUS g
WHERE g.VARIABLE_NAME = 'UPTIME'
