<?php
// The WordPress Importer (0.9.5) on a file, as Tools → Import → WordPress runs it once the file is
// uploaded and the author form is sent: WP_Import::import(), attachments not fetched. `authors` is
// what that form sends for each author of the file; the form's default (no existing user picked, no
// new login typed) is [login => ['user_new' => '', 'user_map' => 0]]. `reset` empties the content
// tables first, so the file meets a site with none of another file's posts. `files` runs several
// files so, one after the other, in this one process (each reset first).

// What wp-admin loads before an importer runs (post_exists(), comment_exists(), media functions …).
require_once ABSPATH . 'wp-admin/includes/admin.php';

$import = function ($file, $reset, $authors) {
	global $wpdb;
	if ($reset) {
		foreach (['posts', 'postmeta', 'comments', 'commentmeta', 'terms', 'term_taxonomy', 'term_relationships', 'termmeta'] as $table) {
			$wpdb->query('TRUNCATE TABLE ' . $wpdb->$table);
		}
		wp_cache_flush();
	}
	$_POST = [];
	foreach ($authors as $login => $choice) {
		$_POST['imported_authors'][] = $login;
		$_POST['user_new'][] = $choice['user_new'];
		$_POST['user_map'][] = $choice['user_map'];
	}
	$importer = new WP_Import();
	$importer->fetch_attachments = false;
	// A file the importer cannot read makes import() print the reason and die(): ask its parser first.
	$parsed = $importer->parse($file);
	if (is_wp_error($parsed)) return ['error' => $parsed->get_error_message(), 'posts' => [], 'comments' => []];
	ob_start();
	$importer->import($file);
	$output = ob_get_clean();
	$posts = [];
	foreach ($importer->processed_posts as $old => $new) {
		$post = get_post($new);
		if (!$post) continue;
		$posts[] = ['old' => $old, 'id' => $new, 'title' => $post->post_title, 'type' => $post->post_type, 'status' => $post->post_status, 'author' => get_the_author_meta('user_login', $post->post_author), 'author_name' => get_the_author_meta('display_name', $post->post_author)];
	}
	$args = [];
	return ['posts' => $posts, 'comments' => require __DIR__ . '/comments.php', 'output' => $output];
};

if (isset($args['files'])) {
	$all = [];
	foreach ($args['files'] as $file) $all[basename($file)] = $import($file, true, []);
	return $all;
}
$result = $import($args['file'], !empty($args['reset']), $args['authors'] ?? []);
echo $result['output'];
return $result;
