import { describe, expect, it } from 'vitest';
import { flood } from '../../../src/server/moderation/flood.ts';
import { ctx } from './context.ts';

describe('flood rule', () => {
  it('holds a post sent sooner than --flood-seconds after the same client\'s last one', () => {
    expect(flood(ctx({ floodSeconds: 15, secondsSinceLastPost: 4 }))).toEqual({
      rule: 'flood',
      verdict: 'hold',
      message: 'posted 4 s after the last one from this client (minimum 15 s)',
    });
  });

  it('passes when the last post is old enough or there is none', () => {
    expect(flood(ctx({ floodSeconds: 15, secondsSinceLastPost: 15 }))).toBeNull();
    expect(flood(ctx({ floodSeconds: 15, secondsSinceLastPost: null }))).toBeNull();
  });

  it('is off at 0 seconds and for edits', () => {
    expect(flood(ctx({ floodSeconds: 0, secondsSinceLastPost: 0 }))).toBeNull();
    expect(flood(ctx({ floodSeconds: 15, secondsSinceLastPost: 0, kind: 'edit' }))).toBeNull();
  });
});
