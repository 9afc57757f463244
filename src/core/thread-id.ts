// DESIGN "Words": a thread id is a URL's path and query, with tracking parameters and the
// fragment removed and a trailing slash dropped, so /a/ and /a?utm_source=x are one thread
// while /?p=4 stays its own. One function, used by the widget and the importers.

const TRACKING = /^(utm_.*|mc_.*|fbclid|gclid|ref)$/i;

/**
 * @example threadIdFromUrl('https://example.com/a/?utm_source=x&p=2#c1') // '/a?p=2'
 */
export function threadIdFromUrl(input: string, base = 'http://localhost/'): string {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    return input;
  }
  const params = new URLSearchParams(url.search);
  for (const name of [...params.keys()]) if (TRACKING.test(name)) params.delete(name);
  const query = params.toString();
  let path = url.pathname;
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  return query ? `${path}?${query}` : path;
}
