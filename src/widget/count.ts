// The count script (`dist/count.js`, DESIGN "The HTTP API": GET /count.js): for an index page that
// lists articles. Every element with `data-parley-count="THREAD"` gets that thread's published total
// as its text, from one GET /api/v1/counts (one per 100 threads, the API's limit):
//
//   <a href="/2024/05/putin-china#comments"><span data-parley-count="/2024/05/putin-china">0</span> comments</a>
//   <script src="https://comments.example.com/count.js" data-api="https://comments.example.com" defer></script>
//
// The attribute value is the thread id verbatim (the same id the widget uses, DESIGN "Words").
// `data-api` defaults to the folder the script was loaded from. It imports nothing (not even the
// http adapter) so it stays far under its 1 KB budget; a failed request leaves the page's own text.

/** Fill every `[data-parley-count]` under `root`. Resolves when done; never rejects. */
export async function fillCounts(root: ParentNode, api: string, fetch = globalThis.fetch): Promise<void> {
  const elements = [...root.querySelectorAll<HTMLElement>('[data-parley-count]')];
  const threads = [...new Set(elements.map((el) => el.dataset.parleyCount!))];
  const base = `${api.replace(/\/+$/, '')}/api/v1/counts?`;
  const counts: Record<string, number> = {};
  try {
    for (let i = 0; i < threads.length; i += 100) {
      const query = new URLSearchParams(threads.slice(i, i + 100).map((thread) => ['thread', thread]));
      const response = await fetch(base + query);
      if (response.ok) Object.assign(counts, (await response.json()).counts);
    }
  } catch {
    // Counts are decoration: offline or a down server must not break the page or its console.
  }
  for (const el of elements) {
    const n = counts[el.dataset.parleyCount!];
    if (typeof n === 'number') el.textContent = String(n);
  }
}

// Read synchronously: document.currentScript is null once this script has finished running.
const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
if (script) {
  const start = () => fillCounts(document, script.dataset.api || new URL('.', script.src || location.href).href);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
