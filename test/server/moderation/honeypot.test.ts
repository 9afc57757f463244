import { describe, expect, it } from 'vitest';
import { honeypot } from '../../../src/server/moderation/honeypot.ts';
import { ctx } from './context.ts';

describe('honeypot rule', () => {
  it('marks a post with the hidden field filled in as spam', () => {
    expect(honeypot(ctx({ draft: { form: { hp: 'http://bot.example' } } }))).toMatchObject({ rule: 'honeypot', verdict: 'spam' });
  });

  it('passes an empty or absent field, and edits', () => {
    expect(honeypot(ctx({ draft: { form: { hp: '' } } }))).toBeNull();
    expect(honeypot(ctx())).toBeNull();
    expect(honeypot(ctx({ kind: 'edit', draft: { form: { hp: 'x' } } }))).toBeNull();
  });
});
