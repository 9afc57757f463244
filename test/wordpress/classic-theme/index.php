<!doctype html>
<html <?php language_attributes(); ?>>
<head><meta charset="<?php bloginfo( 'charset' ); ?>"><?php wp_head(); ?></head>
<body>
<?php while ( have_posts() ) : the_post(); ?>
	<article><h1><?php the_title(); ?></h1><?php the_content(); ?></article>
	<?php
	if ( is_singular() && ( comments_open() || get_comments_number() ) ) {
		comments_template();
	}
endwhile;
wp_footer();
?>
</body>
</html>
