import { describe, expect, it } from 'vitest';
import { createMemoryBackend, type MemoryRow } from '../../src/adapters/memory.ts';
import { draft, runBackendContract } from './contract.ts';

runBackendContract('memory', ({ holdAll }) => createMemoryBackend(holdAll ? { moderate: () => 'held' } : {}), { replies: true, edit: true, remove: true, counts: true, formToken: false });

describe('createMemoryBackend', () => {
  it('keeps its state in the rows array it is given', async () => {
    const rows: MemoryRow[] = [];
    const posted = await createMemoryBackend({ rows }).post(draft('/t'));
    expect(rows.map((r) => r.comment.id)).toEqual([posted.comment.id]);
    const again = createMemoryBackend({ rows });
    expect((await again.list('/t')).comments).toEqual([posted.comment]);
  });
});
