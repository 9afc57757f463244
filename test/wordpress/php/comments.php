<?php
// Every comment in the database, as stored (comment_content is the HTML WordPress keeps), oldest
// first, with its post's slug and type so the suites can tell which post it landed on.
global $wpdb;
$where = isset($args['post']) ? $wpdb->prepare('WHERE c.comment_post_ID = %d', $args['post']) : '';
return $wpdb->get_results(
	"SELECT c.comment_ID AS id, c.comment_post_ID AS post, p.post_name AS slug, p.post_type AS type, p.post_status AS post_status,
	        c.comment_parent AS parent, c.comment_author AS author, c.comment_author_email AS email,
	        c.comment_author_url AS url, c.comment_date_gmt AS date_gmt, c.comment_content AS content,
	        c.comment_approved AS approved, c.comment_type AS comment_type
	 FROM {$wpdb->comments} c LEFT JOIN {$wpdb->posts} p ON p.ID = c.comment_post_ID $where
	 ORDER BY c.comment_ID",
	ARRAY_A
);
