// Shared set-up for the import and export suites: the real fixtures, a temp folder for
// hand-written files, and an import into a store with the server secret read as the CLI reads it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importComments } from '../../../src/server/comments/import.ts';
import type { ImportSummary } from '../../../src/server/import/import-file.ts';
import type { Store, StoredComment } from '../../../src/server/store/store.ts';
import { readAllComments } from '../../../src/server/export/read-all.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixture = (name: string) => path.resolve(repoRoot, '../shared/fixtures', name);

export const SECRET = 'import-suite-secret';

/** A file with these contents in a fresh temp folder. */
export function tempFile(name: string, contents: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'parley-import-')), name);
  writeFileSync(file, contents);
  return file;
}

export function importInto(store: Store, file: string, dryRun = false): Promise<ImportSummary> {
  return importComments({ store, secret: async () => SECRET }, { file, dryRun });
}

export const everything = (store: Store): Promise<StoredComment[]> => readAllComments(store);

/** Depth of a comment: 0 for top-level. */
export function depthOf(rows: StoredComment[], row: StoredComment): number {
  const byId = new Map(rows.map((r) => [r.id, r]));
  let depth = 0;
  for (let r = row; r.parent; r = byId.get(r.parent)!) depth++;
  return depth;
}

/** A WXR 1.2 file around the given <item> elements. */
export function wxr(items: string, channel = '<link>https://blog.example</link>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
${channel}
<wp:wxr_version>1.2</wp:wxr_version>
${items}
</channel>
</rss>
`;
}

/** One <wp:comment> with sensible defaults; any field may be overridden (raw XML content). */
export function wpComment(fields: Record<string, string>): string {
  const all: Record<string, string> = {
    comment_id: '1',
    comment_author: '<![CDATA[Ann]]>',
    comment_author_email: 'ann@example.org',
    comment_author_url: '',
    comment_date: '2024-05-01 14:00:00',
    comment_date_gmt: '2024-05-01 12:00:00',
    comment_content: '<![CDATA[Hello]]>',
    comment_approved: '1',
    comment_type: 'comment',
    comment_parent: '0',
    ...fields,
  };
  return `<wp:comment>${Object.entries(all).map(([k, v]) => `<wp:${k}>${v}</wp:${k}>`).join('')}</wp:comment>`;
}
