// `parley import FILE`: detect the format and read and check the whole file (the use case,
// comments/import.ts, then plans and writes it); and the summary as a person reads it. A file that
// cannot be read is refused with an ImportError naming the line.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { XMLValidator } from 'fast-xml-parser';
import type { Status } from '../../core/types.ts';
import { disqusHandler, isDisqus } from './disqus.ts';
import { readParleyJson } from './parley-json.ts';
import { ImportError, XmlSyntaxError, type Note, type ParsedFile, type Skip, type SkipKind } from './types.ts';
import { isWxr, wxrHandler, WXR_NAMESPACE } from './wxr.ts';
import { readXmlRecords } from './xml-records.ts';

export interface ReadOptions {
  /** Called as the file is read: bytes so far and in all (a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Read and check a WXR, Disqus or Parley JSON export without touching any store. */
export async function readExportFile(file: string, options: ReadOptions = {}): Promise<ParsedFile> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ImportError(`${file} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`);
  }
  const parsed: ParsedFile = { format: 'wxr', label: '', comments: [], skipped: [], notes: [], aliases: [] };
  const head = await firstChars(file);
  if (/^\uFEFF?\s*[{[]/.test(head)) {
    parsed.format = 'parley';
    readParleyJson(await readFile(file, 'utf8'), parsed);
    options.onProgress?.(size, size);
    return parsed;
  }
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  async function* chunks() {
    for await (const chunk of stream) {
      yield chunk as string;
      options.onProgress?.(stream.bytesRead, size);
    }
  }
  try {
    await readXmlRecords(chunks(), (root) => {
      if (isWxr(root)) {
        parsed.format = 'wxr';
        return wxrHandler(root, parsed);
      }
      if (isDisqus(root)) {
        parsed.format = 'disqus';
        return disqusHandler(root, parsed);
      }
      if (root.local === 'rss') {
        throw new ImportError(`This is an RSS feed without WordPress's export namespace (${WXR_NAMESPACE.source}). Export from WordPress with Tools → Export → All content (or Posts).`);
      }
      throw new ImportError(`The root element is <${root.local}> (line ${root.line}): this is not a WordPress WXR (<rss>) or Disqus (<disqus>) export.`);
    });
  } catch (error) {
    throw error instanceof XmlSyntaxError ? await earliestXmlError(file, size, error) : error;
  } finally {
    stream.destroy();
  }
  return parsed;
}

/**
 * saxes reads a bare "&" as the start of an entity up to the next ";", so it reports such an
 * error late (often as an unclosed tag at the end of the file). fast-xml-parser's validator points
 * at the "&" itself but lets undefined entities through; the earlier of the two is the error to show.
 */
async function earliestXmlError(file: string, size: number, found: XmlSyntaxError): Promise<XmlSyntaxError> {
  if (size > 256 * 1024 * 1024) return found;
  const result = XMLValidator.validate((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  if (result === true) return found;
  const { line, col, msg } = result.err;
  return line < found.line || (line === found.line && col < found.column) ? new XmlSyntaxError(line, col, msg) : found;
}

async function firstChars(file: string): Promise<string> {
  const stream = createReadStream(file, { encoding: 'utf8', start: 0, end: 1023 });
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

export interface ImportSummary {
  file: string;
  label: string;
  /** Comments found in the file, skipped ones included. */
  read: number;
  /** Comments the file would give the store, by the status they are stored with. */
  byStatus: Record<Status, number>;
  threads: number;
  /** Votes on those comments (Parley JSON only), restored with each comment that is new. */
  votes: number;
  /** Newly stored; undefined on a dry run. */
  created?: number;
  /** Already stored by an earlier import (same source ids): left as they were. */
  existing?: number;
  skipped: Skip[];
  orphans: Note[];
  notes: Note[];
  aliases: number;
  dryRun: boolean;
}

const SKIP_WORDS: Record<SkipKind, [string, string]> = {
  pingback: ['pingback', 'pingbacks'],
  trackback: ['trackback', 'trackbacks'],
  'other-type': ['comment of another type (not a discussion comment)', 'comments of other types (not discussion comments)'],
  'no-thread': ['comment without a usable thread (no link)', 'comments without a usable thread (no link)'],
  'no-date': ['comment without a date', 'comments without a date'],
  duplicate: ['repeated comment', 'repeated comments'],
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The summary as lines for a person; at most `detail` lines of notes per list. */
export function formatSummary(summary: ImportSummary, detail = 20): string[] {
  const lines: string[] = [];
  const statuses = (Object.entries(summary.byStatus) as [Status, number][]).filter(([, n]) => n).map(([s, n]) => `${n.toLocaleString('en')} ${s}`);
  const total = Object.values(summary.byStatus).reduce((a, b) => a + b, 0);
  lines.push(`${summary.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${summary.label} from ${summary.file}`);
  lines.push(`  ${plural(summary.read, 'comment', 'comments')} in the file; ${plural(total, 'comment', 'comments')} for ${plural(summary.threads, 'thread', 'threads')}${statuses.length ? ` (${statuses.join(', ')})` : ''}${summary.votes ? `, with ${plural(summary.votes, 'vote', 'votes')}` : ''}`);
  if (summary.created !== undefined) {
    lines.push(`  ${summary.created.toLocaleString('en')} new, ${summary.existing!.toLocaleString('en')} already present (imported before: left as they were)`);
  }
  if (summary.aliases) lines.push(`  ${plural(summary.aliases, 'thread alias', 'thread aliases')} set`);
  const counts = new Map<SkipKind, number>();
  for (const s of summary.skipped) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  if (counts.size) lines.push(`  skipped: ${[...counts].map(([kind, n]) => plural(n, ...SKIP_WORDS[kind])).join(', ')}`);
  const list = (title: string, items: { where: string; text: string }[]) => {
    if (!items.length) return;
    lines.push(`  ${title}:`);
    for (const item of items.slice(0, detail)) lines.push(`    ${item.where}: ${item.text}`);
    if (items.length > detail) lines.push(`    … and ${(items.length - detail).toLocaleString('en')} more`);
  };
  list('skipped, other than pingbacks and trackbacks', summary.skipped.filter((s) => s.kind !== 'pingback' && s.kind !== 'trackback').map((s) => ({ where: s.where, text: s.detail })));
  list(`${plural(summary.orphans.length, 'orphan', 'orphans')} (reply without its parent)`, summary.orphans.map((n) => ({ where: n.where, text: n.message })));
  list(`${plural(summary.notes.length, 'repair', 'repairs')} so comments pass Parley's checks`, summary.notes.map((n) => ({ where: n.where, text: n.message })));
  return lines;
}
