// The yardstick for reads (issue 5): plain node:http sending the bytes Parley sent, with the same
// headers, so the ratio measures what Parley's routing, version check and cache cost. The only
// logic is what any server must do to send these bytes: a 304 for the matching ETag, the gzip form
// when asked for it.
//   node bench/plain-server.mjs <spec.json>    prints "listening <port>"
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const identity = Buffer.from(spec.identity, 'base64');
const gzip = Buffer.from(spec.gzip, 'base64');
const { 'content-type': type, ...common } = spec.headers;

const server = createServer((req, res) => {
  if (req.headers['if-none-match'] === spec.headers.etag) {
    res.writeHead(304, common).end();
  } else if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    res.writeHead(200, { ...common, 'content-type': type, 'content-encoding': 'gzip', 'content-length': gzip.length }).end(gzip);
  } else {
    res.writeHead(200, { ...common, 'content-type': type, 'content-length': identity.length }).end(identity);
  }
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
