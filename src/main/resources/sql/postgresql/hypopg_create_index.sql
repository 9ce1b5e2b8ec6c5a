-- Makes a hypothetical index in this session's memory (HypoPG); nothing is written to the database.
-- Parameter 1: a plain CREATE INDEX statement (no CONCURRENTLY, no IF NOT EXISTS). Returns its oid and the
-- name plans show for it.
SELECT indexrelid, indexname FROM hypopg_create_index(?)
