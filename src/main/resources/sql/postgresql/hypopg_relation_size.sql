-- The estimated size in bytes of one hypothetical index of this session. Parameter 1: its oid, as
-- hypopg_create_index returned it.
SELECT hypopg_relation_size(?::oid)
