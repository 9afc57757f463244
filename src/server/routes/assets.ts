// GET /parley.js, /count.js, /adapters/NAME.js, /i18n/LANG.js and /chunks/NAME-HASH.js: the built
// scripts, from whatever `assets` reads (main.ts: dist/), compressed by Accept-Encoding (brotli,
// else gzip, else as they are; ../assets.ts makes each form once). NAME, LANG and HASH are letters,
// digits and dashes only, so a path can never leave the folder.
import { Hono, type Context } from 'hono';
import { cacheControl, createAssetEncoder, isContentHashed, pick } from '../assets.ts';
import type { Deps } from '../deps.ts';
import type { AssetName } from '../options.ts';
import { matches } from './comments-read.ts';
import { negotiate } from './read-cache.ts';

export function assetRoutes(deps: Deps): Hono {
  const app = new Hono();
  const encoded = createAssetEncoder(async (name) => (await deps.options.assets?.(name)) ?? null);
  const send = async (c: Context, name: AssetName) => {
    const asset = await encoded(name);
    if (!asset) return c.text(`${name} is not built; run npm run build.`, 404);
    const { body, etag, encoding } = pick(asset, negotiate(c.req.header('accept-encoding')));
    // Every response names what it varies on, the 304 too, so a shared cache keeps one copy per
    // encoding and never hands brotli to a client that did not ask for it.
    c.header('Vary', 'Accept-Encoding');
    c.header('ETag', etag);
    c.header('Cache-Control', cacheControl(name));
    // The embed loads its chunks with import(), a CORS request when the page is on another origin
    // (a blog using comments.example.com). These files are public and carry no credentials.
    c.header('Access-Control-Allow-Origin', '*');
    if (matches(c, etag)) return c.body(null, 304);
    if (encoding !== 'identity') c.header('Content-Encoding', encoding);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(body as Uint8Array<ArrayBuffer>);
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
