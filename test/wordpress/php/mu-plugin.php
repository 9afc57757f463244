<?php
/*
 * Plugin Name: Parley test site
 * The test site's switches, beside the Parley plugin (docs/wordpress/parley) that a site owner installs.
 */

// This machine has no mail server; WordPress mails the owner about new and held comments.
add_filter('pre_wp_mail', '__return_false');

// A test may give the widget a data-api (the option parley_test_api).
add_filter('parley_script_attributes', function ($attributes) {
	$api = get_option('parley_test_api');
	return $api ? $attributes + ['data-api' => $api] : $attributes;
});
