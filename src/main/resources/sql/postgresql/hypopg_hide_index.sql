-- Hides a real index from this session's plans (HypoPG 1.4+); false when it is not an index.
-- Parameter 1: the schema-qualified, quoted index name.
SELECT COALESCE(hypopg_hide_index(to_regclass(?)::oid), false)
