// The learning filter's glue to the store (issue 15, item 2): each moderator decision is learnt
// (store.spam.learn), and each post is judged by the model as the store holds it, kept prepared in
// this process while its version stands (one small read a post), so every instance judges with the
// same model.
//
// One model per site. A Parley server serves one site today (its --origin pages share one
// moderator), so the site is a constant; the store keys everything by site for the day one server
// moderates several.
import type { Logger } from '../deps.ts';
import type { Store, StoredComment } from '../store/store.ts';
import { learningFeatures } from './features.ts';
import { prepareModel, type PreparedModel } from './model.ts';

export const LEARNING_SITE = 'default';

const kept = new WeakMap<Store, PreparedModel>();

/** The site's model, prepared; read from the store again only when its version moved. */
export async function learnedModel(store: Store, site = LEARNING_SITE): Promise<PreparedModel> {
  const version = await store.spam.version(site);
  const found = kept.get(store);
  if (found && found.version === version) return found;
  const model = prepareModel(await store.spam.model(site));
  kept.set(store, model);
  return model;
}

/**
 * Learn a moderator's decision on the comments it changed: approve → ham, spam → spam (delete is
 * no verdict on spam). The features are the comment's text and the reasons stored with it, which
 * are the findings it was judged with. A failure is logged: the decision itself is stored already.
 */
export async function learnDecisions(deps: { store: Store; logger: Logger }, changed: readonly StoredComment[], action: string): Promise<number> {
  const label = action === 'approve' ? 'ham' : action === 'spam' ? 'spam' : null;
  if (!label) return 0;
  let learnt = 0;
  for (const comment of changed) {
    try {
      if (await deps.store.spam.learn(LEARNING_SITE, comment.id, label, learningFeatures(comment.text, comment.reasons))) learnt++;
    } catch (error) {
      deps.logger.error(`learning filter: the decision on comment ${comment.id} could not be learnt`, error);
    }
  }
  return learnt;
}
