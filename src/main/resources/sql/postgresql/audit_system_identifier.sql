-- The database system's identifier (pg_control_system()): a streaming standby has its primary's, so audit
-- --replica can tell a standby of this system from another server. Parameters: none.
SELECT system_identifier::text AS system_identifier FROM pg_control_system()
