// The spam part on PostgreSQL (store/spam.ts). Learning is serialized by an advisory lock: two
// moderators deciding the same comment at once must not both count it.
import { distinctFeatures, type SpamLabel, type SpamPart } from '../spam.ts';
import { PARLEY_LOCK, SPAM_LOCK, type Pg, type Run } from './pool.ts';

export function pgSpam({ run, transaction }: Pg): SpamPart {
  const count = async (tx: Run, site: string, label: SpamLabel, features: readonly string[], by: number) => {
    await tx('spamFeaturesAdd', [site, label === 'ham' ? by : 0, label === 'spam' ? by : 0, features]);
    if (by < 0) await tx('spamFeaturesPrune', [site, features]);
  };
  return {
    learn: (site, commentId, label, given) =>
      transaction(async (tx) => {
        const features = distinctFeatures(given);
        await tx('lockKey', [PARLEY_LOCK, SPAM_LOCK]);
        const prior = (await tx<{ label: SpamLabel; features: string[] }>('spamDecisionGet', [site, commentId])).rows[0];
        if (prior?.label === label) return false;
        if (prior) await count(tx, site, prior.label, prior.features, -1);
        await count(tx, site, label, features, 1);
        await tx('spamDecisionPut', [site, commentId, label, features]);
        const ham = (label === 'ham' ? 1 : 0) - (prior?.label === 'ham' ? 1 : 0);
        const spam = (label === 'spam' ? 1 : 0) - (prior?.label === 'spam' ? 1 : 0);
        await tx('spamModelAdd', [site, ham, spam]);
        return true;
      }),
    version: async (site) => Number((await run<{ version: number }>('spamModelGet', [site])).rows[0]?.version ?? 0),
    model: (site) =>
      transaction(async (tx) => {
        const found = (await tx<{ ham: number; spam: number; version: number }>('spamModelGet', [site])).rows[0];
        const rows = (await tx<{ feature: string; ham: number; spam: number }>('spamFeaturesAll', [site])).rows;
        return {
          version: Number(found?.version ?? 0),
          ham: found?.ham ?? 0,
          spam: found?.spam ?? 0,
          features: new Map(rows.map((r) => [r.feature, { ham: r.ham, spam: r.spam }])),
        };
      }),
    reset: (site) =>
      transaction(async (tx) => {
        await tx('lockKey', [PARLEY_LOCK, SPAM_LOCK]);
        await tx('spamFeaturesReset', [site]);
        await tx('spamDecisionsReset', [site]);
        await tx('spamModelReset', [site]);
      }),
    keepClient: async (commentId, d, now) => {
      await run('clientKeep', [commentId, d.address, d.userAgent, d.referrer, now]);
    },
    client: async (commentId) => {
      const row = (await run<{ address: string; user_agent: string; referrer: string; kept_at: number }>('clientGet', [commentId])).rows[0];
      return row ? { address: row.address, userAgent: row.user_agent, referrer: row.referrer, keptAt: Number(row.kept_at) } : null;
    },
    forgetClients: async (before) => (await run('clientForget', [before])).rowCount ?? 0,
  };
}
