// Fetching a Webmention's source (issue 18; DESIGN "Outside fetches"). The source is anyone's
// page, named by anyone, so unlike the article fetch (our own origins only) this fetch must not be
// a way into the server's network: every hop's address is checked after DNS resolution, on the
// address the socket really connects to (the lookup below is the connection's own, so a name that
// resolves to a public address for a check and a private one for the connection cannot slip by),
// redirects are followed by hand and each is checked again, and size and time are capped.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export interface SourceFetchOptions {
  /** `--allow-private-sources`: loopback (127.0.0.0/8, ::1) allowed, for tests only. Private and link-local stay refused. */
  allowLoopback: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Name → addresses; default the system resolver (dns.lookup, all addresses). */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

export type SourceResult =
  | { ok: true; status: number; url: string; contentType: string; body: string }
  /** `gone`: the source answered 404 or 410, so a mention of it is removed. `permanent`: no retry can help. */
  | { ok: false; gone: boolean; permanent: boolean; reason: string };

export const SOURCE_DEFAULTS = { timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 5 } as const;

// Addresses a request from the server must never reach: this host, its private networks, link-local
// (169.254.169.254 is the cloud metadata service), and the reserved ranges (RFC 6890).
const REFUSED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  REFUSED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: an IPv4 address, maybe a private one, in IPv6 clothing
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  REFUSED.addSubnet(net, bits, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Why `address` may not be fetched, or null when it may. IPv4-mapped IPv6 is judged as the IPv4 it carries. */
export function refusedAddress(address: string, allowLoopback: boolean): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (!isIP(ip)) return `${address} is not an IP address`;
  if (allowLoopback && LOOPBACK.check(ip, family)) return null;
  return REFUSED.check(ip, family) ? `${address} is a loopback, private, link-local or reserved address` : null;
}

class Refused extends Error {}

/** The connection's own lookup: resolves, refuses the whole name if any address is refused, connects to a checked one. */
function guardedLookup(options: SourceFetchOptions): LookupFunction {
  const resolve = options.resolve ?? ((hostname: string) => dnsLookup(hostname, { all: true, verbatim: true }));
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const bad = addresses.map((a) => refusedAddress(a.address, options.allowLoopback)).find(Boolean);
        if (!addresses.length) return callback(new Error(`${hostname} has no address`), '', 4);
        if (bad) return callback(new Refused(`${hostname} resolves to ${bad}`), '', 4);
        if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, '', 4),
    );
  };
}

/**
 * GET `source` as a Webmention receiver must: http(s) only, each hop's address checked after DNS,
 * at most `maxRedirects` redirects, `maxBytes` of body and `timeoutMs` in all. Never throws.
 *
 * @example const page = await fetchSource('https://alice.example/post', { allowLoopback: false, ...SOURCE_DEFAULTS });
 */
export async function fetchSource(source: string, options: SourceFetchOptions): Promise<SourceResult> {
  const deadline = Date.now() + options.timeoutMs;
  let url = source;
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, gone: false, permanent: true, reason: `${url} is not a URL` };
    }
    if (!/^https?:$/.test(parsed.protocol)) return { ok: false, gone: false, permanent: true, reason: `${url} is not an http(s) address` };
    // An address written as such never reaches the lookup: judged here.
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const bad = refusedAddress(host, options.allowLoopback);
      if (bad) return { ok: false, gone: false, permanent: true, reason: `refused: ${bad}` };
    }
    let response: { status: number; location?: string; contentType: string; body: string };
    try {
      response = await get(parsed, options, deadline - Date.now());
    } catch (error) {
      if (error instanceof Refused) return { ok: false, gone: false, permanent: true, reason: `refused: ${error.message}` };
      return { ok: false, gone: false, permanent: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if ([301, 302, 303, 307, 308].includes(response.status) && response.location) {
      url = new URL(response.location, parsed).href;
      continue;
    }
    if (response.status === 404 || response.status === 410) return { ok: false, gone: true, permanent: true, reason: `HTTP ${response.status}` };
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, url, contentType: response.contentType, body: response.body };
    return { ok: false, gone: false, permanent: response.status < 500 && response.status !== 429, reason: `HTTP ${response.status}` };
  }
  return { ok: false, gone: false, permanent: true, reason: `more than ${options.maxRedirects} redirects` };
}

function get(url: URL, options: SourceFetchOptions, timeLeft: number): Promise<{ status: number; location?: string; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    if (timeLeft <= 0) return reject(new Error(`timeout after ${options.timeoutMs} ms`));
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      // A fresh connection each time: a kept-alive socket would skip the lookup, and with it the check.
      agent: false,
      lookup: guardedLookup(options),
      headers: { accept: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, application/json;q=0.7, */*;q=0.1', 'user-agent': 'Parley Webmention receiver' },
    });
    const timer = setTimeout(() => request.destroy(new Error(`timeout after ${options.timeoutMs} ms`)), timeLeft);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const done = (body: string) => {
        clearTimeout(timer);
        resolve({ status, location: response.headers.location, contentType: (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(), body });
      };
      if (status < 200 || status >= 300) {
        response.resume();
        return done('');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          request.destroy(new Refused(`the source is larger than ${options.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.end();
  });
}
