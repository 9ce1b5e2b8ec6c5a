-- The schema of a SQLite database as the statements that made it, tables first, then indexes, views, triggers,
-- each kind in the order it was created; SQLite's own objects (sqlite_%) left out. No parameters.
SELECT type, name, sql
FROM sqlite_schema
WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid
