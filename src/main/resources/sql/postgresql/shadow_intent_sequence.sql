-- After the intent log's rows were copied into a shadow database with their ids: the id sequence goes on after
-- the highest, as on the target, so the replay's own entries do not collide. {table}: the schema-qualified table.
SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))
