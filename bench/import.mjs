// `node bench/import.mjs` (also a row of `npm run bench`): a synthetic WordPress export of 10,000
// comments (100 posts of 100, a third of them replies, HTML bodies, every status, plus pingbacks to
// skip) imported into a fresh SQLite file, imported again (every comment found: nothing written),
// and exported back as Parley JSON and WXR. Times are wall clock, in this process; the machine's
// other load moves them.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importTs } from './lib.mjs';

/** A deterministic pseudo-random sequence (mulberry32), so every run imports the same file. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');
const wpDate = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** The WXR text: `posts` items of `perPost` comments each, and one pingback per post on top. */
export function syntheticWxr({ posts = 100, perPost = 100, seed = 8 } = {}) {
  const next = random(seed);
  const statuses = ['1', '1', '1', '1', '1', '1', '1', '0', 'spam', 'trash'];
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">', '<channel>', '<link>https://bench.example</link>', '<wp:wxr_version>1.2</wp:wxr_version>'];
  let id = 0;
  let time = Date.parse('2020-01-01T00:00:00Z');
  for (let p = 1; p <= posts; p++) {
    out.push(`<item><title>Post ${p}</title><link>https://bench.example/${2020 + (p % 5)}/post-${p}/</link><wp:post_id>${p}</wp:post_id><wp:post_type>post</wp:post_type>`);
    out.push(`<content:encoded><![CDATA[${'<p>The article body, which the importer does not keep.</p>'.repeat(40)}]]></content:encoded>`);
    const ids = [];
    for (let c = 0; c < perPost; c++) {
      id++;
      time += 1000 + Math.floor(next() * 600_000);
      const parent = ids.length && next() < 0.33 ? ids[Math.floor(next() * ids.length)] : 0;
      ids.push(id);
      const body = `<p>Comment ${id} on post ${p}: a reader's thoughts &amp; a <a href="https://example.org/${id}">link</a>.</p>\n\nSecond paragraph with <strong>bold</strong> words and an entity &#8217;s.`;
      out.push(
        `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 700}]]></wp:comment_author><wp:comment_author_email>reader${id % 700}@example.org</wp:comment_author_email><wp:comment_author_url>${id % 3 ? '' : `https://reader${id % 700}.example`}</wp:comment_author_url><wp:comment_date>${wpDate(time + 3_600_000)}</wp:comment_date><wp:comment_date_gmt>${wpDate(time)}</wp:comment_date_gmt><wp:comment_content><![CDATA[${body}]]></wp:comment_content><wp:comment_approved>${statuses[Math.floor(next() * statuses.length)]}</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`,
      );
    }
    id++;
    out.push(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>Ping</wp:comment_author><wp:comment_date_gmt>${wpDate(time)}</wp:comment_date_gmt><wp:comment_content>[…] pinged […]</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>pingback</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>`);
    out.push('</item>');
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}

/** Import, re-import and export timings; `comments` is how many the file holds (pingbacks aside). */
export async function importBench({ posts = 100, perPost = 100, log = () => {} } = {}) {
  const [{ importComments }, { createSqliteStore }, { readAllComments, exportOrder }, { jsonExportLines }, { wxrExportLines }] = await Promise.all([
    importTs('src/server/comments/import.ts'),
    importTs('src/server/store/sqlite.ts'),
    importTs('src/server/export/read-all.ts'),
    importTs('src/server/export/json.ts'),
    importTs('src/server/export/wxr.ts'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'parley-import-bench-'));
  try {
    const file = join(dir, 'synthetic.xml');
    writeFileSync(file, syntheticWxr({ posts, perPost }));
    const bytes = statSync(file).size;
    const store = createSqliteStore({ file: join(dir, 'bench.db') });
    const secret = 'bench-secret';
    log(`  importing ${(posts * perPost).toLocaleString('en')} comments (${(bytes / 2 ** 20).toFixed(1)} MiB of WXR) …`);
    let t = performance.now();
    const first = await importComments({ store, secret: async () => secret }, { file });
    const importMs = performance.now() - t;
    t = performance.now();
    const again = await importComments({ store, secret: async () => secret }, { file });
    const reimportMs = performance.now() - t;
    t = performance.now();
    const rows = exportOrder(await readAllComments(store));
    let jsonBytes = 0;
    for (const line of jsonExportLines(rows, [], new Date())) jsonBytes += Buffer.byteLength(line) + 1;
    const jsonMs = performance.now() - t;
    t = performance.now();
    const rows2 = exportOrder(await readAllComments(store));
    let wxrBytes = 0;
    for (const line of wxrExportLines(rows2, { site: 'https://bench.example', exportedAt: new Date() })) wxrBytes += Buffer.byteLength(line) + 1;
    const wxrMs = performance.now() - t;
    await store.close();
    return { comments: posts * perPost, bytes, importMs, created: first.created, skipped: first.skipped.length, reimportMs, existing: again.existing, createdAgain: again.created, jsonMs, jsonBytes, wxrMs, wxrBytes, stored: rows.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await importBench({ log: (l) => console.error(l) });
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`WXR of ${r.comments.toLocaleString('en')} comments, ${(r.bytes / 2 ** 20).toFixed(1)} MiB, into a fresh SQLite file`);
  console.log(`  import:    ${s(r.importMs)} (${Math.round(r.comments / (r.importMs / 1000)).toLocaleString('en')} comments/s), ${r.created.toLocaleString('en')} created, ${r.skipped} pingbacks skipped`);
  console.log(`  re-import: ${s(r.reimportMs)}, ${r.createdAgain} created, ${r.existing.toLocaleString('en')} already present`);
  console.log(`  export json: ${s(r.jsonMs)} (${(r.jsonBytes / 2 ** 20).toFixed(1)} MiB); wxr: ${s(r.wxrMs)} (${(r.wxrBytes / 2 ** 20).toFixed(1)} MiB)`);
}
