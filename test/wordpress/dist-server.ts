// Parley's built files (dist/) on an origin of their own, as a site owner would host parley.js and
// adapters/wordpress.js away from the WordPress site: a second 127.0.0.1 port. The code chunks
// (chunks/NAME-HASH.js, ES modules the embed import()s) need `Access-Control-Allow-Origin` to load
// on the WordPress page's origin, as the README asks of any host of dist/.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DIST } from '../helpers/site.ts';

export async function serveDist(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.join(DIST, name);
    if (!name.endsWith('.js') || !file.startsWith(DIST)) return void res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}
