// Delivering one webhook job (issue 8): POST the event as JSON, signed the way GitHub signs its
// webhooks, so a receiver can use the code it already has: `X-Parley-Signature: sha256=<hex
// HMAC-SHA256 of the exact body>`. 2xx is delivered; anything else throws, and the worker retries
// with backoff.
import { createHmac } from 'node:crypto';
import type { Job } from '../store/store.ts';
import type { CommentEvent, WebhookJob } from './events.ts';
import { PermanentError } from './worker.ts';

/** `sha256=` and the hex HMAC-SHA256 of the body: the value of X-Parley-Signature. */
export const signature = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

export interface WebhookSenderOptions {
  /** The shared secret of --webhook-secret. */
  secret: string;
  fetch?: typeof fetch;
  /** A receiver that has not answered by then counts as failed. Default 5000. */
  timeoutMs?: number;
  now?: () => number;
  /** Added to `comment.held` events: the page where the owner moderates (the /admin page). */
  moderationUrl?: string;
}

/** The exact bytes that are signed and sent: `deliveredAt` comes second so a reader sees it near the top. */
export function webhookBody(event: CommentEvent, deliveredAt: number, moderationUrl?: string): string {
  const { event: name, ...rest } = event;
  return JSON.stringify({
    event: name,
    deliveredAt: new Date(deliveredAt).toISOString(),
    ...rest,
    ...(moderationUrl && name === 'comment.held' ? { moderationUrl } : {}),
  });
}

/**
 * @example
 * const send = createWebhookSender({ secret: process.env.PARLEY_WEBHOOK_SECRET });
 * await send(job); // throws with a short reason ("HTTP 500 Internal Server Error") when not delivered
 */
export function createWebhookSender(options: WebhookSenderOptions): (job: Job) => Promise<void> {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  return async (job) => {
    const { url, event } = (job.payload ?? {}) as Partial<WebhookJob>;
    if (typeof url !== 'string' || typeof event !== 'object' || event === null) throw new PermanentError('the job has no webhook URL or event');
    const sentAt = now();
    const body = webhookBody(event, sentAt, options.moderationUrl);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await fetchImpl(url, {
        method: 'POST',
        body,
        signal: abort.signal,
        // A redirect is a configuration mistake to fix, not something to follow with a signed body.
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Parley',
          'X-Parley-Event': event.event,
          'X-Parley-Delivery': job.id,
          'X-Parley-Timestamp': String(Math.floor(sentAt / 1000)),
          'X-Parley-Signature': signature(options.secret, body),
        },
      });
      const said = await snippet(res);
      if (res.status >= 200 && res.status < 300) return;
      const where = res.status >= 300 && res.status < 400 ? ` (a redirect to ${res.headers.get('location') ?? '?'}; webhooks do not follow redirects: configure the final URL)` : '';
      throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${where}${said ? `: ${said}` : ''}`);
    } catch (error) {
      if (abort.signal.aborted) throw new Error(`no answer within ${timeoutMs} ms`);
      throw new Error(reason(error));
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The first few hundred characters of an answer, for the owner reading a dead job's last error. */
async function snippet(res: Response, max = 300): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < max) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text.slice(0, max).replace(/\s+/g, ' ').trim();
}

/** fetch's own message is "fetch failed"; the cause says what actually went wrong. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    // Undici wraps several addresses' failures (IPv4 and IPv6) in an AggregateError without a message.
    const inner = cause instanceof AggregateError && !cause.message ? cause.errors[0] : cause;
    return inner instanceof Error && inner.message ? inner.message : cause.message || error.message;
  }
  return error.message;
}
