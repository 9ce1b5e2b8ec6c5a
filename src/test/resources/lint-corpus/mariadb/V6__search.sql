-- A full-text index added to a table in use: InnoDB builds it under a shared lock.
-- expect: blocking-index-build
ALTER TABLE `posts` ADD FULLTEXT INDEX `ft_posts_body` (`body`);
