// The whole UI of one widget. Size shapes this file (the embed has 10 KB, DESIGN "Parts"):
// - no hooks (`preact/hooks` is ~1 KB gzipped) and no class (every `this.state.x` keeps its long
//   name through the minifier). The state is local variables of one closure, which minify to one
//   letter, and each change re-renders the whole view with `render()`; Preact's diff keeps the DOM
//   nodes, so focus and scroll stay where they are. Typing re-renders nothing: the inputs write into
//   `v` and the next render passes the same values back.
// - the parts of the view (count heading, thread, comment, form, status line) are inner functions of
//   that closure rather than components in files of their own: they read the state directly, where
//   components needed it passed down as props objects (`{s, held, reply, form, more, onReply, …}`)
//   whose property names the minifier cannot shorten. That plumbing cost about 280 bytes gzipped.
//   CommentText, which needs nothing from the state, stays in its own file. Arrays stand in for
//   Fragments where a part has several elements: Preact renders both alike, and `[a, b]` is shorter
//   than `h(Fragment, null, a, b)`.
// - for the same reason there is no component here at all, only plain functions returning vnodes;
//   build/build.mjs counts on it and cuts setState, forceUpdate, the render queue, context and
//   class lifecycles out of the embed's Preact (PREACT_CUTS, about 690 bytes gzipped). A class
//   component, a hook or a context in src/widget needs the matching cut dropped there.
import { render } from 'preact';
import { BackendError } from '../../adapters/backend.ts';
import { avatarHue, initials } from '../../core/avatar.ts';
import { checkDraft, checkText, normalizeDraft } from '../../core/checks.ts';
import { countHeading, fill, problemMessage } from '../../core/strings.ts';
import { formatDate } from '../../core/time.ts';
import { buildTree, type TreeNode } from '../../core/tree.ts';
import type { DraftField, PublicComment, ThreadPage } from '../../core/types.ts';
import { en, enEdit, type Strings } from '../../core/i18n/en.ts';
import type { MountOptions } from '../mount.ts';
import { AUTHOR_KEY, createStore, draftKey, mineKey } from '../storage.ts';
import { css } from '../styles.ts';
import { commentText } from './CommentText.tsx';

/**
 * A comment the reader posted here, published or held, with its edit token, kept for the edit window
 * so Edit and Delete (and a held comment, DESIGN promise 6) survive a reload.
 */
export interface Mine {
  comment: PublicComment;
  editToken: string;
  /**
   * When the edit window ends, on the widget's clock: the backend's `editableUntil`, else DESIGN's
   * 15 minutes from posting. 0 once the server said the window is closed.
   */
  until: number;
  /** Held for a moderator: shown to its author only, from here, not from the public list. */
  held: boolean;
}

/** DESIGN's edit window, for a backend that does not say its own (`editableUntil`). */
export const EDIT_WINDOW = 15 * 60_000;

/** What `parley:draft:<thread>` holds. */
export interface Draft {
  text: string;
  parent: string | null;
  key?: string;
}

export type Fields = Record<DraftField, string>;

const FIELDS = ['text', 'name', 'email', 'website'];

// The idempotency key (DESIGN: 1–128 printable ASCII): 128 random bits as four decimal numbers.
// As unguessable as a nanoid, without nanoid's 64-character alphabet in the embed.
const newKey = () => crypto.getRandomValues(new Uint32Array(4)).join('-');

const value = (ev: Event) => (ev.currentTarget as HTMLInputElement).value;

/** Every button of the widget that is not the form's submit button. */
const button = (label: string, onClick: () => void, extra?: Record<string, string>) => (
  <button type="button" onClick={onClick} {...extra}>
    {label}
  </button>
);

/** Start one widget in `root`: it renders at once, loads the thread, and re-renders on every change. */
export function App(o: MountOptions, root: ShadowRoot): () => void {
  const { backend: b, thread, now = Date.now } = o;
  // The count script's words (enCount) are not the widget's; a language file brings them along.
  const s = { ...en, ...enEdit, ...o.strings } as Strings;
  // Right to left for Arabic and Hebrew: the host's `dir` sets the direction inside the shadow root,
  // and styles.ts uses logical properties (padding-inline-start…), so the indent follows it.
  Object.assign(root.host, { lang: s.lang, dir: s.dir });
  const st = createStore(o.storage);
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
  let mine = (st.get<Mine[]>(mk) || []).filter((m) => now() < m.until);
  st.set(mk, mine);
  // Editing or deleting one's own comment: which comment (0 for none), the text being edited, and
  // the error of the last attempt (the edited text stays in `et`, so nothing typed is lost).
  let ed: string | 0 = 0;
  let ask: string | 0 = 0;
  let et = '';
  let ee = '';
  // An edit or delete under way (apart from `busy`, the form's own post).
  let saving = false;
  let err: Record<string, string> = {};
  let msg = '';
  let retry = false;
  let busy = false;
  let hp = '';
  let token: string | undefined;
  let asked = false;

  // Saved on every change and dropped once empty, i.e. after a post succeeds or a discard (promise 2).
  const keep = () => (v.text ? st.set(dk, { text: v.text, parent: reply, key } satisfies Draft) : st.del(dk));
  /** Re-render, then move focus to the element with id `focus` (the DOM is current after render()). */
  const up = (focus?: string) => {
    render(view(), root);
    keep();
    if (focus) root.getElementById(focus)?.focus();
  };
  // "Could not be reached" is the widget's own sentence, in the page's language; any other failure
  // is worded by the server (or adapter) that answered.
  const reason = (x: unknown) => (x instanceof BackendError && x.code != 'network' ? x.message : s.networkError);
  /** The draft is gone (sent or discarded): the next one gets a fresh key and starts at the top. */
  const clear = () => {
    v.text = '';
    key = undefined;
    reply = null;
  };

  /** Fetch a page and append it; `id` marks a "Show more replies" page of that root. */
  const get = (p: Promise<ThreadPage>, again: () => void, id?: string) => {
    fail = 0;
    up();
    p.then(
      (r) => {
        const had = list;
        const first = r.comments.find((c) => !had?.some((x) => x.id == c.id));
        list = [...(had || []), ...r.comments];
        count = r.thread.count;
        Object.assign(more, r.more);
        if (!id) next = r.nextCursor;
        else if (r.nextCursor) more[id] = r.nextCursor;
        else delete more[id];
        // Keep the reader's place: focus the first new comment (not on the first load).
        up(had && first ? 'comment-' + first.id : '');
        if (!had) jump();
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
    key ||= newKey();
    busy = true;
    retry = false;
    err = {};
    msg = '';
    up();
    try {
      const r = await b.post({ ...draft, thread, url: o.url, parent: reply, idempotencyKey: key, form: { hp, token } });
      const c = r.comment;
      const held = r.status == 'held';
      // The server's window (a reader's clock that is minutes off moves the buttons' end as much;
      // the server's 403 stays the authority), else DESIGN's 15 minutes.
      mine.push({ comment: c, editToken: r.editToken, until: Date.parse(r.editableUntil!) || now() + EDIT_WINDOW, held });
      st.set(mk, mine);
      if (held) msg = s.held;
      else {
        list = [...(list || []), c];
        count++;
        msg = s.posted;
      }
      clear();
      busy = false;
      up('comment-' + c.id);
    } catch (x) {
      busy = false;
      const be = x instanceof BackendError && x;
      const f = be && be.fields;
      // Fields the form does not show (parent, thread) are worded in the summary instead.
      if (f) return invalid(f, [be.message, ...Object.keys(f).filter((k) => !FIELDS.includes(k)).map((k) => f[k])].join(' '));
      retry = !be || be.retryable;
      // The same key with a changed text is refused for good; a fresh key lets the reader go on.
      if (be && be.code == 'idempotency_conflict') key = undefined;
      msg = retry ? fill(s.postFailed, { reason: reason(x) }) : (be as BackendError).message;
      up();
    }
  };

  /** Close the edit form or the delete question, back to the comment's own button. */
  const stop = (focus: string) => {
    ed = ask = 0;
    ee = '';
    up(focus);
  };
  // The failure of an edit or a delete, worded under the comment; a closed window also takes the
  // comment's Edit and Delete away (the server's 403 is the authority, whatever the widget's clock).
  const failed = (m: Mine, x: unknown) => {
    saving = false;
    ee = fill(s.editFailed, { reason: reason(x) });
    if (x instanceof BackendError && x.code == 'edit_window_closed') m.until = 0;
    up();
  };
  /** Save an edit: the core check first, then the server, which moderates it again. */
  const saveEdit = async (m: Mine) => {
    const t = et.trim();
    const p = checkText(t);
    if (p) return (ee = problemMessage('text', p, s)), up('p-edit');
    saving = true;
    up();
    try {
      const c = await b.edit!(m.comment.id, m.editToken, t);
      // Public before the edit: in the list. `m.held` is what the post said, and a moderator may
      // have approved the comment since (it is in the list then, found by review).
      const was = !list!.some((x) => x.id == c.id);
      // The server says whether the edit was held (`status`, as a POST does): a held edit leaves
      // the public list and the count and shows to its author only, like a held post; a held
      // comment the moderator approved meanwhile joins them (it has no replies: held comments take none).
      m.held = (c as { status?: string }).status == 'held';
      m.comment = c;
      count += +was - +m.held;
      list = list!.flatMap((x) => (x.id != c.id ? [x] : m.held ? [] : [c]));
      if (was && !m.held) list.push(c);
      st.set(mk, mine);
      saving = false;
      msg = s.saved;
      stop('comment-' + c.id);
    } catch (x) {
      failed(m, x);
    }
  };
  /** Delete after the reader confirmed; a published comment with replies stays as "deleted". */
  const del = async (m: Mine) => {
    const { id } = m.comment;
    saving = true;
    up();
    try {
      await b.remove!(id, m.editToken);
      // Counted if public, i.e. in the list (it may have been approved since it was posted held).
      if (list!.some((x) => x.id == id)) count--;
      mine = mine.filter((x) => x != m);
      list = list!.flatMap((x) => (x.id != id ? [x] : list!.some((y) => y.parent == id) ? [{ ...x, deleted: true as const }] : []));
      st.set(mk, mine);
      saving = false;
      msg = s.removed;
      stop('p-text');
    } catch (x) {
      failed(m, x);
    }
  };

  const cancel = () => {
    const id = reply;
    reply = null;
    up('r-' + id);
  };

  /** Loading and load-failed notices; with `again` it is an alert with a Retry button. */
  const status = (text: string, again?: () => void) => (
    <p role={again ? 'alert' : 'status'}>
      {text} {again && button(s.retry, again)}
    </p>
  );

  function view() {
    const all = [...(list || [])];
    // The reader's held comments are not in the public list; show them where they belong.
    const held = mine.filter((m) => m.held && !all.some((x) => x.id == m.comment.id)).map((m) => m.comment);
    all.push(...held);
    const to = all.find((c) => c.id == reply);

    /** One labelled field of the form, with its error message tied to it for assistive technology. */
    const field = (k: DraftField, label: string, type?: 'email' | 'url' | 'text') => {
      const id = 'p-' + k;
      const e = err[k];
      const req = k != 'website';
      const p = {
        id,
        name: k,
        value: v[k],
        required: req,
        'aria-required': req,
        'aria-invalid': !!e,
        'aria-describedby': e && id + 'e',
        onInput(ev: Event) {
          v[k] = value(ev);
          if (k == 'text') key ||= newKey();
          keep();
        },
      };
      return (
        <p>
          <label for={id}>
            {label}
            {/* The star is for the eye; the accessible name says "required" instead. */}
            {req && <span aria-hidden="true"> *</span>}
            {req && <span class="vh"> {s.required}</span>}
          </label>
          {type ? <input type={type as 'text'} autoComplete={type == 'text' ? k : type} {...p} /> : <textarea rows={6} {...p} />}
          {e && (
            <span id={id + 'e'} class="e">
              {e}
            </span>
          )}
        </p>
      );
    };

    // "Leave a Reply", WordPress's form field for field. Its values live in the closure, so the form
    // can move under a comment and back without losing what the reader typed.
    // noValidate: the core checks, worded by the strings table, replace the browser's bubbles.
    const form = (
      <form
        noValidate
        onSubmit={(ev) => (ev.preventDefault(), send())}
        onKeyDown={(ev) => ev.key == 'Escape' && reply && cancel()}
        // The form token is fetched once, when the reader first focuses the form; failures are ignored.
        onFocusIn={() => {
          if (b.formToken && !asked) b.formToken(thread).then((t) => (token = t), () => {});
          asked = true;
        }}
      >
        <h3>{to ? fill(s.replyingTo, { name: to.author.name }) : s.leaveReply}</h3>
        {reply && button(s.cancelReply, cancel)}
        <p>
          {s.privacy} {s.requiredNote} *
        </p>
        {field('text', s.comment)}
        {field('name', s.name, 'text')}
        {field('email', s.email, 'email')}
        {field('website', s.website, 'url')}
        <p>
          <input
            type="checkbox"
            id="p-save"
            checked={save}
            onChange={(ev) => {
              if (!(save = ev.currentTarget.checked)) st.del(AUTHOR_KEY);
            }}
          />{' '}
          <label for="p-save">{s.saveDetails}</label>
        </p>
        {/* The honeypot: unseen, unannounced, out of the tab order; bots fill it in. */}
        <input class="vh" name="hp" tabIndex={-1} autoComplete="off" aria-hidden="true" onInput={(ev) => (hp = value(ev))} />
        <p role="status">
          {msg}{' '}
          {retry && button(s.retry, send)}
          {retry &&
            button(s.discard, () => {
              clear();
              err = {};
              msg = '';
              retry = false;
              up('p-text');
            })}
        </p>
        <button disabled={busy}>{busy ? s.posting : s.postComment}</button>
      </form>
    );

    /** One comment, then (when replying to it) the form, its replies, and "Show more replies". */
    const item = ({ comment: m, children }: TreeNode) => {
      const { id, author: a } = m;
      const mineHeld = held.includes(m);
      // The reader's own comment inside the edit window gets Edit and Delete (needs backend.edit);
      // an open edit form or question stays after the window closed, to show why and keep the text.
      const own = b.edit && !m.deleted && mine.find((x) => x.comment.id == id && (now() < x.until || id == ed || id == ask));
      return (
        <li key={id}>
          {/* tabIndex -1: focus lands here after "Show more" and after posting, to keep the reader's place. */}
          <article id={'comment-' + id} tabIndex={-1} aria-label={m.deleted ? s.deleted : fill(s.commentBy, { name: a.name })}>
            {m.deleted ? (
              <p>{s.deleted}</p>
            ) : (
              [
                <header>
                  <span class="av" aria-hidden="true" style={`background:hsl(${avatarHue(a.avatar)} 50% 30%)`}>
                    {initials(a.name)}
                  </span>
                  {/* Only an http(s) website becomes a link: a stored javascript: URL stays text. */}
                  {/^https?:\/\//i.test(a.website || '') ? (
                    <a href={a.website!} rel="nofollow ugc noopener">
                      {a.name}
                    </a>
                  ) : (
                    <b>{a.name}</b>
                  )}
                  <a href={'#comment-' + id}>
                    <time dateTime={m.createdAt}>{formatDate(m.createdAt, s.lang)}</time>
                  </a>
                  {m.editedAt && <small>{s.edited}</small>}
                </header>,
                mineHeld && (
                  <p>
                    <em>{s.awaiting}</em>
                  </p>
                ),
                own && ed == id ? (
                  // The edit form replaces the text; Escape or Cancel puts it back unchanged.
                  <form onSubmit={(ev) => (ev.preventDefault(), saveEdit(own))} onKeyDown={(ev) => ev.key == 'Escape' && stop('e-' + id)}>
                    <label for="p-edit">{s.editLabel}</label>
                    <textarea
                      id="p-edit"
                      rows={6}
                      value={et}
                      aria-invalid={!!ee}
                      aria-describedby={ee && 'p-ee'}
                      onInput={(ev) => (et = value(ev))}
                    />
                    {ee && (
                      <span id="p-ee" class="e">
                        {ee}
                      </span>
                    )}
                    {button(s.cancelEdit, () => stop('e-' + id))}
                    <button disabled={saving}>{s.save}</button>
                  </form>
                ) : (
                  commentText(m.text)
                ),
                // A held comment cannot be replied to: the server takes published parents only.
                !mineHeld &&
                  button(
                    s.reply,
                    () => {
                      reply = id;
                      up('p-text');
                    },
                    { id: 'r-' + id, 'aria-label': fill(s.replyTo, { name: a.name }) },
                  ),
                own &&
                  ed != id &&
                  (ask == id
                    ? // Deleting asks first, in place: the question is announced and focus goes to
                      // Cancel, the harmless answer, so a double press deletes nothing.
                      <p role="alert">
                        {s.confirmRemove} {button(s.remove, () => del(own), { disabled: saving as unknown as string })}
                        {button(s.cancelEdit, () => stop('d-' + id), { id: 'p-no' })}
                        {ee && <span class="e"> {ee}</span>}
                      </p>
                    : [
                        button(
                          s.edit,
                          () => {
                            ed = id;
                            ask = 0;
                            et = m.text;
                            up('p-edit');
                          },
                          { id: 'e-' + id },
                        ),
                        button(
                          s.remove,
                          () => {
                            ask = id;
                            ed = 0;
                            up('p-no');
                          },
                          { id: 'd-' + id },
                        ),
                      ]),
              ]
            )}
          </article>
          {to && reply == id && form}
          {children.length > 0 && tree(children)}
          {more[id] && button(s.showMoreReplies, () => replies(id))}
        </li>
      );
    };
    /** A list of comments; replies are a nested list inside their parent's item. */
    const tree = (nodes: TreeNode[]) => <ol>{nodes.map(item)}</ol>;

    return [
      <style>{css}</style>,
      // "15 thoughts on “Title”": `count` is the thread's published total, not the number listed (DESIGN promise 5).
      list && <h2>{countHeading(count, o.title, s)}</h2>,
      list && tree(buildTree(all, o.maxDepth)),
      next && button(s.showMore, () => load(next!)),
      fail ? status(fill(s.loadFailed, { reason: fail[0] }), fail[1]) : !list && status(s.loading),
      !to && form,
    ];
  }

  // Permalinks: the browser looks for #comment-ID in the document, never inside a shadow root, so
  // the widget finds its own target, on the first page and whenever the hash changes.
  const jump = () => {
    const el = root.getElementById(decodeURIComponent(location.hash.slice(1)));
    el?.scrollIntoView();
    el?.focus();
  };
  addEventListener('hashchange', jump);
  load();
  return () => removeEventListener('hashchange', jump);
}
