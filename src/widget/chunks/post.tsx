// The post chunk (dist/chunks/post-HASH.js): what Post Comment does — the form's checks, worded
// in the page's language, the post itself and what its answer changes (README "Posting"). A
// reader needs it only once they write, so it loads when they first focus the form (the form
// token's moment), not with the first render; its bytes made room there for the formatted text.
// What the entry uses of it:
export { submit } from './post/submit.ts';
export { FailedPost } from './post/FailedPost.tsx';
export { PreviewBox } from './post/PreviewBox.tsx';
export { PreviewButton } from './post/PreviewButton.tsx';
