-- What Rails' add_index writes for MySQL: quoted names, one statement each.
CREATE INDEX `index_posts_on_created_at` ON `posts` (`created_at`);
CREATE UNIQUE INDEX `index_users_on_email` ON `users` (`email`);
