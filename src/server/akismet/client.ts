// Akismet's REST API (issue 15, item 3), as WordPress sites use it: comment-check when a comment is
// posted, submit-spam and submit-ham when a moderator decides, verify-key at start. Every call is a
// form-encoded POST to `<url>/1.1/<method>` carrying the key (`api_key`) and the site (`blog`),
// bounded by a timeout; nothing here throws for a failed check: the rule holds the comment with
// the reason instead (akismet rule, moderation/akismet.ts).
// https://akismet.com/developers/detailed-docs/comment-check/

/** What Akismet is told about one comment. */
export interface AkismetComment {
  /** The sender's raw address and browser, and the page the form was on. */
  address: string;
  userAgent: string;
  referrer: string;
  /** The article's URL, when the post named it. */
  permalink?: string;
  /** `comment`, or `reply` for an answer to another comment. */
  type: 'comment' | 'reply';
  author: string;
  email: string;
  website: string;
  text: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** comment-check's answer, or why there is none. */
export type AkismetCheck =
  | { verdict: 'spam'; /** `X-akismet-pro-tip: discard`: blatant spam, "safe to discard unseen". */ discard: boolean }
  | { verdict: 'ham' }
  | { verdict: 'error'; reason: string };

export interface AkismetClient {
  check(comment: AkismetComment): Promise<AkismetCheck>;
  /** Tell Akismet a moderator's decision; rejects (to be retried) when Akismet did not take it. */
  submit(kind: 'spam' | 'ham', comment: AkismetComment): Promise<void>;
  /** verify-key: true for "valid", false for "invalid"; rejects when Akismet cannot be asked. */
  verifyKey(): Promise<boolean>;
}

export interface AkismetOptions {
  key: string;
  /** The site's front page, as registered with the key. */
  blog: string;
  /** Default https://rest.akismet.com; tests point it at a fake. */
  url?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const AKISMET_URL = 'https://rest.akismet.com';
/** What submit-spam and submit-ham answer when they took the report. */
const THANKS = 'Thanks for making the web a better place.';

/**
 * @example
 * const akismet = createAkismetClient({ key: 'abc123', blog: 'https://blog.example' });
 * const found = await akismet.check({ address: '203.0.113.9', userAgent: 'Mozilla/5.0 …', referrer: '', type: 'comment', author: 'Ada', email: 'ada@example.com', website: '', text: 'Hi', createdAt: Date.now() });
 */
export function createAkismetClient(options: AkismetOptions): AkismetClient {
  const base = (options.url ?? AKISMET_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 2000;
  const doFetch = options.fetch ?? fetch;

  async function call(method: string, fields: Record<string, string>): Promise<{ body: string; headers: Headers; status: number }> {
    const body = new URLSearchParams({ api_key: options.key, blog: options.blog, ...fields });
    let response: Response;
    try {
      response = await doFetch(`${base}/1.1/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'user-agent': 'Parley/0.1 | Akismet/1.1' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { body: (await response.text()).trim(), headers: response.headers, status: response.status };
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      throw new Error(name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `could not be reached (${(error as Error).message})`);
    }
  }

  /** Akismet's own words for a refusal: its debug header, else the body. */
  const why = (r: { body: string; headers: Headers; status: number }) =>
    r.headers.get('x-akismet-debug-help') ?? r.headers.get('x-akismet-alert-msg') ?? (r.status !== 200 ? `HTTP ${r.status}` : `answered "${r.body.slice(0, 80)}"`);

  return {
    async check(comment) {
      let r;
      try {
        r = await call('comment-check', fields(comment));
      } catch (error) {
        return { verdict: 'error', reason: (error as Error).message };
      }
      if (r.status === 200 && r.body === 'true') return { verdict: 'spam', discard: r.headers.get('x-akismet-pro-tip') === 'discard' };
      if (r.status === 200 && r.body === 'false') return { verdict: 'ham' };
      return { verdict: 'error', reason: why(r) };
    },
    async submit(kind, comment) {
      const r = await call(kind === 'spam' ? 'submit-spam' : 'submit-ham', fields(comment));
      if (r.status !== 200 || r.body !== THANKS) throw new Error(`Akismet did not take the ${kind} report: ${why(r)}`);
    },
    async verifyKey() {
      const r = await call('verify-key', { key: options.key });
      if (r.status === 200 && (r.body === 'valid' || r.body === 'invalid')) return r.body === 'valid';
      throw new Error(`Akismet could not verify the key: ${why(r)}`);
    },
  };
}

function fields(c: AkismetComment): Record<string, string> {
  return {
    user_ip: c.address,
    user_agent: c.userAgent,
    referrer: c.referrer,
    ...(c.permalink && { permalink: c.permalink }),
    comment_type: c.type,
    comment_author: c.author,
    comment_author_email: c.email,
    comment_author_url: c.website,
    comment_content: c.text,
    comment_date_gmt: new Date(c.createdAt).toISOString(),
    blog_charset: 'UTF-8',
  };
}
