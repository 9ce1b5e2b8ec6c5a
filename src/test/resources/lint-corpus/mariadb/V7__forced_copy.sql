-- Statements that force the table copy or the lock idxmig otherwise avoids.
-- expect: table-copy
ALTER TABLE `users` ADD INDEX `idx_users_name` (`name`), ALGORITHM=COPY;
-- expect: table-copy
CREATE INDEX `idx_users_created` ON `users` (`created_at`) LOCK=SHARED;
-- Online as written: no finding.
ALTER TABLE `users` ADD INDEX `idx_users_admin_created` (`admin`, `created_at`), ALGORITHM=INPLACE, LOCK=NONE;
