-- The sessions with an open InnoDB transaction, other than this one, oldest first: the usual holders of a
-- metadata lock (it lasts as long as the transaction that took it) where performance_schema cannot name them.
-- Parameters: none.
SELECT p.ID AS session_id, p.USER AS user_name, p.HOST AS host, p.COMMAND AS command, p.TIME AS seconds,
       p.INFO AS current_statement, t.trx_started AS transaction_started
FROM information_schema.INNODB_TRX t
JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
WHERE p.ID <> CONNECTION_ID()
ORDER BY t.trx_started
