// GET /parley.js, /count.js, /adapters/NAME.js, /i18n/LANG.js and /chunks/NAME-HASH.js: the built
// scripts, from whatever `assets` reads (main.ts: dist/), compressed by Accept-Encoding (brotli,
// else gzip, else as they are; ../assets.ts makes each form once). NAME, LANG and HASH are letters,
// digits and dashes only, so a path can never leave the folder. fast-path.ts sends the same
// answers (reads.ts's assetAnswer) without Hono while a file was checked less than a second ago.
import { Hono, type Context } from 'hono';
import { isContentHashed } from '../assets.ts';
import type { Deps } from '../deps.ts';
import type { AssetName } from '../options.ts';
import type { Reads } from '../reads.ts';
import { matches, setHead } from './comments-read.ts';
import { negotiate } from './read-cache.ts';

/**
 * The built file a request path names, or null: the routes below, as one test for the fast path
 * (fast-path.ts), which sees the path as sent (a percent-encoded one falls through to these routes).
 */
export function assetName(path: string): AssetName | null {
  if (path === '/parley.js' || path === '/count.js') return path.slice(1) as AssetName;
  if (/^\/(adapters|i18n)\/[a-z-]+\.js$/.test(path)) return path.slice(1) as AssetName;
  if (/^\/chunks\/[a-z-]+-[A-Z0-9]{8}\.js$/.test(path)) return path.slice(1) as AssetName;
  return null;
}

export function assetRoutes(_deps: Deps, reads: Reads): Hono {
  const app = new Hono();
  const send = async (c: Context, name: AssetName) => {
    const asset = await reads.asset(name);
    if (!asset) return c.text(`${name} is not built; run npm run build.`, 404);
    // Every response names what it varies on, the 304 too, so a shared cache keeps one copy per
    // encoding and never hands brotli to a client that did not ask for it. The embed loads its
    // chunks with import(), a CORS request when the page is on another origin (a blog using
    // comments.example.com): these files are public and carry no credentials, hence `*`.
    const answer = reads.assetAnswer(name, asset, negotiate(c.req.header('accept-encoding')));
    if (matches(c, answer.etag)) {
      setHead(c, answer.notModified);
      return c.body(null, 304);
    }
    setHead(c, answer.head);
    return c.body(answer.body as Uint8Array<ArrayBuffer>);
  };
  const serve = (name: AssetName) => app.get(`/${name}`, (c) => send(c, name));
  serve('parley.js');
  serve('count.js');
  app.get('/:dir{adapters|i18n}/:file{[a-z-]+\\.js}', (c) => send(c, `${c.req.param('dir')}/${c.req.param('file')}` as AssetName));
  // AssetName (options.ts) predates chunks; the name is checked here, as the others are above.
  app.get('/chunks/:file{[a-z-]+-[A-Z0-9]{8}\\.js}', (c) => {
    const name = `chunks/${c.req.param('file')}`;
    return isContentHashed(name) ? send(c, name as AssetName) : c.notFound();
  });
  return app;
}
