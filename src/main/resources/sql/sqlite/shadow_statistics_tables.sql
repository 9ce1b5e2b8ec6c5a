-- The planner statistics tables ANALYZE has written in this database (sqlite_stat1, and sqlite_stat4 where the
-- library was built with it). No parameters.
SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4') ORDER BY name
