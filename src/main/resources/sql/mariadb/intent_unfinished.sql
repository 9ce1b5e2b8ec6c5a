-- The intents of one kind that never finished: the 'started' row of each (detail: the catalog before its first
-- attempt), with how many attempts and completed statements were recorded since.
-- {table}: the intent log table. Parameter 1: kind ('migrate', 'rollback', 'restore').
SELECT s.id, s.version, s.script, s.detail,
       (SELECT COUNT(*) FROM {table} r WHERE r.intent_id = s.id AND r.event = 'resumed') AS resumes,
       (SELECT COUNT(*) FROM {table} r WHERE r.intent_id = s.id AND r.event = 'statement') AS statements
FROM {table} s
WHERE s.event = 'started' AND s.kind = ?
  AND NOT EXISTS (SELECT 1 FROM {table} f WHERE f.intent_id = s.id AND f.event = 'finished')
ORDER BY s.id
