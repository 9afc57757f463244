<?php
// What a classic theme's comments_template() shows with the Parley plugin active.
defined( 'ABSPATH' ) || exit;
echo parley_comments_tags(); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped where built.
