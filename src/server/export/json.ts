// `parley export --format json`: one comment a line inside one JSON document, so a large export
// streams out line by line and a diff of two exports reads comment by comment.
import type { StoredComment } from '../store/store.ts';
import { PARLEY_FORMAT, PARLEY_VERSION, type ExportedComment } from './parley-format.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function toExported(row: StoredComment): ExportedComment {
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
  };
}

/**
 * The export as lines (joined with "\n" they are the file). `rows` must already be in export order.
 * @example for (const line of jsonExportLines(exportOrder(await readAllComments(store)), aliases, new Date())) process.stdout.write(`${line}\n`);
 */
export function* jsonExportLines(rows: readonly StoredComment[], aliases: readonly { from: string; to: string }[], exportedAt: Date): Generator<string> {
  const head = { format: PARLEY_FORMAT, version: PARLEY_VERSION, exportedAt: exportedAt.toISOString(), aliases: aliases.map((a) => ({ from: a.from, to: a.to })) };
  yield `${JSON.stringify(head).slice(0, -1)},"comments":[`;
  for (let i = 0; i < rows.length; i++) yield JSON.stringify(toExported(rows[i]!)) + (i < rows.length - 1 ? ',' : '');
  yield ']}';
}
