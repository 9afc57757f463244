<?php
// wp_install() as the browser installer calls it, then what the suite needs: the importer plugin
// active, and where Parley's scripts are served from (another origin, as for a real site).
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$installed = wp_install('Parley test', 'admin', 'admin@example.org', true, '', wp_generate_password());
update_option('active_plugins', ['wordpress-importer/wordpress-importer.php']);
update_option('parley_test_scripts', $args['scripts']);
return $installed['user_id'];
