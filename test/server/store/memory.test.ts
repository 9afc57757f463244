import { createMemoryStore } from '../../../src/server/store/memory.ts';
import { storeContracts } from './contracts.ts';

storeContracts('memory', () => createMemoryStore());
