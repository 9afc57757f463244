// A Server-Sent Events client for the suites (issue 16, live updates): reads a text/event-stream
// answer as it arrives, as a browser's EventSource would parse it, and hands out its events.
export interface SseEvent {
  event: string;
  id: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  events: SseEvent[];
  /** Resolves with the n-th event (0-based) of that type (`comment` unless named) once it arrived; rejects after `timeoutMs`. */
  nth(n: number, timeoutMs?: number, type?: string): Promise<SseEvent>;
  /** The events of one type received so far. */
  of(type: string): SseEvent[];
  /** Everything received so far, raw (comment lines included). */
  raw(): string;
  close(): void;
  /** Resolves when the server ended the answer. */
  ended: Promise<void>;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  let text = '';
  let buffer = '';
  const waiting = new Set<() => void>();
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const part = decoder.decode(chunk, { stream: true });
        text += part;
        buffer += part;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: SseEvent = { event: 'message', id: '', data: '' };
          const data: string[] = [];
          let any = false;
          for (const line of block.split('\n')) {
            if (!line || line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon === -1 ? line : line.slice(0, colon);
            const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
            any = true;
            if (field === 'event') event.event = value;
            else if (field === 'id') event.id = value;
            else if (field === 'data') data.push(value);
          }
          if (!any) continue;
          event.data = data.join('\n');
          events.push(event);
          for (const wake of [...waiting]) wake();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      for (const wake of [...waiting]) wake();
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    events,
    raw: () => text,
    of: (type) => events.filter((e) => e.event === type),
    nth(n, timeoutMs = 5_000, type = 'comment') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.filter((e) => e.event === type)[n];
          if (found) {
            waiting.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no event #${n} within ${timeoutMs} ms; got ${events.length}: ${text.slice(-500)}`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    close: () => abort.abort(),
    ended,
  };
}
