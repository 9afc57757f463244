// Plain HTTP to a real server process: one request from a chosen loopback address, the JSON it
// answers, and a valid POST body. For the suites that run `parley serve` (helpers/server.ts);
// in-process suites use helpers/app.ts.
import { randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The JSON the server sent (any: the suites read what they check). */
  body: any;
  ms: number;
}

/**
 * One HTTP request from a chosen loopback address: the server sees `from` as the client, so a
 * suite can be "one client" across instances, or many clients, without trusting any header.
 */
export function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; from?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  const started = performance.now();
  const url = new URL(path, base);
  // A string body is sent as it is (malformed-JSON tests); anything else as JSON.
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: false,
        localAddress: options.from ?? '127.0.0.1',
        timeout: options.timeoutMs ?? 20_000,
        headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('error', reject);
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode!, headers: res.headers, body, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} took longer than ${options.timeoutMs ?? 20_000} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

let drafts = 0;
/** A valid POST body with a fresh idempotency key, text, name and email. */
export function uniqueBody(thread: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const n = ++drafts;
  return {
    thread,
    // Short and unlike each other, so no text rule (duplicates, echo of earlier comments) holds it.
    text: `Note ${n}: ${randomBytes(6).toString('hex')}.`,
    name: `Reader ${n}`,
    email: `reader${n}@example.com`,
    idempotencyKey: `key-${process.pid}-${Date.now().toString(36)}-${n}`,
    ...over,
  };
}
