import { describe, expect, it } from 'vitest';
import { makeFormToken } from '../../../src/server/crypto.ts';
import { formToken } from '../../../src/server/moderation/form-token.ts';
import { ctx, NOW } from './context.ts';

const issued = (secondsAgo: number, thread = '/a', secret = 'test-secret') => makeFormToken(secret, thread, Math.floor(NOW / 1000) - secondsAgo);
const on = { minSubmitSeconds: 3 };

describe('form-token rule', () => {
  it('holds a post without a form token', () => {
    expect(formToken(ctx({ ...on, draft: { form: {} } }))).toMatchObject({ rule: 'form-token', verdict: 'hold', message: expect.stringContaining('no form token') });
    expect(formToken(ctx(on))).toMatchObject({ verdict: 'hold' });
  });

  it('holds a forged token, one signed with another secret, and one issued for another thread', () => {
    expect(formToken(ctx({ ...on, draft: { form: { token: 'bm90LWEtdG9rZW4' } } }))).toMatchObject({ verdict: 'hold', message: expect.stringContaining('forged') });
    expect(formToken(ctx({ ...on, draft: { form: { token: issued(60, '/a', 'other-secret') } } }))).toMatchObject({ verdict: 'hold' });
    expect(formToken(ctx({ ...on, draft: { form: { token: issued(60, '/b') } } }))).toMatchObject({ verdict: 'hold' });
  });

  it('holds a post sent sooner than --min-submit-seconds after the form opened', () => {
    expect(formToken(ctx({ ...on, draft: { form: { token: issued(1) } } }))).toEqual({
      rule: 'form-token',
      verdict: 'hold',
      message: 'sent 1 s after the form was opened (minimum 3 s)',
    });
  });

  it('passes a genuine token old enough, and says how long the reader took', () => {
    expect(formToken(ctx({ ...on, draft: { form: { token: issued(3) } } }))).toMatchObject({ verdict: 'publish', message: 'sent 3 s after the form was opened' });
    expect(formToken(ctx({ ...on, draft: { form: { token: issued(600) } } }))).toMatchObject({ verdict: 'publish', message: 'sent 10 min after the form was opened' });
  });

  it('holds a token older than a day, so one fetched token cannot be reused for ever', () => {
    expect(formToken(ctx({ ...on, draft: { form: { token: issued(24 * 3600) } } }))).toMatchObject({ verdict: 'publish' });
    expect(formToken(ctx({ ...on, draft: { form: { token: issued(3 * 24 * 3600) } } }))).toEqual({
      rule: 'form-token',
      verdict: 'hold',
      message: 'form token expired: issued 72 h ago (a day at most)',
    });
  });

  it('is off at 0 seconds and for edits', () => {
    expect(formToken(ctx({ minSubmitSeconds: 0 }))).toBeNull();
    expect(formToken(ctx({ ...on, kind: 'edit' }))).toBeNull();
  });
});
