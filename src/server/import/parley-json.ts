// Parley's own export read back (`parley export --format json`). It is our format, so a file that
// does not match it is refused whole, naming the place: a restore should never be half right.
import { exportFileSchema, PARLEY_FORMAT, PARLEY_VERSION } from '../export/parley-format.ts';
import { jsonErrorOffset } from './json-error-offset.ts';
import { ImportError, type ParsedFile } from './types.ts';

/** Line and column of a character offset, for JSON.parse's "at position N". */
function lineOf(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

export function readParleyJson(text: string, parsed: ParsedFile): void {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message.replace(/\.$/, '');
    const body = text.replace(/^\uFEFF/, '');
    const position = /position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? jsonErrorOffset(body) : Number(position);
    const place = offset === null ? '' : ` at ${lineOf(body, offset)}`;
    throw new ImportError(`The file is not valid JSON${place}: ${message.replace(/\s+/g, ' ')}. Nothing was imported.`);
  }
  if ((data as { format?: unknown } | null)?.format !== PARLEY_FORMAT) {
    throw new ImportError(`This JSON file is not a Parley export (it has no "format": "${PARLEY_FORMAT}"). Parley imports its own JSON export, WordPress WXR and Disqus XML.`);
  }
  const result = exportFileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [, index] = issue.path;
    const comments = (data as { comments?: { id?: unknown }[] }).comments;
    const which = issue.path[0] === 'comments' && typeof index === 'number' ? `comment ${index + 1}${typeof comments?.[index]?.id === 'string' ? ` (id ${comments[index].id})` : ''}, ` : '';
    throw new ImportError(`The Parley export does not match version ${PARLEY_VERSION} of its format: ${which}${issue.path.join('.') || 'the file'}: ${issue.message}. Nothing was imported.`);
  }
  const file = result.data;
  parsed.label = `Parley JSON ${file.version}`;
  parsed.aliases = file.aliases;
  file.comments.forEach((c, i) => {
    parsed.comments.push({
      key: `parley\n${c.id}`,
      parentKey: c.parent === null ? null : `parley\n${c.parent}`,
      where: `comment ${i + 1} (id ${c.id})`,
      thread: c.thread,
      status: c.status,
      name: c.name,
      email: c.email,
      website: c.website ?? '',
      text: c.text,
      format: c.format,
      createdAt: Date.parse(c.createdAt),
      editedAt: c.editedAt === null ? null : Date.parse(c.editedAt),
      id: c.id,
      idempotencyKey: c.idempotencyKey,
      fingerprint: c.fingerprint,
      reasons: c.reasons,
      owner: c.owner,
      pinnedAt: c.pinnedAt === null ? null : Date.parse(c.pinnedAt),
      mention: c.mention,
      source: c.source,
      votes: c.votes.map((v) => ({ voter: v.voter, value: v.value, at: Date.parse(v.at) })),
    });
  });
}
