<?php
/**
 * Plugin Name: Parley comments
 * Description: Parley's comments widget in place of the theme's comment list and form, on WordPress's own comments (its REST API).
 * Version:     1.0
 * License:     MIT
 *
 * Copy this folder to wp-content/plugins/ and activate it (Plugins). Set PARLEY_URL in
 * wp-config.php to where Parley's files are served: your Parley server (it serves /parley.js and
 * /adapters/wordpress.js), or any folder holding Parley's dist/ files.
 *
 * Tested against WordPress 6.1 with Twenty Twenty-Three (a block theme) and a classic theme, in
 * Parley's own suite (test/wordpress).
 */

defined( 'ABSPATH' ) || exit;
defined( 'PARLEY_URL' ) || define( 'PARLEY_URL', 'https://comments.example.com' );

// Visitors may comment through the REST API: WordPress refuses anonymous REST comments unless a
// site allows them. Its Discussion settings (held first-timers, moderation, disallowed words) and
// its 15-second flood limit still apply.
add_filter( 'rest_allow_anonymous_comments', '__return_true' );

/**
 * Parley's two tags for the current post. No data-api: the widget finds the REST API of the page's
 * own site from the <link rel="https://api.w.org/"> WordPress prints into every page.
 */
function parley_comments_tags() {
	$attributes = apply_filters(
		'parley_script_attributes',
		array(
			'data-backend' => 'wordpress',
			// The heading says "3 thoughts on “Post title”", not the page's <title> with the site name.
			'data-title'   => the_title_attribute( array( 'echo' => false ) ),
		)
	);
	$html = '';
	foreach ( $attributes as $name => $value ) {
		$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	return '<script src="' . esc_url( PARLEY_URL . '/adapters/wordpress.js' ) . '"></script>'
		. '<script src="' . esc_url( PARLEY_URL . '/parley.js' ) . '"' . $html . ' async></script>';
}

// Block themes (Twenty Twenty-Two and later): the Comments block renders Parley instead.
add_filter( 'render_block_core/comments', 'parley_comments_tags' );

// Classic themes: comments_template() loads this plugin's comments.php instead of the theme's.
add_filter(
	'comments_template',
	function () {
		return __DIR__ . '/comments.php';
	}
);

// Tools → Import → WordPress with a file from `parley export --format wxr`: WordPress's importer
// matches posts by title and date only, so it would make a new draft for every thread. Parley's
// items carry their page's address (<guid>) and the _parley_thread meta: a thread whose address is
// a post or page of this site gets its comments there (and importing the file again adds none).
add_filter(
	'wp_import_post_data_raw',
	function ( $post ) {
		$is_parley = ! empty( $post['postmeta'] ) && in_array( '_parley_thread', array_column( $post['postmeta'], 'key' ), true );
		$id        = $is_parley ? url_to_postid( $post['guid'] ) : 0;
		if ( $id ) {
			$post['post_type']   = get_post_type( $id );
			$post['parley_post'] = $id;
		}
		return $post;
	}
);
add_filter(
	'wp_import_existing_post',
	function ( $post_id, $post ) {
		return empty( $post['parley_post'] ) ? $post_id : $post['parley_post'];
	},
	10,
	2
);
