// Issue 14 item 7: nobody but the site owner may post under the owner's configured display name
// (--owner-name) or a look-alike of it (Unicode TR39 skeletons, case and width folded). The owner
// is recognised by the author key of their browser (--owner-key), never by a typed address.
import { describe, expect, it } from 'vitest';
import { makeAuthorKey } from '../../../src/server/crypto.ts';
import { looksLike } from '../../../src/server/moderation/owner-name.ts';
import { body, post, setup } from '../../helpers/app.ts';

const OWNER_KEY = makeAuthorKey('test-secret', 'OwnersBrowserKey-00001');

describe('the owner\'s name', () => {
  it('is refused to everyone else, with its look-alikes, naming the field', async () => {
    const { app, store } = setup({ ownerName: 'Olga Owner', ownerKeys: [OWNER_KEY] });
    // Latin as typed, lower case, Cyrillic О, capital I for l, zero for O, two spaces, full width.
    for (const name of ['Olga Owner', 'olga owner', 'Оlga Оwner', 'OIga Owner', '0lga Owner', 'Olga  Owner', 'Ｏｌｇａ Ｏｗｎｅｒ']) {
      const res = await post(app, body({ name, email: 'olga@blog.example', text: `As ${name}` }));
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(error.code).toBe('invalid');
      expect(error.fields.name).toBe("This name belongs to the site's owner; please choose another.");
    }
    expect(await store.comments.listAll({ limit: 10 })).toEqual([]);
  });

  it('is the owner\'s from a browser with an owner key, and other names stay free', async () => {
    const { app } = setup({ ownerName: 'Olga Owner', ownerKeys: [OWNER_KEY] });
    expect((await post(app, body({ name: 'Olga Owner', text: 'The owner speaks', authorKey: OWNER_KEY }))).status).toBe(201);
    for (const name of ['Olga', 'Olga Owens', 'Owner Olga']) expect((await post(app, body({ name, text: `I am ${name}` }))).status, name).toBe(201);
  });

  it('trusts the owner\'s browser from its first comment in first-time mode', async () => {
    const { app } = setup({ moderation: 'first-time', ownerName: 'Olga Owner', ownerKeys: [OWNER_KEY] });
    const res = await post(app, body({ name: 'Olga Owner', text: 'Welcome, everyone', authorKey: OWNER_KEY }));
    expect(((await res.json()) as { status: string }).status).toBe('published');
  });

  it('reserves nothing without --owner-name', async () => {
    const { app } = setup();
    expect((await post(app, body({ name: 'Olga Owner' }))).status).toBe(201);
  });

  it('compares by TR39 skeleton, folding case and width', () => {
    expect(looksLike('Раураl', 'PayPal')).toBe(true);
    expect(looksLike('rn', 'm')).toBe(true);
    expect(looksLike('Ann', 'Anna')).toBe(false);
  });
});
