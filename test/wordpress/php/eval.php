<?php
// A few lines of PHP from the suite (options, a post, a moderator's action), run as the admin.
return eval($args['code']);
