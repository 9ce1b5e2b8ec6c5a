-- What Laravel's schema builder writes: lower case, no space before the column list.
alter table `posts` add index `posts_user_id_created_at_index`(`user_id`, `created_at`);
alter table `posts` add unique `posts_slug_unique`(`slug`);
