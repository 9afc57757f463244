<?php
/*
 * Plugin Name: Parley (test site)
 * What a site owner adds to use Parley (README "WordPress"), plus the test site's switches.
 */

// Visitors may post through the REST API (WordPress refuses them by default).
add_filter('rest_allow_anonymous_comments', '__return_true');

// This machine has no mail server; WordPress mails the owner about new and held comments.
add_filter('pre_wp_mail', '__return_false');

// Parley's two tags where the theme would show its comments. A block theme (Twenty Twenty-Three
// here) renders the Comments block; a classic theme calls comments_template().
function parley_tags() {
	$scripts = get_option('parley_test_scripts');
	$api = get_option('parley_test_api');
	return '<script src="' . esc_url($scripts . '/adapters/wordpress.js') . '"></script>'
		. '<script src="' . esc_url($scripts . '/parley.js') . '" data-backend="wordpress"'
		// The post's own title for "N thoughts on “…”" (the page's <title> carries the site's name too).
		. ' data-title="' . the_title_attribute(['echo' => false]) . '"'
		. ($api ? ' data-api="' . esc_attr($api) . '"' : '') . ' async></script>';
}
add_filter('render_block_core/comments', 'parley_tags');
