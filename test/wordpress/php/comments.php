<?php
// Every comment in the database, as stored (comment_content is the HTML WordPress keeps; names are
// kept HTML-escaped), oldest first, with its post's slug, type and status, and the Parley id a
// Parley WXR export carried in (`_parley_id` comment meta), so the suites can pair comments exactly.
global $wpdb;
$where = isset($args['post']) ? $wpdb->prepare('WHERE c.comment_post_ID = %d', $args['post']) : '';
return $wpdb->get_results(
	"SELECT c.comment_ID AS id, c.comment_post_ID AS post, p.post_name AS slug, p.post_type AS type, p.post_status AS post_status,
	        c.comment_parent AS parent, c.comment_author AS author, c.comment_author_email AS email,
	        c.comment_author_url AS url, c.comment_date_gmt AS date_gmt, c.comment_content AS content,
	        c.comment_approved AS approved, c.comment_type AS comment_type, m.meta_value AS parley_id
	 FROM {$wpdb->comments} c
	 LEFT JOIN {$wpdb->posts} p ON p.ID = c.comment_post_ID
	 LEFT JOIN {$wpdb->commentmeta} m ON m.comment_id = c.comment_ID AND m.meta_key = '_parley_id'
	 $where
	 ORDER BY c.comment_ID",
	ARRAY_A
);
