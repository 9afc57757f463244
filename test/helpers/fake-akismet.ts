// A fake of Akismet's documented REST API (https://akismet.com/developers/) on 127.0.0.1, for the
// Akismet tests: form-encoded POSTs to /1.1/verify-key, /1.1/comment-check, /1.1/submit-spam and
// /1.1/submit-ham, answered as Akismet answers them — "valid"/"invalid", "true"/"false" (with
// `X-akismet-pro-tip: discard` for blatant spam), "invalid" with `X-akismet-debug-help` for a bad
// key or a missing required field, and "Thanks for making the web a better place." for a report.
// Akismet's own test values make a check spam: the author `viagra-test-123` or the address
// `akismet-guaranteed-spam@example.com`; `mode` makes it slow or broken.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GOOD_KEY = 'good-akismet-key';

export interface FakeAkismet {
  url: string;
  /** Every request: the method (path tail) and its form fields. */
  calls: { method: string; fields: Record<string, string> }[];
  /** `ok` answers; `slow` answers after `slowMs`; `broken` answers HTTP 500. */
  mode: 'ok' | 'slow' | 'broken';
  slowMs: number;
  /** Blatant spam gets `X-akismet-pro-tip: discard`. */
  discard: boolean;
  close(): Promise<void>;
}

export async function startFakeAkismet(): Promise<FakeAkismet> {
  const fake: FakeAkismet = { url: '', calls: [], mode: 'ok', slowMs: 1_500, discard: false, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(raw));
      const method = (req.url ?? '').replace(/^\/1\.1\//, '');
      fake.calls.push({ method, fields });
      const answer = (body: string, headers: Record<string, string> = {}) => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);
      };
      const respond = () => {
        if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return void res.writeHead(400).end();
        if (fake.mode === 'broken') return void res.writeHead(500).end('Internal Server Error');
        if (method === 'verify-key') return answer((fields.key ?? fields.api_key) === GOOD_KEY && fields.blog ? 'valid' : 'invalid', { 'X-akismet-debug-help': 'We were unable to parse your blog URI' });
        if (!['comment-check', 'submit-spam', 'submit-ham'].includes(method)) return void res.writeHead(404).end();
        if (fields.api_key !== GOOD_KEY) return answer('invalid', { 'X-akismet-debug-help': 'Your API key is invalid.' });
        if (!fields.blog || !fields.user_ip) return answer('invalid', { 'X-akismet-debug-help': 'Empty "blog" or "user_ip" value' });
        if (method !== 'comment-check') return answer('Thanks for making the web a better place.');
        const spam = fields.comment_author === 'viagra-test-123' || fields.comment_author_email === 'akismet-guaranteed-spam@example.com';
        answer(spam ? 'true' : 'false', spam && fake.discard ? { 'X-akismet-pro-tip': 'discard' } : {});
      };
      if (fake.mode === 'slow') setTimeout(respond, fake.slowMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
