-- Since when the index usage doctor_unused_indexes_userstat reads has been counted: userstat counts from when it
-- was turned on or INDEX_STATISTICS last flushed, which the server does not record; the server's start is the
-- earliest it can be, and the window may be shorter.
-- Parameters: none.
SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL g.VARIABLE_VALUE SECOND, '%Y-%m-%d %H:%i UTC') AS since,
       'server start at the earliest: userstat counts from when it was turned on or last flushed' AS source,
       CAST(g.VARIABLE_VALUE AS SIGNED)                                                   AS age_seconds
FROM information_schema.GLOBAL_STATUS g
WHERE g.VARIABLE_NAME = 'UPTIME'
