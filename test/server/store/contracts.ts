// Every part's contract suite, for one store (DESIGN "Parts": a new store passes these; a new part
// adds its suite here). Not a test file itself: memory.test.ts, sqlite.test.ts and postgres.test.ts
// call it with a factory.
import { aliasesContract } from './aliases.ts';
import { articlesContract } from './articles.ts';
import { commentsContract } from './comments.ts';
import type { StoreFactory } from './context.ts';
import { countersContract } from './counters.ts';
import { deskContract } from './desk.ts';
import { eventsContract } from './events.ts';
import { historyContract } from './history.ts';
import { lifecycleContract } from './lifecycle.ts';
import { outboxContract } from './outbox.ts';
import { pinsContract } from './pins.ts';
import { readersContract } from './readers.ts';
import { settingsContract } from './settings.ts';
import { sitesContract } from './sites.ts';
import { spamContract } from './spam.ts';
import { threadsContract } from './threads.ts';
import { votesContract } from './votes.ts';

export { draft } from './context.ts';

export function storeContracts(name: string, factory: StoreFactory): void {
  for (const contract of [commentsContract, threadsContract, historyContract, countersContract, settingsContract, articlesContract, aliasesContract, outboxContract, readersContract, spamContract, deskContract, eventsContract, votesContract, pinsContract, sitesContract, lifecycleContract]) {
    contract(name, factory);
  }
}
