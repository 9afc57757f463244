<?php
// wp_install() as the browser installer calls it, then the two plugins the suite needs active:
// Parley's (docs/wordpress/parley) and the WordPress Importer.
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$installed = wp_install('Parley test', 'admin', 'admin@example.org', true, '', wp_generate_password());
update_option('active_plugins', ['parley/parley.php', 'wordpress-importer/wordpress-importer.php']);
return $installed['user_id'];
