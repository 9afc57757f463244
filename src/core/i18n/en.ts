// English, the embed's only built-in language. Every word a reader sees is here, so a site can
// override any key (`mount(el, { strings: { postComment: 'Send' } })`) or ship another language
// as its own file. Placeholders: {n} a number, {title} the article title, {name} an author,
// {max} a limit, {field} a field label.
export const en = {
  /** BCP 47 language tag: the plural rules (Intl.PluralRules) and the dates (Intl.DateTimeFormat). */
  lang: 'en',
  /** 'rtl' for Arabic, Hebrew and the like: the widget's root gets this `dir`. */
  dir: 'ltr' as 'ltr' | 'rtl',
  countNone: 'No comments yet',
  // Plural forms by Intl.PluralRules category of the language (`other` always; English has one and
  // other, Russian one/few/many/other, Arabic all six). {n} the number, {title} the article title.
  countTitle: { one: 'One thought on “{title}”', other: '{n} thoughts on “{title}”' } as Plural,
  countNoTitle: { one: 'One thought', other: '{n} thoughts' } as Plural,
  leaveReply: 'Leave a Reply',
  replyingTo: 'Replying to {name}',
  cancelReply: 'Cancel reply',
  reply: 'Reply',
  replyTo: 'Reply to {name}',
  comment: 'Comment',
  // Issue 16: under the comment box; the marks stay as they are in every language, the words change.
  formatHint: '**bold**, *italic*, `code`, > quote, - list, [link](https://…)',
  name: 'Name',
  email: 'Email',
  website: 'Website',
  saveDetails: 'Save my name, email, and website in this browser for the next time I comment.',
  // Issue 17: shown when the server mails readers; the first time, a confirmation mail comes first.
  notifyReplies: 'Notify me of replies by email',
  postComment: 'Post Comment',
  posting: 'Posting…',
  privacy: 'Your email address will not be published.',
  requiredNote: 'Required fields are marked',
  required: 'required',
  awaiting: 'Your comment is awaiting moderation.',
  deleted: 'This comment was deleted.',
  showMore: 'Show more comments',
  showMoreReplies: 'Show more replies',
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded. {reason}',
  retry: 'Retry',
  // In place of the form on a closed thread (WordPress's words, and its translations in the other files).
  commentsClosed: 'Comments are closed.',
  // Webmentions (issue 18): other sites' pages that link here, listed under the comments.
  mentions: 'Mentions',
  networkError: 'The comment server could not be reached.',
  // A page whose origin the server refuses (issue 14): the reader cannot fix it, the site owner can.
  originNotAllowed: 'This page’s address ({origin}) is not allowed on the comment server; the site’s owner can add it with --origin.',
  commentBy: 'Comment by {name}',
  edited: '(edited)',
  /** Shown where the widget would be when data-backend names a backend the embed does not carry. */
  badBackend: 'Comments cannot be shown: unknown backend “{name}”.',
};

/**
 * The words of posting: what the form says after Post Comment, and the check messages. Kept apart
 * from `en` because the post chunk (src/widget/chunks/post) carries them, loaded when the reader
 * first focuses the form; every language defines them.
 */
export const enPost = {
  discard: 'Discard draft',
  // Issue 16: the button that shows the comment as it will look, and the name of what it shows.
  preview: 'Preview',
  postFailed: 'Your comment was not sent. {reason} Your text is kept.',
  posted: 'Your comment was posted.',
  held: 'Your comment was sent and is awaiting moderation.',
  fixErrors: 'Please correct the marked fields.',
  errRequired: '{field} is required.',
  errTooLong: '{field} is too long: at most {max} characters.',
  errEmail: 'Enter an email address like name@example.com.',
  errWebsite: 'Enter a web address starting with http:// or https://.',
  errControlChars: '{field} contains invisible control characters; please remove them.',
  errBidi: '{field} contains text-direction control characters; please remove them.',
};

/**
 * The words of editing and deleting one's own comment inside the edit window. Kept apart from `en`
 * so the widget can carry them wherever its byte budget allows; every language defines them.
 */
export const enEdit = {
  edit: 'Edit',
  remove: 'Delete',
  save: 'Save',
  cancelEdit: 'Cancel',
  editLabel: 'Edit your comment',
  confirmRemove: 'Delete your comment? This cannot be undone.',
  saved: 'Your changes were saved.',
  removed: 'Your comment was deleted.',
  editFailed: 'Your change was not saved. {reason}',
};

/**
 * The count script's words (dist/count.js): "No comments", "One comment", "12 comments" for
 * `[data-parley-count]` elements on index pages.
 */
export const enCount = {
  commentsNone: 'No comments',
  comments: { one: 'One comment', other: '{n} comments' } as Plural,
};

/** One phrase in every plural category a language has (Intl.LDMLPluralRule); `other` is required. */
export type Plural = { [k in 'zero' | 'one' | 'two' | 'few' | 'many']?: string } & { other: string };

export type Strings = typeof en & typeof enPost & typeof enEdit & typeof enCount;
export type StringKey = keyof Strings;
