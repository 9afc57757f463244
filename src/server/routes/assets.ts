// GET /parley.js, /count.js, /adapters/NAME.js and /i18n/LANG.js: the built scripts, from whatever
// `assets` reads (main.ts: dist/). NAME and LANG are lower-case letters and dashes only, so a path
// can never leave the folder.
import { Hono, type Context } from 'hono';
import type { AssetName, Deps } from '../options.ts';
import { matches } from './comments-read.ts';

export function assetRoutes(deps: Deps): Hono {
  const app = new Hono();
  const send = async (c: Context, name: AssetName) => {
    const asset = await deps.options.assets?.(name);
    if (!asset) return c.text(`${name} is not built; run npm run build.`, 404);
    c.header('ETag', asset.etag);
    // Five minutes: a new release reaches readers soon, while a busy page costs one fetch per reader.
    c.header('Cache-Control', 'public, max-age=300');
    if (matches(c, asset.etag)) return c.body(null, 304);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(typeof asset.body === 'string' ? asset.body : new Uint8Array(asset.body));
  };
  const serve = (name: AssetName) => app.get(`/${name}`, (c) => send(c, name));
  serve('parley.js');
  serve('count.js');
  app.get('/:dir{adapters|i18n}/:file{[a-z-]+\\.js}', (c) => send(c, `${c.req.param('dir')}/${c.req.param('file')}` as AssetName));
  return app;
}
