// Shared pieces of the notification suites: a webhook receiver and an SMTP server, both real,
// on 127.0.0.1 with a port the OS picks, and a reader for the MIME mail nodemailer writes.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * An HTTP receiver. `answer` decides each response (default 200); it may also leave the response
 * hanging (return 'hang') until `release()`.
 */
export async function startReceiver(answer: (req: Received, n: number) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const got = { method: req.method!, url: req.url!, headers: req.headers, body };
      received.push(got);
      waiters.splice(0).forEach((w) => w());
      const status = answer(got, received.length);
      if (status === 'hang') hanging.push(res);
      else res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `nope ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number): Promise<void> {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    release() {
      for (const res of hanging.splice(0)) res.writeHead(200).end('late');
    },
    async close() {
      this.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a receiver computes: GitHub's convention, sha256= and hex HMAC-SHA256 of the raw body. */
export const expectedSignature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * An SMTP server that accepts any mail without TLS or sign-in, and keeps it; with `refuseWith`,
 * it refuses every recipient with that reply code instead (550: no such mailbox, 451: try later).
 */
export async function startSmtp({ refuseWith }: { refuseWith?: number } = {}) {
  const mails: Mail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refuseWith) return callback();
      callback(Object.assign(new Error(`Mailbox ${address.address} refused`), { responseCode: refuseWith }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => (raw += d));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        waiters.splice(0).forEach((w) => w());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(count: number): Promise<void> {
      while (mails.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header of a raw message (unfolded), RFC 2047 words left as they are. */
export function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return match ? match[1]!.trim() : '';
}

/** The decoded text/plain and text/html parts of a multipart/alternative message. */
export function parts(raw: string): { text: string; html: string } {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const chunks = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  const out = { text: '', html: '' };
  for (const chunk of chunks) {
    const [head, ...rest] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const body = rest.join('\n\n');
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head!)?.[1]?.toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            ).toString('utf8')
          : body;
    if (/content-type:\s*text\/plain/i.test(head!)) out.text = decoded.replace(/\r\n/g, '\n');
    if (/content-type:\s*text\/html/i.test(head!)) out.html = decoded.replace(/\r\n/g, '\n');
  }
  return out;
}
