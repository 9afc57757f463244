<?php
// Runs one tool of this folder inside the test WordPress, as its administrator (a real import runs
// in wp-admin, logged in): php boot.php SITE_DIR TOOL < args.json. Prints
// { "result": what the tool returned, "output": what it echoed } as JSON.
[, $site, $tool] = $argv;
$args = json_decode(stream_get_contents(STDIN), true) ?? [];
$_SERVER['HTTP_HOST'] = parse_url(getenv('PARLEY_WP_URL'), PHP_URL_HOST) . ':' . parse_url(getenv('PARLEY_WP_URL'), PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = parse_url(getenv('PARLEY_WP_URL'), PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
if ($tool === 'install') define('WP_INSTALLING', true);
// The WordPress Importer loads only where importers are (wp-admin/import.php defines this).
define('WP_LOAD_IMPORTERS', true);
require $site . '/wp-load.php';
if ($tool !== 'install') wp_set_current_user(1);
ob_start();
$result = require __DIR__ . "/$tool.php";
$output = ob_get_clean();
echo json_encode(['result' => $result, 'output' => $output], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE);
