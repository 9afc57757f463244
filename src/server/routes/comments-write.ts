// POST, PATCH and DELETE /api/v1/comments: HTTP only. Each reads the request, calls its use case
// (comments/post.ts, edit.ts, remove.ts) and writes the answer.
import { Hono } from 'hono';
import { editComment } from '../comments/edit.ts';
import { postComment } from '../comments/post.ts';
import { removeComment } from '../comments/remove.ts';
import { castVote } from '../comments/votes.ts';
import type { Deps } from '../deps.ts';
import { bearer, readJson, sender } from '../http.ts';
import { toPublic } from '../present.ts';

export function commentsWriteRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.post('/comments', async (c) => {
    const { comment, outcome, editToken, editableUntil, authorKey, replay } = await postComment(deps, { body: await readJson(c), ...sender(deps, c) });
    // `editableUntil` (issue 8): the widget shows Edit and Delete for as long as this server's
    // --edit-window allows, not for a window it has to guess.
    // `authorKey` (issue 14): the widget keeps it and sends it with the next post.
    return c.json({ comment: toPublic(comment, deps.settings.ownerBadge), status: outcome, editToken, editableUntil, authorKey }, replay ? 200 : 201);
  });

  app.patch('/comments/:id', async (c) => {
    const { comment, outcome } = await editComment(deps, { id: c.req.param('id'), token: bearer(c), body: await readJson(c), address: deps.clientAddress(c) });
    // The PublicComment plus the outcome, as a POST says it (`published` or `held`): the author's
    // widget must know that an edit was held, to show it as awaiting moderation (issue 8).
    return c.json({ ...toPublic(comment, deps.settings.ownerBadge), status: outcome });
  });

  // A vote (issue 16): { value: 1 | -1 | 0, voter, authorKey? } → { votes: { up, down } }.
  app.post('/comments/:id/vote', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await castVote(deps, { id: c.req.param('id'), body: await readJson(c), address: deps.clientAddress(c) }));
  });

  app.delete('/comments/:id', async (c) => {
    await removeComment(deps, { id: c.req.param('id'), token: bearer(c) });
    return c.body(null, 204);
  });

  return app;
}
