import { describe, expect, it } from 'vitest';
import { flood } from '../../../src/server/moderation/flood.ts';
import { ctx } from './context.ts';

describe('flood rule', () => {
  it('holds a browser\'s third post within --flood-seconds (issue 14: a burst, not a reader)', () => {
    expect(flood(ctx({ floodSeconds: 15, flood: { posts: 2, by: 'browser' } }))).toEqual({
      rule: 'flood',
      verdict: 'hold',
      message: '3rd comment within 15 s from this browser (more than 2 is a burst)',
    });
  });

  it('passes a second post, and when the address is unknown; names the address for posts without a key', () => {
    expect(flood(ctx({ floodSeconds: 15, flood: { posts: 1, by: 'browser' } }))).toBeNull();
    expect(flood(ctx({ floodSeconds: 15, flood: null }))).toBeNull();
    expect(flood(ctx({ floodSeconds: 15, flood: { posts: 11, by: 'address' } }))).toMatchObject({ message: '12th comment within 15 s from this address (more than 2 is a burst)' });
  });

  it('is off at 0 seconds and for edits', () => {
    expect(flood(ctx({ floodSeconds: 0, flood: { posts: 5, by: 'browser' } }))).toBeNull();
    expect(flood(ctx({ floodSeconds: 15, flood: { posts: 5, by: 'browser' }, kind: 'edit' }))).toBeNull();
  });
});
