// The thread as HTML (issue 18): the widget's markup (view/Widget.tsx, CommentItem.tsx,
// CommentForm.tsx) written by the server, so search engines and readers without JavaScript see the
// comments, and so the widget can take the fragment's place at the same size. Every value goes
// through `esc` (html.ts); comment text goes through the same parser as the widget's (core/format),
// rendered by renderHtml, which escapes every string of it.
import { avatarHue, initials } from '../../core/avatar.ts';
import type { Strings } from '../../core/i18n/en.ts';
import { VOTE_WORDS } from '../../core/i18n/votes.ts';
import { countHeading, fill } from '../../core/strings.ts';
import { parse, renderHtml } from '../../core/format/index.ts';
import { buildTree, type TreeNode } from '../../core/tree.ts';
import type { DraftField, Format, PublicComment } from '../../core/types.ts';
import { esc, isWebUrl } from './html.ts';
import { SSR_CLASS, SSR_CSS } from './styles.ts';

// The widget's date (core/time.ts formatDate: `toLocaleString(lang, { dateStyle: 'long', timeStyle:
// 'short' })`), with one formatter per language: toLocaleString builds a new one on every call, about
// a millisecond each, which made a page of 50 comments cost 50 ms.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatDate(iso: string, lang: string): string {
  let format = formatters.get(lang);
  if (!format) formatters.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' })));
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/** What one page of the thread shows. */
export interface ThreadView {
  title: string;
  /** The thread's published total (DESIGN promise 5). */
  count: number;
  /** Flat, parents before children, as GET /api/v1/comments gives them. */
  comments: readonly PublicComment[];
  nextCursor: string | null;
  closed: boolean;
  /** `auto`: the reader's system theme (prefers-color-scheme). */
  theme: 'light' | 'dark' | 'auto';
  strings: Strings;
  /** The address of this thread's /t page with more parameters (absolute in a fragment). */
  link: (params?: Record<string, string>) => string;
}

/** The plain form of the /t page, as the reader left it. */
export interface FormView {
  thread: string;
  parent: PublicComment | null;
  values: Record<DraftField, string>;
  errors: Partial<Record<DraftField, string>>;
  /** A sentence over the Post button: why the post failed. */
  message: string;
  /** The form token (moderation/form-token.ts) and the idempotency key, made when the page was. */
  token: string;
  key: string;
  /** Carried through the post so the page after it looks the same. */
  title: string;
  lang: string;
  url: string;
  theme: string;
  /** Many sites (issue 19): the site the form posts to. */
  site?: string;
}

/** Comment text as the widget renders it (CommentText.tsx): its format's tree, as escaped HTML. */
export const renderCommentText = (text: string, format: Format | undefined) => renderHtml(parse(text, format ?? 'plain'));

/**
 * Beside the author's name, as the widget's votes chunk writes them (chunks/votes/marks.tsx, issue
 * 16 item 4): the site owner's badge, in the owner's own word as the server sends it, and "Pinned"
 * in the page's language (core/i18n/votes.ts, the words the chunk carries).
 */
function marks(comment: PublicComment, s: Strings): string {
  const pinned = (VOTE_WORDS[s.lang.split('-')[0]!] ?? VOTE_WORDS.en!).pinned;
  return (comment.author.badge ? `<span class="bd">${esc(comment.author.badge)}</span>` : '') + (comment.pinned ? `<span class="pin">${esc(pinned)}</span>` : '');
}

/** One comment and its replies: CommentItem.tsx's markup with schema.org Comment microdata, Reply as a link. */
function renderItem(node: TreeNode, view: ThreadView): string {
  const { comment, children } = node;
  const { strings: s } = view;
  const { id, author } = comment;
  let body: string;
  if (comment.deleted) body = `<p>${esc(s.deleted)}</p>`;
  else {
    const name = isWebUrl(author.website)
      ? `<a href="${esc(author.website)}" rel="nofollow ugc noopener" itemprop="url"><span itemprop="name">${esc(author.name)}</span></a>`
      : `<b itemprop="name">${esc(author.name)}</b>`;
    // A mention's date links to the page that mentioned this thread (its source).
    const permalink = comment.kind === 'mention' && isWebUrl(comment.source) ? `${esc(comment.source)}" rel="nofollow ugc noopener` : `#comment-${esc(id)}`;
    body =
      `<header><span class="av" aria-hidden="true" style="background:hsl(${avatarHue(author.avatar)} 50% 30%)">${esc(initials(author.name))}</span>` +
      `<span itemprop="author" itemscope itemtype="https://schema.org/Person">${name}</span>` +
      marks(comment, s) +
      `<a href="${permalink}"><time datetime="${esc(comment.createdAt)}" itemprop="dateCreated">${esc(formatDate(comment.createdAt, s.lang))}</time></a>` +
      (comment.editedAt ? `<small>${esc(s.edited)}</small>` : '') +
      `</header><div itemprop="text">${renderCommentText(comment.text, comment.format)}</div>` +
      (view.closed ? '' : `<a class="reply" href="${esc(view.link({ replyto: id }))}#reply" aria-label="${esc(fill(s.replyTo, { name: author.name }))}">${esc(s.reply)}</a>`);
  }
  const label = comment.deleted ? s.deleted : fill(s.commentBy, { name: author.name });
  return (
    `<li><article id="comment-${esc(id)}" aria-label="${esc(label)}" itemscope itemtype="https://schema.org/Comment">${body}</article>` +
    (children.length ? renderList(children, view) : '') +
    '</li>'
  );
}

const renderList = (nodes: TreeNode[], view: ThreadView): string => `<ol>${nodes.map((node) => renderItem(node, view)).join('')}</ol>`;

/**
 * The thread: count heading, comments, "Show more comments" (a link to the next page), then the
 * Mentions (Webmentions, issue 18). `tail` is what ends it: the form on the /t page, the "Leave a
 * Reply" link in a fragment, or "Comments are closed.".
 */
export function renderThread(view: ThreadView, tail: string): string {
  const { strings: s } = view;
  // Mentions apart, with their replies, as the widget lists them (view/Widget.tsx).
  const tree = buildTree(view.comments);
  const mentions = tree.filter((node) => node.comment.kind === 'mention');
  return (
    `<div class="${SSR_CLASS}" data-parley-ssr data-theme="${view.theme}" lang="${esc(s.lang)}" dir="${esc(s.dir)}"><style>${SSR_CSS}</style>` +
    `<h2>${esc(countHeading(view.count, view.title, s))}</h2>` +
    renderList(tree.filter((node) => node.comment.kind !== 'mention'), view) +
    (view.nextCursor ? `<a class="more" href="${esc(view.link({ cursor: view.nextCursor }))}">${esc(s.showMore)}</a>` : '') +
    (mentions.length ? `<h3>${esc(s.mentions)}</h3>${renderList(mentions, view)}` : '') +
    (view.closed ? `<p class="closed">${esc(s.commentsClosed)}</p>` : tail) +
    '</div>'
  );
}

/**
 * The fragment's end (issue 18): no form, since a token in a page built hours earlier would be
 * stale, but a link to the /t page's form. It keeps the height of the widget's form free
 * (FORM_HEIGHT), so the widget that takes the fragment's place moves nothing below it.
 */
export const fragmentTail = (view: ThreadView): string =>
  `<div class="form"><h3><a href="${esc(view.link())}#reply">${esc(view.strings.leaveReply)}</a></h3></div>`;

export { FORM_HEIGHT } from './styles.ts';

/** The /t page's form: CommentForm.tsx's fields, posted as a plain form (no script). */
export function renderForm(form: FormView, s: Strings, cancelHref: string): string {
  const field = (name: DraftField, label: string, type?: 'text' | 'email' | 'url') => {
    const id = `p-${name}`;
    const error = form.errors[name];
    const required = name !== 'website';
    const attrs =
      `id="${id}" name="${name}"` +
      (required ? ' required aria-required="true"' : '') +
      (error ? ` aria-invalid="true" aria-describedby="${id}e"` : '');
    const input = type
      ? `<input type="${type}" autocomplete="${type === 'text' ? name : type}" ${attrs} value="${esc(form.values[name])}">`
      : `<textarea rows="6" ${attrs}>${esc(form.values[name])}</textarea>`;
    return (
      `<p><label for="${id}">${esc(label)}` +
      (required ? `<span aria-hidden="true"> *</span><span class="vh"> ${esc(s.required)}</span>` : '') +
      `</label>${input}${error ? `<span id="${id}e" class="e">${esc(error)}</span>` : ''}</p>`
    );
  };
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${esc(value)}">`;
  return (
    `<form method="post" action="/t${form.site === undefined ? '' : `?site=${esc(encodeURIComponent(form.site))}`}" id="reply">` +
    `<h3>${esc(form.parent ? fill(s.replyingTo, { name: form.parent.author.name }) : s.leaveReply)}</h3>` +
    (form.parent ? `<p><a class="more" href="${esc(cancelHref)}#reply">${esc(s.cancelReply)}</a></p>` : '') +
    `<p>${esc(s.privacy)} ${esc(s.requiredNote)} *</p>` +
    field('text', s.comment) +
    // Issue 16: the widget's formatting hint (the /t form posts markdown too); no Preview without script.
    `<p class="h">${esc(s.formatHint)}</p>` +
    field('name', s.name, 'text') +
    field('email', s.email, 'email') +
    field('website', s.website, 'url') +
    // The honeypot, as the widget has it: unseen, unannounced, out of the tab order.
    `<input class="vh" name="hp" tabindex="-1" autocomplete="off" aria-hidden="true">` +
    hidden('thread', form.thread) +
    hidden('parent', form.parent?.id ?? '') +
    hidden('token', form.token) +
    hidden('key', form.key) +
    hidden('title', form.title) +
    hidden('lang', form.lang) +
    hidden('url', form.url) +
    hidden('theme', form.theme) +
    `<p role="status">${esc(form.message)}</p>` +
    `<button>${esc(s.postComment)}</button></form>`
  );
}

/**
 * The /t page's own background, under the thread's theme: the widget paints none (it sits on its
 * page), but this page is the thread's whole document. Left to the browser, a dark system's canvas
 * would put the light theme's dark text on black, and a light one the dark theme's light text on
 * white. The page's colours of core/styles.ts: #fff under the light theme, the dark one's #1b1b1b.
 */
const PAGE_THEME: Record<ThreadView['theme'], { scheme: string; css: string }> = {
  light: { scheme: 'light', css: 'body{background:#fff}' },
  dark: { scheme: 'dark', css: 'body{background:#1b1b1b}' },
  auto: { scheme: 'light dark', css: 'body{background:#fff}@media (prefers-color-scheme:dark){body{background:#1b1b1b}}' },
};

/** A whole page around a thread: the /t page (its own document, no script at all). */
export function renderDocument({ title, canonical, body, s, theme }: { title: string; canonical: string | null; body: string; s: Strings; theme: ThreadView['theme'] }): string {
  const page = PAGE_THEME[theme];
  return (
    `<!doctype html><html lang="${esc(s.lang)}" dir="${esc(s.dir)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="${page.scheme}"><title>${esc(title)}</title>` +
    (canonical ? `<link rel="canonical" href="${esc(canonical)}">` : '') +
    `<style>body{margin:0 auto;max-width:46rem;padding:1rem}${page.css}</style></head><body><main>${body}</main></body></html>`
  );
}

/** "Your comment is awaiting moderation." (or "was posted"), with the comment it is about. */
export function renderNotice(text: string, comment: PublicComment | null, view: ThreadView): string {
  return `<div class="notice" role="status"><p><em>${esc(text)}</em></p>${comment ? renderList([{ comment, depth: 1, children: [] }], { ...view, closed: true }) : ''}</div>`;
}
