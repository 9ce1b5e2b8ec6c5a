-- An index on a whole TEXT column: MariaDB keys its first 768 characters, or a hidden hash when unique.
-- expect: implicit-prefix
CREATE INDEX `idx_posts_body` ON `posts` (`body`);
-- The prefix said: no finding.
CREATE INDEX `idx_posts_body_start` ON `posts` (`body`(100));
