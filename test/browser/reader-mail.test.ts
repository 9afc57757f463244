// Reader mail in Chromium on the demo article (issue 17), through `startServer` (main.ts's wiring:
// --smtp, the outbox worker, DKIM from --dkim-key) and a real SMTP server on 127.0.0.1: the reader
// ticks "Notify me of replies by email", posts, gets the confirmation, confirms in the same browser,
// gets one mail for two replies that came together, unsubscribes with RFC 8058's one-click POST,
// and uses /my from its mailed link.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/http.ts';
import { chromiumAvailable, launchChromium, openPage, widgetReady } from '../helpers/browser.ts';
import { DEMO_PAGE, DEMO_THREAD, listAll, removeDir, startParley, type Parley } from '../helpers/site.ts';
import { header, parts, startSmtp } from '../server/notify/helpers.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe.skipIf(!chromiumAvailable())('reader mail in Chromium', () => {
  let browser: Browser;
  let parley: Parley;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    parley = await startParley(
      { [DEMO_THREAD]: readFileSync(DEMO_PAGE, 'utf8') },
      {
        smtpUrl: smtp.url,
        notifyEmail: 'owner@blog.example',
        smtpOptions: { secure: false, ignoreTLS: true },
        // Long enough for two replies posted back to back to share a mail; the ten-minute default
        // is tested with a clock in test/server/readers.
        mailBatchSeconds: 5,
        outboxIntervalMs: 100,
        dkimDomain: 'blog.example',
        dkimSelector: 'parley',
        dkimKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await smtp?.close();
    removeDir(parley);
  });

  const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to));
  const waitForMailTo = async (to: string, n: number) => {
    while (mailsTo(to).length < n) await smtp.waitFor(smtp.mails.length + 1);
    return mailsTo(to)[n - 1]!;
  };
  const linkIn = (raw: string, path: string) => new RegExp(`(http://[^\\s]+${path.replace(/[/?]/g, '\\$&')}\\?t=[\\w.-]+)`).exec(parts(raw).text)?.[1];

  it('ticks the box, confirms, gets one mail for two replies, unsubscribes in one click, and manages from /my', async () => {
    const { page, problems } = await openPage(browser, `${parley.url}${DEMO_THREAD}`);
    await widgetReady(page);
    const w = page.locator('.parley');
    const box = w.getByRole('checkbox', { name: 'Notify me of replies by email' });
    expect(await box.isChecked()).toBe(false);
    await w.getByRole('textbox', { name: 'Comment required' }).fill('Who will travel with him?');
    await w.getByRole('textbox', { name: 'Name required' }).fill('Ada');
    await w.getByRole('textbox', { name: 'Email required' }).fill('ada@example.com');
    await box.check();
    await w.getByRole('button', { name: 'Post Comment' }).click();
    await expect.poll(() => w.locator('article:focus > .n').textContent()).toBe('Your comment was posted.');

    // The confirmation: only the site and the link.
    const confirmation = await waitForMailTo('ada@example.com', 1);
    expect(header(confirmation.raw, 'Subject')).toBe(`Confirm that you want emails about replies to your comments on ${new URL(parley.url).host}`);
    expect(confirmation.raw).not.toContain('Who will travel');
    const confirm = linkIn(confirmation.raw, '/notify/confirm')!;
    await page.goto(confirm);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Confirmed');

    // Two replies from another reader, back to back: one mail.
    const mine = (await listAll(parley.url, DEMO_THREAD)).comments.find((c) => c.text === 'Who will travel with him?')!;
    for (const [i, text] of ['Ministers, I read.', 'And a trade delegation.'].entries()) {
      const res = await call(parley.url, 'POST', '/api/v1/comments', { body: { thread: DEMO_THREAD, parent: mine.id, text, name: 'Bob', email: 'bob@example.com', idempotencyKey: `reader-mail-${i}` } });
      expect(res.status).toBe(201);
    }
    const mail = await waitForMailTo('ada@example.com', 2);
    const { text } = parts(mail.raw);
    expect(text).toContain('> Ministers, I read.');
    expect(text).toContain('> And a trade delegation.');
    expect(text).toContain(`${DEMO_THREAD}#comment-`);
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const dkim = await dkimVerify(mail.raw, {
      resolver: async (name: string) => {
        if (name !== 'parley._domainkey.blog.example') throw Object.assign(new Error('no record'), { code: 'ENOTFOUND' });
        return [[`v=DKIM1; k=rsa; p=${keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`]];
      },
    } as never);
    expect(dkim.results[0]!.status.result).toBe('pass');

    // RFC 8058: the mail client's POST to the List-Unsubscribe URL.
    const unsubscribe = /^<([^>]+)>$/.exec(header(mail.raw, 'List-Unsubscribe'))![1]!;
    const res = await call(unsubscribe, 'POST', unsubscribe, { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);

    // /my from its mailed link: ask, open, see the comment, delete it.
    await page.goto(`${parley.url}/my`);
    await page.getByRole('textbox', { name: 'Email' }).fill('ada@example.com');
    await page.getByRole('button', { name: 'Send me the link' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your mail');
    const manage = await waitForMailTo('ada@example.com', 3);
    expect(header(manage.raw, 'Subject')).toBe(`Your comments on ${new URL(parley.url).host}`);
    await page.goto(linkIn(manage.raw, '/my')!);
    await expect.poll(() => page.locator('blockquote').first().textContent()).toBe('Who will travel with him?');
    await page.getByRole('button', { name: 'Delete all my comments' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('1 comment deleted');
    const after = await listAll(parley.url, DEMO_THREAD);
    expect(JSON.stringify(after)).not.toContain('Who will travel with him?');
    expect(problems).toEqual([]);
  });
});
