// The server's log (issue 19, item 6): pino underneath, in one of two shapes chosen with
// --log-format: `json`, one JSON object a line (pino's own: level, time, msg, and for requests
// method, route, path, status, ms), for log pipelines; `pretty`, the plain sentences a person reads
// in a terminal or journalctl, as Parley always printed them (journald adds the time).
//
// What never reaches a log line (DESIGN promise 1 and the reader's tokens): an email address, a
// raw client address, an Authorization header, a token from a query string. Requests are logged
// with their path only (every token Parley hands out travels in a query string or a header), no
// client address, no headers; and every message passes through `redact` on its way out, so a
// message that quotes a mail server's "550 <ann@example.com> refused" carries `<email>` instead.
// test/reliability/logs.test.ts scans the logs of the reliability suites for all four.
import { pino, type Logger as Pino } from 'pino';
import type { Logger } from './deps.ts';

export type LogFormat = 'json' | 'pretty';

/** One answered request, as logged (json only) and counted (metrics.ts). */
export interface RequestEntry {
  method: string;
  /** The route's pattern (`/api/v1/comments/:id`), or `unmatched`. */
  route: string;
  /**
   * The request target as received: the json log writes its path only (`loggedPath`), and only when
   * it writes the line, so the pretty format pays nothing for it on each request (issue 22).
   */
  url: string | undefined;
  status: number;
  ms: number;
}

export interface ServerLogger extends Logger {
  request(entry: RequestEntry): void;
}

// An address: a whole local part (not the user of a URL like postgres://parley@db.example) and a
// domain ending in letters (not postgres@127.0.0.1).
const EMAIL = /(?<![\p{L}\p{N}._%+-]|\/\/)[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}\b/gu;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
const QUERY_TOKEN = /([?&;](?:t|token|key|code|secret|access_token|sig)=)[^&#\s"']+/gi;

/** A message with emails, bearer credentials and query-string tokens replaced. */
export function redact(text: string): string {
  return text.replace(EMAIL, '<email>').replace(BEARER, '$1 <redacted>').replace(QUERY_TOKEN, '$1<redacted>');
}

/** A path as logged: no query string, no fragment, at most 200 characters. */
export const loggedPath = (url: string | undefined): string => redact((url ?? '/').split(/[?#]/, 1)[0]!.slice(0, 200));

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * @example
 * const log = createLogger('json', { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') });
 * log.info('Parley listening on http://127.0.0.1:3000');
 */
export function createLogger(format: LogFormat, io: { out: (line: string) => void; err: (line: string) => void }): ServerLogger {
  if (format === 'pretty') {
    return {
      info: (message) => io.out(redact(message)),
      error: (message, error) => io.err(redact(error === undefined ? message : `${message}: ${errorText(error)}`)),
      // Requests are the reverse proxy's access log in a terminal; json carries them.
      request: () => {},
    };
  }
  const destination = { write: (line: string) => io.out(line.replace(/\n$/, '')) };
  const log: Pino = pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A thrown error as its type and message; its stack stays out (it may quote request data).
      serializers: { err: (error: unknown) => ({ type: error instanceof Error ? error.name : typeof error, message: redact(errorText(error)) }) },
    },
    destination,
  );
  return {
    info: (message) => log.info(redact(message)),
    error: (message, error) => (error === undefined ? log.error(redact(message)) : log.error({ err: error }, redact(message))),
    request: ({ method, route, url, status, ms }) => log.info({ req: { method, route, path: loggedPath(url), status, ms } }, 'request'),
  };
}
