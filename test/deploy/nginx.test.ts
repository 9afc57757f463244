// deploy/nginx/parley.conf (issue 19, item 2) in Debian's nginx, started by this test in front of a
// real `parley serve --trust-proxy`: TLS with a self-signed certificate, HTTP/2, compression done
// once, each client's own address reaching Parley (its rate limit tells them apart), the access log
// without raw addresses, Authorization headers or query-string tokens, /metrics kept inside, the
// stream's location passing through. The file is used as it is; only its addresses, ports and
// paths are swapped for this test's (each swap must match exactly once).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type ClientHttp2Session } from 'node:http2';
import { createServer, request } from 'node:http';
import { connect as tcpConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, startInstance, type Instance } from '../helpers/server.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'parley-nginx-'));
const ADMIN = 'nginx-test-admin-token-5b7e';
const QUERY_SECRET = 'query-token-that-must-not-be-logged';
const HEADER_SECRET = 'bearer-token-that-must-not-be-logged';
let parley: Instance;
let nginx: ChildProcess | undefined;
let nginxOutput = '';
let tlsPort: number;
let httpPort: number;
let cert: Buffer;
const accessLog = join(dir, 'parley.access.log');

/** A port the OS has just handed out and taken back (nginx cannot be given port 0). */
const freePort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

const swapOnce = (text: string, from: string | RegExp, to: string) => {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, `${from.flags}g`)) ?? []).length;
  if (count !== 1) throw new Error(`deploy/nginx/parley.conf: expected one ${from} to swap for the test, found ${count}`);
  return text.replace(from, to);
};

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  parley = await startInstance([
    '--db', join(dir, 'parley.db'),
    '--trust-proxy',
    '--admin-token', ADMIN,
    // One post a minute per client: a second post from the same client is 429, another client's is not.
    '--posts-per-minute', '1',
    '--min-submit-seconds', '0',
    '--flood-seconds', '0',
  ]);
  tlsPort = await freePort();
  httpPort = await freePort();
  let site = readFileSync(join(root, 'deploy/nginx/parley.conf'), 'utf8');
  site = swapOnce(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${parley.port};`);
  site = swapOnce(site, /^\s*listen 80;$/m, `    listen 127.0.0.1:${httpPort};`);
  site = swapOnce(site, /^\s*listen \[::\]:80;\n/m, '');
  site = swapOnce(site, /^\s*listen 443 ssl http2;$/m, `    listen 127.0.0.1:${tlsPort} ssl http2;`);
  site = swapOnce(site, /^\s*listen \[::\]:443 ssl http2;\n/m, '');
  site = swapOnce(site, '/etc/letsencrypt/live/comments.blog.example/fullchain.pem', join(dir, 'cert.pem'));
  site = swapOnce(site, '/etc/letsencrypt/live/comments.blog.example/privkey.pem', join(dir, 'key.pem'));
  site = site.replaceAll('/var/log/nginx/parley.access.log', accessLog);
  writeFileSync(join(dir, 'parley.conf'), site);
  mkdirSync(join(dir, 'temp'));
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${asRoot ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  include ${dir}/parley.conf;
}
`,
  );
  execFileSync('nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
  nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  nginx.stdout!.setEncoding('utf8').on('data', (d: string) => (nginxOutput += d));
  nginx.stderr!.setEncoding('utf8').on('data', (d: string) => (nginxOutput += d));
  // Ready once its TLS port accepts a connection.
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxOutput}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(tlsPort, '127.0.0.1', () => resolve(true)).once('error', () => resolve(false));
      socket.once('connect', () => socket.destroy());
    });
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 60_000);

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx!.once('exit', resolve));
    nginx.kill('SIGQUIT');
    const timer = setTimeout(() => nginx!.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** An HTTP/2 session over TLS to nginx, from the given local address (127.0.0.x: a different client). */
function client(localAddress = '127.0.0.1'): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connect(`https://127.0.0.1:${tlsPort}`, { ca: cert, localAddress } as Parameters<typeof connect>[1]);
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}

async function h2(session: ClientHttp2Session, path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const stream = session.request({ ':method': method, ':path': path, ':authority': 'comments.blog.example', ...headers });
  if (body) stream.end(body);
  else stream.end();
  const chunks: Buffer[] = [];
  const head = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
    stream.once('response', resolve);
    stream.once('error', reject);
  });
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { status: Number(head[':status']), headers: head, body: Buffer.concat(chunks) };
}

const postFrom = async (session: ClientHttp2Session, text: string, key: string, extra: Record<string, string> = {}) =>
  h2(session, '/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extra },
    body: JSON.stringify({ thread: '/behind-nginx', text, name: 'Ann', email: 'ann@example.com', idempotencyKey: key }),
  });

describe('deploy/nginx/parley.conf in front of parley serve --trust-proxy', () => {
  it('speaks HTTP/2 over TLS, and sends the embed compressed once, by Parley', async () => {
    const session = await client();
    try {
      expect(session.alpnProtocol).toBe('h2');
      const built = readFileSync(join(root, 'dist/parley.js'));
      const br = await h2(session, '/parley.js', { headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.body).equals(built)).toBe(true);
      const gzip = await h2(session, '/parley.js', { headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(built)).toBe(true);
      const plain = await h2(session, '/parley.js', { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(built)).toBe(true);
    } finally {
      session.close();
    }
  });

  it('passes each client\'s own address: one client is rate-limited, another is not, whatever X-Forwarded-For it sends', async () => {
    const first = await client('127.0.0.3');
    const second = await client('127.0.0.4');
    try {
      expect((await postFrom(first, 'The first comment from the first client.', 'nginx-1')).status).toBe(201);
      // A client writing another address into X-Forwarded-For: nginx replaces the header.
      expect((await postFrom(first, 'The second comment from the first client.', 'nginx-2', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
      expect((await postFrom(second, 'The first comment from the second client.', 'nginx-3', { 'x-forwarded-for': '127.0.0.3' })).status).toBe(201);
      expect((await postFrom(second, 'The second comment from the second client.', 'nginx-4')).status).toBe(429);
    } finally {
      first.close();
      second.close();
    }
  });

  it('keeps /metrics inside, passes the stream\'s location and Authorization on to Parley, and sends plain HTTP to HTTPS', async () => {
    const session = await client();
    try {
      expect((await h2(session, '/metrics')).status).toBe(404);
      // The live stream (issue 16) passes through unbuffered: its first event arrives while the
      // stream stays open.
      const live = session.request({ ':method': 'GET', ':path': '/api/v1/stream?thread=/behind-nginx', ':authority': 'comments.blog.example' });
      live.end();
      const head = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
        live.once('response', resolve);
        live.once('error', reject);
      });
      expect(head[':status']).toBe(200);
      expect(String(head['content-type'])).toMatch(/^text\/event-stream/);
      const first = await new Promise<string>((resolve) => live.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      expect(first).toContain('event: ready');
      live.close();
      expect((await h2(session, '/api/v1/admin/comments?status=published', { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
      expect((await h2(session, `/moderate?t=${QUERY_SECRET}`, { headers: { authorization: `Bearer ${HEADER_SECRET}` } })).status).toBeLessThan(500);
    } finally {
      session.close();
    }
    const redirect = await new Promise<{ status?: number; location?: string }>((resolve, reject) =>
      request({ host: '127.0.0.1', port: httpPort, path: '/parley.js?x=1', headers: { host: 'comments.blog.example' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode, location: res.headers.location });
      })
        .once('error', reject)
        .end(),
    );
    expect(redirect).toEqual({ status: 301, location: 'https://comments.blog.example/parley.js?x=1' });
  });

  it('writes an access log with the client\'s network only, no tokens and no Authorization', () => {
    const log = readFileSync(accessLog, 'utf8');
    const lines = log.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(log).toContain('127.0.0.0 "POST /api/v1/comments HTTP/2.0" 201');
    expect(log).toContain('127.0.0.0 "GET /moderate HTTP/2.0"');
    for (const secret of ['127.0.0.3', '127.0.0.4', '198.51.100.7', QUERY_SECRET, HEADER_SECRET, ADMIN, 'Bearer', '?']) expect(log).not.toContain(secret);
  });
});
