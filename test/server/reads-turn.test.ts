// The fast path's version reads, shared by the requests of one event-loop turn (issue 22,
// src/server/reads.ts createTurnMemo): asked of the store once per thread and turn, and asked
// again in the next turn, so a commit is seen by every request read after the turn it fell in.
import { describe, expect, it } from 'vitest';
import { createTurnMemo } from '../../src/server/reads.ts';
import type { Deps } from '../../src/server/deps.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function countingStore() {
  const asked: string[] = [];
  const versions: Record<string, number> = { '/a': 1, '/b': 7 };
  let stamp = 10;
  const store = {
    threads: { versionNow: (thread: string) => (asked.push(thread), versions[thread] ?? 0) },
    changeStamp: () => (asked.push('stamp'), stamp),
  } as unknown as Deps['store'];
  const commit = (thread: string) => {
    versions[thread] = (versions[thread] ?? 0) + 1;
    stamp++;
  };
  return { store, asked, commit };
}

describe('versions read once a turn', () => {
  it('asks the store once per thread in a turn, and again in the next turn', async () => {
    const { store, asked, commit } = countingStore();
    const turn = createTurnMemo(store);
    expect([turn.version('/a'), turn.version('/a'), turn.version('/b'), turn.version('/a')]).toEqual([1, 1, 7, 1]);
    expect(asked).toEqual(['/a', '/b']);
    // A commit inside the turn: requests already read in it are answered as of the turn's start.
    commit('/a');
    expect(turn.version('/a')).toBe(1);
    await nextTurn();
    expect(turn.version('/a')).toBe(2);
    expect(asked).toEqual(['/a', '/b', '/a']);
  });

  it('reads the change stamp once a turn, and the next turn sees a commit', async () => {
    const { store, asked, commit } = countingStore();
    const turn = createTurnMemo(store);
    expect([turn.stamp(), turn.stamp()]).toEqual([10, 10]);
    commit('/b');
    expect(turn.stamp()).toBe(10);
    await nextTurn();
    expect(turn.stamp()).toBe(11);
    expect(asked).toEqual(['stamp', 'stamp']);
  });

  it('asks a store that answers later (PostgreSQL) once per thread and turn, never sharing an earlier turn\'s query', async () => {
    let queries = 0;
    let version = 3;
    const answers: ((v: number) => void)[] = [];
    const store = {
      threads: { version: () => (queries++, new Promise<number>((resolve) => answers.push(resolve))) },
    } as unknown as Deps['store'];
    const turn = createTurnMemo(store);
    const first = [turn.versionLater('/a'), turn.versionLater('/a'), turn.versionLater('/a')];
    expect(queries).toBe(1);
    await nextTurn();
    // The first turn's query is still on its way; a request of this turn must not wait for it.
    const second = turn.versionLater('/a');
    expect(queries).toBe(2);
    answers[0]!(version);
    version = 4;
    answers[1]!(version);
    expect(await Promise.all(first)).toEqual([3, 3, 3]);
    expect(await second).toBe(4);
  });

  it('has no stamp for a store without one', () => {
    const turn = createTurnMemo({ threads: {} } as unknown as Deps['store']);
    expect(turn.stamp()).toBeUndefined();
  });
});
