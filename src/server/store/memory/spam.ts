// The spam part in memory (store/spam.ts).
import { distinctFeatures, type ClientDetails, type SpamLabel, type SpamPart } from '../spam.ts';
import { open, type MemoryState } from './state.ts';

interface Site {
  version: number;
  ham: number;
  spam: number;
  features: Map<string, { ham: number; spam: number }>;
  decisions: Map<string, { label: SpamLabel; features: string[] }>;
}

export function memorySpam(state: MemoryState): SpamPart {
  const sites = new Map<string, Site>();
  const clients = new Map<string, ClientDetails & { keptAt: number }>();
  const site = (name: string): Site => {
    let found = sites.get(name);
    if (!found) sites.set(name, (found = { version: 0, ham: 0, spam: 0, features: new Map(), decisions: new Map() }));
    return found;
  };
  const count = (s: Site, label: SpamLabel, features: readonly string[], by: number) => {
    s[label] += by;
    for (const feature of features) {
      const row = s.features.get(feature) ?? { ham: 0, spam: 0 };
      row[label] += by;
      if (row.ham <= 0 && row.spam <= 0) s.features.delete(feature);
      else s.features.set(feature, row);
    }
  };
  return {
    async learn(name, commentId, label, given) {
      open(state);
      const s = site(name);
      const prior = s.decisions.get(commentId);
      if (prior?.label === label) return false;
      if (prior) count(s, prior.label, prior.features, -1);
      const features = distinctFeatures(given);
      count(s, label, features, 1);
      s.decisions.set(commentId, { label, features });
      s.version++;
      return true;
    },
    async version(name) {
      open(state);
      return sites.get(name)?.version ?? 0;
    },
    async model(name) {
      open(state);
      const s = sites.get(name);
      if (!s) return { version: 0, ham: 0, spam: 0, features: new Map() };
      return { version: s.version, ham: s.ham, spam: s.spam, features: new Map([...s.features].map(([f, c]) => [f, { ...c }])) };
    },
    async reset(name) {
      open(state);
      const s = sites.get(name);
      if (!s) return;
      sites.set(name, { version: s.version + 1, ham: 0, spam: 0, features: new Map(), decisions: new Map() });
    },
    async keepClient(commentId, details, now) {
      open(state);
      clients.set(commentId, { address: details.address, userAgent: details.userAgent, referrer: details.referrer, keptAt: now });
    },
    async client(commentId) {
      open(state);
      const found = clients.get(commentId);
      return found ? { ...found } : null;
    },
    async forgetClients(before) {
      open(state);
      let gone = 0;
      for (const [id, kept] of clients) if (kept.keptAt < before && clients.delete(id)) gone++;
      return gone;
    },
  };
}
