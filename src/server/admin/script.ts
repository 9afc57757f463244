// The admin page's script, served as /admin/app.js. Plain browser JavaScript kept as a string, so
// the bundled server (dist/server/*.js) carries it without files beside it and the page needs no
// inline script under its CSP. It talks to the admin API only (DESIGN "The HTTP API": GET
// /api/v1/admin/comments, POST /api/v1/admin/comments/actions), and puts every piece of comment
// data on the page with textContent, never as markup.
//
// Inside: no backticks and no dollar-brace, since this is a template literal.
export const ADMIN_JS = String.raw`'use strict';
(function () {
  var KEY = 'parley-admin-token';
  var API = '/api/v1/admin/comments';
  var $ = function (id) { return document.getElementById(id); };
  var state = { status: 'pending', cursor: null, rows: [] };
  var DONE = { approve: 'Approved', spam: 'Marked as spam', 'delete': 'Deleted' };

  function token() { return sessionStorage.getItem(KEY) || ''; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function say(text) { $('message').textContent = text; }

  function showSignIn(error) {
    sessionStorage.removeItem(KEY);
    $('queue').hidden = true;
    $('signout').hidden = true;
    $('signin').hidden = false;
    $('signin-error').textContent = error || '';
    $('token').focus();
  }

  function showQueue() {
    $('signin').hidden = true;
    $('signout').hidden = false;
    $('queue').hidden = false;
  }

  // One call to the admin API; a 401 means the token is wrong or was changed: sign in again.
  function call(path, init) {
    init = init || {};
    init.headers = Object.assign({ Authorization: 'Bearer ' + token() }, init.headers || {});
    return fetch(path, init).then(function (res) {
      if (res.status === 401) {
        showSignIn('That admin token was not accepted. Check it and sign in again.');
        throw new Error('unauthorized');
      }
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) throw new Error((body && body.error && body.error.message) || 'The server answered ' + res.status + '.');
        return body;
      });
    });
  }

  // Issue 14 item 10: a banner for each thread whose article could not be fetched, with the
  // reason, so a bot restating an article that 404s is not published in silence.
  function banners() {
    call('/api/v1/admin/articles').then(function (body) {
      var box = $('banners');
      box.textContent = '';
      (body.failures || []).forEach(function (f) {
        var p = el('p', 'banner');
        p.setAttribute('role', 'alert');
        p.textContent = 'The article of ' + f.thread + ' could not be fetched from ' + (f.url || 'its page') + ' (' + f.reason + ', ' + new Date(f.at).toLocaleString() +
          '): its comments are checked against the thread only. Fix the page or its canonical address; the next comment tries again.';
        box.appendChild(p);
      });
    }, function () {});
  }

  function load(more) {
    if (!more) banners();
    var query = '?status=' + encodeURIComponent(state.status) + (more && state.cursor ? '&cursor=' + encodeURIComponent(state.cursor) : '');
    say('Loading…');
    return call(API + query).then(function (body) {
      if (!more) { state.rows = []; $('list').textContent = ''; }
      state.cursor = body.nextCursor;
      body.comments.forEach(function (comment) { state.rows.push(comment); $('list').appendChild(row(comment)); });
      $('more').hidden = !state.cursor;
      $('empty').hidden = state.rows.length > 0;
      $('select-all').checked = false;
      say(state.rows.length ? state.rows.length + (state.cursor ? '+' : '') + ' ' + (state.rows.length === 1 ? 'comment' : 'comments') + ' ' + state.status + '.' : '');
      updateBulk();
    }, function (error) { if (error.message !== 'unauthorized') say(error.message); });
  }

  function row(c) {
    var li = el('li', 'comment');
    li.dataset.id = c.id;
    var box = el('input');
    box.type = 'checkbox';
    box.className = 'pick';
    box.value = c.id;
    box.setAttribute('aria-label', 'Select the comment by ' + c.author.name);
    box.addEventListener('change', updateBulk);
    li.appendChild(box);

    var meta = el('div', 'meta');
    meta.appendChild(el('span', 'author', c.author.name || '(no name)'));
    meta.appendChild(el('span', 'email', c.email));
    if (c.author.website) meta.appendChild(el('span', 'website', c.author.website));
    meta.appendChild(el('span', 'thread', 'on ' + c.thread));
    var when = el('time', 'date', new Date(c.createdAt).toLocaleString());
    when.dateTime = c.createdAt;
    meta.appendChild(when);
    if (c.editedAt) meta.appendChild(el('span', 'edited', 'edited'));
    if (c.parent) meta.appendChild(el('span', 'reply', 'a reply'));
    li.appendChild(meta);

    li.appendChild(el('p', 'text', c.text));

    var reasons = el('ul', 'reasons');
    reasons.setAttribute('aria-label', 'Moderation reasons');
    (c.reasons || []).forEach(function (r) {
      var item = el('li', 'reason');
      item.appendChild(el('span', 'verdict ' + r.verdict, r.verdict));
      item.appendChild(el('span', 'rule', r.rule));
      item.appendChild(el('span', 'why', r.message));
      reasons.appendChild(item);
    });
    if (!reasons.childNodes.length) reasons.appendChild(el('li', 'reason', 'No rule had anything to say.'));
    li.appendChild(reasons);

    var actions = el('div', 'actions');
    [['approve', 'Approve', 'published'], ['spam', 'Spam', 'spam'], ['delete', 'Delete', 'deleted']].forEach(function (a) {
      if (a[2] === c.status) return;
      var button = el('button', 'act', a[1]);
      button.type = 'button';
      button.dataset.action = a[0];
      button.setAttribute('aria-label', a[1] + ' the comment by ' + c.author.name);
      button.addEventListener('click', function () { act(a[0], [c.id]); });
      actions.appendChild(button);
    });
    li.appendChild(actions);
    return li;
  }

  function picked() {
    return Array.prototype.map.call(document.querySelectorAll('.pick:checked'), function (box) { return box.value; });
  }

  function updateBulk() {
    var none = picked().length === 0;
    Array.prototype.forEach.call(document.querySelectorAll('[data-bulk]'), function (b) {
      var same = { approve: 'published', spam: 'spam', 'delete': 'deleted' }[b.dataset.bulk] === state.status;
      b.disabled = none || same;
      b.hidden = same;
    });
  }

  function act(action, ids) {
    if (!ids.length) return;
    say('Working…');
    call(API + '/actions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: action, ids: ids }) }).then(function (body) {
      // They have left this queue: take them off the list.
      ids.forEach(function (id) {
        var li = document.querySelector('.comment[data-id="' + CSS.escape(id) + '"]');
        if (li) li.remove();
      });
      state.rows = state.rows.filter(function (c) { return ids.indexOf(c.id) < 0; });
      $('empty').hidden = state.rows.length > 0;
      $('select-all').checked = false;
      updateBulk();
      say(DONE[action] + ' ' + body.updated + ' ' + (body.updated === 1 ? 'comment' : 'comments') + '.');
    }, function (error) { if (error.message !== 'unauthorized') say(error.message); });
  }

  function choose(status) {
    state.status = status;
    state.cursor = null;
    Array.prototype.forEach.call(document.querySelectorAll('[role="tab"]'), function (tab) {
      tab.setAttribute('aria-selected', String(tab.dataset.status === status));
    });
    load(false);
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('signin').addEventListener('submit', function (event) {
      event.preventDefault();
      var value = $('token').value.trim();
      if (!value) return;
      sessionStorage.setItem(KEY, value);
      $('token').value = '';
      showQueue();
      choose('pending');
    });
    $('signout').addEventListener('click', function () { showSignIn(''); });
    Array.prototype.forEach.call(document.querySelectorAll('[role="tab"]'), function (tab) {
      tab.addEventListener('click', function () { choose(tab.dataset.status); });
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-bulk]'), function (b) {
      b.addEventListener('click', function () { act(b.dataset.bulk, picked()); });
    });
    $('select-all').addEventListener('change', function () {
      var on = $('select-all').checked;
      Array.prototype.forEach.call(document.querySelectorAll('.pick'), function (box) { box.checked = on; });
      updateBulk();
    });
    $('refresh').addEventListener('click', function () { load(false); });
    $('more').addEventListener('click', function () { load(true); });
    if (token()) { showQueue(); choose('pending'); } else showSignIn('');
  });
})();
`;
