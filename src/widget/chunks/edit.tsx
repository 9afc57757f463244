// The edit chunk (dist/chunks/edit-HASH.js): a reader's Edit and Delete of their own comment inside
// the edit window (README "Editing and deleting"). Loaded when the widget starts with such a
// comment in the browser, and prefetched when the reader first focuses the form, so the comment
// they post shows its buttons at once and Edit opens with no request. What the entry uses of it:
export { EditBox } from './edit/EditBox.tsx';
export { OwnCommentActions } from './edit/OwnCommentActions.tsx';
