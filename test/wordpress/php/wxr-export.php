<?php
// Tools → Export → All content, as the file WordPress would offer for download.
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(['content' => 'all']);
file_put_contents($args['file'], ob_get_clean());
return filesize($args['file']);
