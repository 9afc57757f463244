// The outbox job kinds of reader mail (issue 17), and what each payload holds. Delivered by
// readers/deliver.ts through the same outbox and worker as the owner's mail (retries, dead letters).
export const READER_JOBS = {
  /** One confirmation mail: `{ email, key }`. Carries nothing the requester typed but the address. */
  confirm: 'reader-confirm',
  /** "Manage my comments": `{ email }`, sent only when the address has comments. */
  manage: 'reader-manage',
  /** A comment was published: `{ comment }` (its id); finds the confirmed followers and queues it for each. */
  published: 'reader-published',
  /** A batch closes: `{ email }`; takes the queued comments and hands them to one `reader-mail`. */
  batch: 'reader-batch',
  /** One mail of published comments: `{ email, comments }` (ids), retried as a whole. */
  mail: 'reader-mail',
} as const;
