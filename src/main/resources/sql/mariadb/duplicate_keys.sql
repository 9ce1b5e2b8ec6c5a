-- Key values that occur more than once in a table, so a unique index on those columns cannot be built: how
-- many such values there are, and the most repeated one with its count. Rows with a NULL key column are left
-- out (they never conflict in a unique index).
-- {table}: the quoted table; {columns}: the quoted key columns, comma-separated;
-- {not_null}: "c1 IS NOT NULL AND c2 IS NOT NULL"; {predicate}: 1 = 1 (MariaDB has no partial indexes).
SELECT COUNT(*) OVER () AS duplicate_keys,
       COUNT(*)         AS copies,
       {columns}
FROM {table}
WHERE {not_null} AND ({predicate})
GROUP BY {columns}
HAVING COUNT(*) > 1
ORDER BY COUNT(*) DESC
LIMIT 1
