// The spam part on SQLite (store/spam.ts).
import { distinctFeatures, type SpamLabel, type SpamPart } from '../spam.ts';
import type { Sqlite } from './db.ts';

export function sqliteSpam({ db, q }: Sqlite): SpamPart {
  /** Count `features` under `label`, `by` each (−1 takes a decision back); rows at zero go. */
  const count = (site: string, label: SpamLabel, features: readonly string[], by: number) => {
    const list = JSON.stringify(features);
    q('spamFeaturesAdd').run(site, label === 'ham' ? by : 0, label === 'spam' ? by : 0, list);
    if (by < 0) q('spamFeaturesPrune').run(site, list);
  };
  const learn = db.transaction((site: string, commentId: string, label: SpamLabel, features: string[]) => {
    const prior = q<{ label: SpamLabel; features: string }>('spamDecisionGet').get(site, commentId);
    if (prior?.label === label) return false;
    if (prior) count(site, prior.label, JSON.parse(prior.features) as string[], -1);
    count(site, label, features, 1);
    q('spamDecisionPut').run(site, commentId, label, JSON.stringify(features));
    const ham = (label === 'ham' ? 1 : 0) - (prior?.label === 'ham' ? 1 : 0);
    const spam = (label === 'spam' ? 1 : 0) - (prior?.label === 'spam' ? 1 : 0);
    q('spamModelAdd').run(site, ham, spam);
    return true;
  });
  const reset = db.transaction((site: string) => {
    q('spamFeaturesReset').run(site);
    q('spamDecisionsReset').run(site);
    q('spamModelReset').run(site);
  });
  const totals = (site: string) => q<{ ham: number; spam: number; version: number }>('spamModelGet').get(site);
  return {
    learn: async (site, commentId, label, features) => learn.immediate(site, commentId, label, distinctFeatures(features)),
    version: async (site) => totals(site)?.version ?? 0,
    model: async (site) =>
      db.transaction(() => {
        const found = totals(site);
        const rows = q<{ feature: string; ham: number; spam: number }>('spamFeaturesAll').all(site);
        return {
          version: found?.version ?? 0,
          ham: found?.ham ?? 0,
          spam: found?.spam ?? 0,
          features: new Map(rows.map((r) => [r.feature, { ham: r.ham, spam: r.spam }])),
        };
      })(),
    reset: async (site) => reset.immediate(site),
    keepClient: async (commentId, d, now) => {
      q('clientKeep').run(commentId, d.address, d.userAgent, d.referrer, now);
    },
    client: async (commentId) => {
      const row = q<{ address: string; user_agent: string; referrer: string; kept_at: number }>('clientGet').get(commentId);
      return row ? { address: row.address, userAgent: row.user_agent, referrer: row.referrer, keptAt: row.kept_at } : null;
    },
    forgetClients: async (before) => q('clientForget').run(before).changes,
  };
}
