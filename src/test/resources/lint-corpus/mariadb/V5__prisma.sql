-- Prisma's migrate for MySQL: no space between the table and its column list.
CREATE INDEX `posts_user_id_title_idx` ON `posts`(`user_id`, `title`(100));
