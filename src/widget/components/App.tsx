// The stateful root of one widget. Size shapes this file (the embed has 10 KB, DESIGN "Parts"):
// no hooks (`preact/hooks` is ~1 KB gzipped) and no class (every `this.state.x` keeps its long
// name through the minifier). The state is local variables of one closure, which minify to one
// letter, and each change re-renders the whole view with `render()`; Preact's diff keeps the DOM
// nodes, so focus and scroll stay where they are. Typing re-renders nothing: the inputs write into
// `v` and the next render passes the same values back.
import { nanoid } from 'nanoid';
import { render } from 'preact';
import { BackendError } from '../../adapters/backend.ts';
import { checkDraft, normalizeDraft } from '../../core/checks.ts';
import { fill, problemMessage } from '../../core/strings.ts';
import { buildTree } from '../../core/tree.ts';
import type { DraftField, PublicComment, ThreadPage } from '../../core/types.ts';
import { en } from '../../core/i18n/en.ts';
import type { MountOptions } from '../mount.ts';
import { AUTHOR_KEY, createStore, defaultStorage, draftKey, mineKey } from '../storage.ts';
import { css } from '../styles.ts';
import { CountHeading } from './CountHeading.tsx';
import { ReplyForm } from './ReplyForm.tsx';
import { Status } from './Status.tsx';
import { Thread } from './Thread.tsx';

/** The reader's own held comment, kept for the edit window so it survives a reload (DESIGN promise 6). */
export interface Mine {
  comment: PublicComment;
  editToken: string;
  time: number;
}

/** What `parley:draft:<thread>` holds. */
export interface Draft {
  text: string;
  parent: string | null;
  key?: string;
}

export type Fields = Record<DraftField, string>;

const FIELDS = ['text', 'name', 'email', 'website'];

/** Start one widget in `root`: it renders at once, loads the thread, and re-renders on every change. */
export function App(o: MountOptions, root: ShadowRoot): void {
  const { backend: b, thread, now = Date.now } = o;
  const s = { ...en, ...o.strings };
  const st = createStore(o.storage === undefined ? defaultStorage() : o.storage);
  const dk = draftKey(thread);
  const mk = mineKey(thread);
  const d = st.get<Draft>(dk);
  const author = st.get<Partial<Fields>>(AUTHOR_KEY);
  const v: Fields = { name: '', email: '', website: '', ...author, text: d?.text || '' };
  let save = !!author;
  // The draft's idempotency key: made when the draft starts, reused by every retry of it.
  let key = d?.key;
  let reply = d?.parent || null;
  let list: PublicComment[] | null = null; // null until the first page arrives
  let count = 0;
  let next: string | null = null;
  const more: Record<string, string> = {}; // roots with more replies → cursor
  let fail: [string, () => void] | 0 = 0;
  const mine = (st.get<Mine[]>(mk) || []).filter((m) => now() - m.time < 15 * 60_000);
  st.set(mk, mine);
  let err: Record<string, string> = {};
  let msg = '';
  let retry = false;
  let busy = false;
  let hp = '';
  let token: string | undefined;
  let asked = false;

  const byId = (id: string) => root.getElementById(id);
  // Saved on every change and dropped once empty, i.e. after a post succeeds or a discard (promise 2).
  const keep = () => (v.text ? st.set(dk, { text: v.text, parent: reply, key } satisfies Draft) : st.del(dk));
  /** Re-render, then move focus to the element with id `focus` (the DOM is current after render()). */
  const up = (focus?: string) => {
    render(view(), root);
    keep();
    if (focus) byId(focus)?.focus();
  };
  const reason = (x: unknown) => (x instanceof BackendError ? x.message : s.networkError);

  /** Fetch a page and append it; `id` marks a "Show more replies" page of that root. */
  const get = (p: Promise<ThreadPage>, again: () => void, id?: string) => {
    fail = 0;
    up();
    p.then(
      (r) => {
        const had = list;
        const first = r.comments.find((c) => !had?.some((o) => o.id == c.id));
        list = [...(had || []), ...r.comments];
        count = r.thread.count;
        Object.assign(more, r.more);
        if (!id) next = r.nextCursor;
        else if (r.nextCursor) more[id] = r.nextCursor;
        else delete more[id];
        // Keep the reader's place: focus the first new comment (not on the first load).
        up(had && first ? 'comment-' + first.id : '');
      },
      (x) => {
        fail = [reason(x), again];
        up();
      },
    );
  };
  const load = (cursor?: string) => get(b.list(thread, { cursor, limit: o.pageSize }), () => load(cursor));
  const replies = (id: string) => get(b.replies!(id, { cursor: more[id], thread }), () => replies(id), id);

  /** Mark the fields, announce the summary, focus the first marked field; the text stays. */
  const invalid = (x: Record<string, string>, m: string) => {
    err = x;
    msg = m;
    up('p-' + FIELDS.find((k) => x[k]));
  };

  const send = async () => {
    const draft = normalizeDraft(v);
    const problems = checkDraft(draft);
    const x: Record<string, string> = {};
    for (const k in problems) x[k] = problemMessage(k as DraftField, problems[k as DraftField]!, s);
    if (Object.keys(x).length) return invalid(x, s.fixErrors);
    if (save) st.set(AUTHOR_KEY, { name: draft.name, email: draft.email, website: draft.website });
    key ||= nanoid();
    busy = true;
    retry = false;
    err = {};
    msg = '';
    up();
    try {
      const r = await b.post({ ...draft, thread, url: o.url, parent: reply, idempotencyKey: key, form: { hp, token } });
      const c = r.comment;
      if (r.status == 'held') {
        mine.push({ comment: c, editToken: r.editToken, time: now() });
        st.set(mk, mine);
        msg = s.held;
      } else {
        list = [...(list || []), c];
        count++;
        msg = s.posted;
      }
      v.text = '';
      key = undefined;
      reply = null;
      busy = false;
      up('comment-' + c.id);
    } catch (x) {
      busy = false;
      const be = x instanceof BackendError ? x : 0;
      const f = be && be.fields;
      // Fields the form does not show (parent, thread) are worded in the summary instead.
      if (f) return invalid(f, [(be as BackendError).message, ...Object.keys(f).filter((k) => !FIELDS.includes(k)).map((k) => f[k])].join(' '));
      retry = !be || be.retryable;
      // The same key with a changed text is refused for good; a fresh key lets the reader go on.
      if (be && be.code == 'idempotency_conflict') key = undefined;
      msg = retry ? fill(s.postFailed, { reason: reason(x) }) : (be as BackendError).message;
      up();
    }
  };

  const cancel = () => {
    const id = reply;
    reply = null;
    up('r-' + id);
  };

  function view() {
    const all = [...(list || [])];
    // The reader's held comments are not in the public list; show them where they belong.
    const held = mine.map((m) => m.comment).filter((c) => !all.some((o) => o.id == c.id));
    all.push(...held);
    const to = all.find((c) => c.id == reply);
    const form = (
      <ReplyForm
        s={s}
        v={v}
        err={err}
        msg={msg}
        retry={retry}
        busy={busy}
        save={save}
        reply={reply}
        to={to?.author.name}
        on={{
          send,
          cancel,
          input(k, value) {
            v[k] = value;
            if (k == 'text') key ||= nanoid();
            keep();
          },
          hp: (value) => (hp = value),
          tick(on) {
            save = on;
            if (!on) st.del(AUTHOR_KEY);
          },
          // The form token is fetched once, when the reader first focuses the form; failures are ignored.
          focus() {
            if (b.formToken && !asked) b.formToken(thread).then((t) => (token = t), () => {});
            asked = true;
          },
          discard() {
            v.text = '';
            key = undefined;
            reply = null;
            err = {};
            msg = '';
            retry = false;
            up('p-text');
          },
        }}
      />
    );
    return (
      <>
        <style>{css}</style>
        {list && <CountHeading s={s} n={count} title={o.title} />}
        {list && (
          <Thread
            nodes={buildTree(all, o.maxDepth)}
            c={{
              s,
              held,
              reply: to && reply,
              form,
              more,
              onReply(id) {
                reply = id;
                up('p-text');
              },
              onMore: replies,
            }}
          />
        )}
        {next && (
          <button type="button" onClick={() => load(next!)}>
            {s.showMore}
          </button>
        )}
        {fail ? <Status text={fill(s.loadFailed, { reason: fail[0] })} retry={fail[1]} s={s} /> : !list && <Status text={s.loading} s={s} />}
        {!to && form}
      </>
    );
  }

  load();
}
