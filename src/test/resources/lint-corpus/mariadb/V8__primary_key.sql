-- A primary key change rebuilds the whole table.
-- expect: blocking-index-build
ALTER TABLE `post_tags` DROP PRIMARY KEY, ADD PRIMARY KEY (`post_id`, `tag_id`);
