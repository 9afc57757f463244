<?php
// The importer's own parsers on one file: each one's authors, and each post's author and comments.
$out = [];
foreach (['WXR_Parser_SimpleXML', 'WXR_Parser_XML', 'WXR_Parser_Regex', 'WXR_Parser_XML_Processor'] as $class) {
	$parsed = (new $class())->parse($args['file']);
	if (is_wp_error($parsed)) {
		$out[$class] = ['error' => $parsed->get_error_message()];
		continue;
	}
	$out[$class] = [
		'authors' => array_values($parsed['authors']),
		'posts' => array_map(fn($p) => [
			'post_author' => $p['post_author'],
			'post_title' => $p['post_title'],
			'post_name' => $p['post_name'],
			'guid' => $p['guid'],
			'comments' => $p['comments'] ?? [],
		], $parsed['posts']),
	];
}
return $out;
