-- Django on MySQL: a prefix length where utf8mb4 makes a long VARCHAR too wide for a whole-column key.
CREATE INDEX `posts_title_4b0e7f_idx` ON `posts` (`title`(191));
ALTER TABLE `users` ADD CONSTRAINT `users_name_uniq` UNIQUE (`name`);
