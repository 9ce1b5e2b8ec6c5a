-- Whether amcheck is installed in this database (its functions are then callable by permitted users).
SELECT count(*) > 0 AS installed FROM pg_extension WHERE extname = 'amcheck'
