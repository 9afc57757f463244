// `parley export --format json`: one comment a line inside one JSON document, so a large export
// streams out line by line and a diff of two exports reads comment by comment.
import type { StoredComment, StoredVote } from '../store/store.ts';
import { PARLEY_FORMAT, PARLEY_VERSION, type ExportedComment, type ExportedVote } from './parley-format.ts';
import type { JsonExport } from './read-all.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Voter order in code units (the same on every machine), so two exports of the same votes are one file. */
const exportedVotes = (votes: readonly StoredVote[]): ExportedVote[] =>
  [...votes].sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : 0)).map((v) => ({ voter: v.voter, value: v.value, at: iso(v.at) }));

/** A stored comment as the file writes it, with its votes (`votes`: none, the field is left out). */
export function toExported(row: StoredComment, votes: readonly StoredVote[] = []): ExportedComment {
  return {
    id: row.id,
    thread: row.thread,
    parent: row.parent,
    status: row.status,
    name: row.name,
    email: row.email,
    website: row.website,
    text: row.text,
    format: row.format,
    createdAt: iso(row.createdAt),
    editedAt: row.editedAt === null ? null : iso(row.editedAt),
    idempotencyKey: row.idempotencyKey,
    fingerprint: row.fingerprint,
    reasons: row.reasons.map((r) => ({ rule: r.rule, verdict: r.verdict, message: r.message })),
    ...(row.owner && { owner: true as const }),
    ...(row.pinnedAt !== null && { pinnedAt: iso(row.pinnedAt) }),
    ...(row.mention !== null && { mention: row.mention }),
    ...(row.source !== null && { source: row.source }),
    ...(votes.length > 0 && { votes: exportedVotes(votes) }),
  };
}

/**
 * The export as lines (joined with "\n" they are the file), from what read-all.ts readJsonExport
 * read: the comments in export order, their votes by comment id, the aliases.
 * @example for (const line of jsonExportLines(await readJsonExport(store), new Date())) process.stdout.write(`${line}\n`);
 */
export function* jsonExportLines({ rows, aliases, votes }: JsonExport, exportedAt: Date): Generator<string> {
  const head = { format: PARLEY_FORMAT, version: PARLEY_VERSION, exportedAt: exportedAt.toISOString(), aliases: aliases.map((a) => ({ from: a.from, to: a.to })) };
  yield `${JSON.stringify(head).slice(0, -1)},"comments":[`;
  for (let i = 0; i < rows.length; i++) yield JSON.stringify(toExported(rows[i]!, votes.get(rows[i]!.id))) + (i < rows.length - 1 ? ',' : '');
  yield ']}';
}
