// Issue 14 item 9: a page whose origin is not allowed gets no CORS headers on the API, so the
// browser hides the reason and the widget used to say "could not be reached". The server now logs
// each refused origin once, and answers GET /api/v1/origin, the one API answer any page may read
// (Access-Control-Allow-Origin: *, no data), with whether the asking page's origin is allowed: the
// widget asks it when a request fails, to say so (test/browser/origin-refused.test.ts).
import { describe, expect, it } from 'vitest';
import { setup } from '../helpers/app.ts';

const asked = (app: ReturnType<typeof setup>['app'], origin?: string) =>
  app.request('http://comments.example/api/v1/origin', { headers: origin ? { origin } : {} });

describe('refused origins', () => {
  it('answers GET /api/v1/origin to any page, saying whether its origin is allowed', async () => {
    const { app } = setup({ origins: ['https://blog.example'] });
    const refused = await asked(app, 'https://www.blog.example');
    expect(refused.status).toBe(200);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await refused.json()).toEqual({
      origin: 'https://www.blog.example',
      allowed: false,
      message: 'Pages at https://www.blog.example may not use this comment server; its owner can allow them with --origin https://www.blog.example.',
    });
    expect(await (await asked(app, 'https://blog.example')).json()).toMatchObject({ allowed: true });
    // The server's own pages, and requests without Origin (scripts), are allowed.
    expect(await (await asked(app, 'http://comments.example')).json()).toMatchObject({ allowed: true });
    expect(await (await asked(app)).json()).toEqual({ origin: null, allowed: true });
  });

  it('still gives refused origins no CORS headers on the API itself', async () => {
    const { app } = setup({ origins: ['https://blog.example'] });
    const res = await app.request('/api/v1/comments?thread=/a', { headers: { origin: 'http://blog.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('logs each refused origin once, naming the allowed ones and the fix', async () => {
    const logged: string[] = [];
    const { app } = setup({ origins: ['https://blog.example'], logger: { info: (m) => void logged.push(m), error: () => {} } });
    for (const origin of ['https://www.blog.example', 'https://www.blog.example', 'http://blog.example', 'https://www.blog.example']) {
      await app.request('/api/v1/comments?thread=/a', { headers: { origin } });
      await app.request('/api/v1/comments', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
    }
    await app.request('/api/v1/comments?thread=/a', { headers: { origin: 'https://blog.example' } });
    expect(logged).toEqual([
      'Refused browser requests from https://www.blog.example: it is not an allowed origin (--origin: https://blog.example). If it is your site, add it with --origin https://www.blog.example.',
      'Refused browser requests from http://blog.example: it is not an allowed origin (--origin: https://blog.example). If it is your site, add it with --origin http://blog.example.',
    ]);
  });
});
