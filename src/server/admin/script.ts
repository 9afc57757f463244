// The admin page's script, served as /admin/app.js. Plain browser JavaScript kept as strings, so
// the bundled server (dist/server/*.js) carries it without files beside it and the page needs no
// inline script under its CSP. It talks to the admin API only (README "HTTP API": /api/v1/admin/…),
// and puts every piece of comment data on the page with textContent, never as markup.
//
// Issue 21: one part per view, each its own file, joined here inside one function scope:
// core (sign-in, the API, the toast), the comments view (comment-row.ts: one comment; queue.ts:
// tabs, search, paging), acting (acting.ts: actions, undo, edit, ban), the owner's voice
// (owner-view.ts: reply and post as the owner, pins; issue 16 item 4), the keyboard (keys.ts), the
// lists and bans (lists-view.ts) and the action log (log-view.ts).
//
// Inside every part: no backticks and no dollar-brace, since each is a template literal.
import { ACTING_JS } from './acting.ts';
import { ROW_JS } from './comment-row.ts';
import { KEYS_JS } from './keys.ts';
import { LISTS_JS } from './lists-view.ts';
import { LOG_JS } from './log-view.ts';
import { OWNER_JS } from './owner-view.ts';
import { QUEUE_JS } from './queue.ts';

const CORE_JS = String.raw`
  var KEY = 'parley-admin-token';
  var API = '/api/v1/admin';
  var COMMENTS_API = '/api/v1/admin/comments';
  // Many sites (issue 19): the desk at /admin?site=NAME moderates that site; every call names it.
  var SITE = new URLSearchParams(location.search).get('site');
  function withSite(path) { return SITE ? path + (path.indexOf('?') < 0 ? '?' : '&') + 'site=' + encodeURIComponent(SITE) : path; }
  var $ = function (id) { return document.getElementById(id); };
  var all = function (selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); };
  var desk = { view: 'comments', status: 'pending', q: '', thread: '', rule: '', sort: 'newest', cursor: null, undo: null, byId: {} };
  var views = {};

  function token() { return sessionStorage.getItem(KEY) || ''; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(text, onClick, label) {
    var b = el('button', '', text);
    b.type = 'button';
    if (label) b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
  }

  /** "1 comment", "3 comments". */
  function count(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function say(text) { $('message').textContent = text; }

  // The toast: one status region, always in the page, so what it says is announced. With undo, an
  // Undo button shows for 10 seconds (issue 21); u does the same.
  var toastTimer = null;
  function toast(text, undo) {
    clearTimeout(toastTimer);
    $('toast').classList.remove('quiet');
    $('toast-text').textContent = text;
    desk.undo = undo || null;
    $('toast-undo').hidden = !undo;
    toastTimer = setTimeout(function () {
      desk.undo = null;
      $('toast-undo').hidden = true;
      toastTimer = setTimeout(function () { $('toast').classList.add('quiet'); $('toast-text').textContent = ''; }, 4000);
    }, undo ? 10000 : 6000);
  }

  function undoLast() {
    var undo = desk.undo;
    if (!undo) return;
    desk.undo = null;
    $('toast-undo').hidden = true;
    undo();
  }

  function showSignIn(error) {
    sessionStorage.removeItem(KEY);
    all('main > section').forEach(function (s) { s.hidden = true; });
    $('views').hidden = true;
    $('signout').hidden = true;
    $('keys-open').hidden = true;
    $('signin').hidden = false;
    $('signin-error').textContent = error || '';
    $('token').focus();
  }

  function show(view) {
    desk.view = view;
    $('signin').hidden = true;
    $('views').hidden = false;
    $('signout').hidden = false;
    $('keys-open').hidden = false;
    all('[data-view]').forEach(function (b) {
      if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    });
    $('queue').hidden = view !== 'comments';
    $('lists').hidden = view !== 'lists';
    $('log').hidden = view !== 'log';
    if (views[view]) views[view]();
  }

  // One call to the admin API; a 401 means the token is wrong or was revoked: sign in again.
  function call(path, init) {
    init = init || {};
    init.headers = Object.assign({ Authorization: 'Bearer ' + token() }, init.headers || {});
    return fetch(withSite(path), init).then(function (res) {
      if (res.status === 401) {
        showSignIn('That token was not accepted. Check it and sign in again.');
        throw new Error('unauthorized');
      }
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) throw new Error((body && body.error && body.error.message) || 'The server answered ' + res.status + '.');
        return body;
      });
    });
  }

  function post(path, body) {
    return call(API + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  function failed(error) { if (error.message !== 'unauthorized') toast(error.message); }
`;

const START_JS = String.raw`
  document.addEventListener('DOMContentLoaded', function () {
    $('signin').addEventListener('submit', function (event) {
      event.preventDefault();
      var value = $('token').value.trim();
      if (!value) return;
      sessionStorage.setItem(KEY, value);
      $('token').value = '';
      show('comments');
      loadOwner();
    });
    $('signout').addEventListener('click', function () { showSignIn(''); });
    all('[data-view]').forEach(function (b) { b.addEventListener('click', function () { show(b.dataset.view); }); });
    $('toast-undo').addEventListener('click', undoLast);
    startQueue();
    startKeys();
    startLists();
    startLog();
    startOwner();
    // Closing a thread by hand (issue 16 item 5): POST /api/v1/admin/threads/close.
    $('closing').addEventListener('submit', function (event) {
      event.preventDefault();
      var thread = $('closing-thread').value.trim();
      var closed = !event.submitter || event.submitter.dataset.closed !== 'false';
      if (!thread) return;
      call('/api/v1/admin/threads/close', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ thread: thread, closed: closed }) }).then(function (body) {
        $('closing-message').textContent = body.thread.closed
          ? (closed ? 'Closed ' + body.thread.id + ': it takes no new comments.' : body.thread.id + ' is still closed: it is older than --close-after-days.')
          : 'Opened ' + body.thread.id + ' again: it takes new comments.';
      }, function (error) { if (error.message !== 'unauthorized') $('closing-message').textContent = error.message; });
    });
    if (token()) { show('comments'); loadOwner(); } else showSignIn('');
  });
`;

export const ADMIN_JS = ["'use strict';", '(function () {', CORE_JS, ROW_JS, QUEUE_JS, ACTING_JS, OWNER_JS, KEYS_JS, LISTS_JS, LOG_JS, START_JS, '})();', ''].join('\n');
