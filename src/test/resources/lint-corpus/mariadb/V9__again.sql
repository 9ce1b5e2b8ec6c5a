-- The same columns as V2's index under another name.
-- expect: duplicate-index
CREATE INDEX `idx_posts_created` ON `posts` (`created_at`);
DROP INDEX `idx_posts_created` ON `posts`;
