import { createMemoryStore } from '../../src/server/store/memory.ts';
import { storeContract } from './store-contract.ts';

storeContract('memory', () => createMemoryStore());
