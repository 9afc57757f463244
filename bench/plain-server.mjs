// The yardstick for reads (issues 5 and 22): plain node:http sending the bytes Parley sent, with the
// same headers, so the ratio measures what Parley's routing, version check and cache cost. The only
// logic is what any server must do to send these bytes: find the response for the path, a 304 for
// the matching ETag, the brotli or gzip form when the client asks for it. With `versionQuery` (the
// PostgreSQL yardstick of issue 22) it first makes the same version read Parley makes, on a pool of
// the same size, as a prepared statement.
//   node bench/plain-server.mjs <spec.json>    prints "listening <port>"
//
// spec.json: { responses: [{ path, encoding: 'identity'|'br'|'gzip', notModified?: true, status,
//   headers: { name: value }, body: base64 }], versionQuery?: { url, poolSize, thread } }
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));

/** path → { identity, br, gzip, notModified: { etag, …response } } */
const byPath = new Map();
for (const r of spec.responses) {
  const body = Buffer.from(r.body, 'base64');
  const headers = { ...r.headers };
  if (r.status !== 304) headers['content-length'] = body.length;
  const entry = byPath.get(r.path) ?? {};
  entry[r.notModified ? 'notModified' : r.encoding] = { status: r.status, headers, body, etag: r.headers.etag };
  byPath.set(r.path, entry);
}

let versionOf = null;
if (spec.versionQuery) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: spec.versionQuery.url, max: spec.versionQuery.poolSize });
  pool.on('error', () => {});
  const query = { name: 'plain_version', text: 'SELECT version FROM thread_versions WHERE thread = $1', values: [spec.versionQuery.thread] };
  versionOf = async () => (await pool.query(query)).rows[0]?.version ?? 0;
}

function send(req, res) {
  const entry = byPath.get(req.url);
  if (!entry) return res.writeHead(404).end();
  const etag = req.headers['if-none-match'];
  const accept = req.headers['accept-encoding'] ?? '';
  const chosen =
    etag !== undefined && entry.notModified && etag === entry.notModified.etag
      ? entry.notModified
      : (/\bbr\b/.test(accept) && entry.br) || (/\bgzip\b/.test(accept) && entry.gzip) || entry.identity;
  if (chosen.status === 304) res.writeHead(304, chosen.headers).end();
  else res.writeHead(chosen.status, chosen.headers).end(chosen.body);
}

const server = createServer(
  versionOf
    ? (req, res) => {
        versionOf().then(
          () => send(req, res),
          () => res.writeHead(503).end(),
        );
      }
    : send,
);
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
