// The learning filter's view on the admin page (issue 15, item 2), served as /admin/filter.js: a
// section of its own under the queue, shown while signed in, with what the filter has learnt
// (GET /api/v1/admin/filter) and a reset (POST /api/v1/admin/filter/reset). Kept apart from the
// queue's script (script.ts) so each can change alone. Plain browser JavaScript in a string, like
// script.ts, for the same reasons (no files beside the bundle, no inline script under the CSP); data
// goes on the page with textContent only.
//
// Inside: no backticks and no dollar-brace, since this is a template literal.
export const FILTER_JS = String.raw`'use strict';
(function () {
  var KEY = 'parley-admin-token';
  var API = '/api/v1/admin/filter';

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function call(path, init) {
    init = init || {};
    init.headers = { Authorization: 'Bearer ' + (sessionStorage.getItem(KEY) || '') };
    // Many sites (issue 19): as the desk's own calls, the site of /admin?site=NAME.
    var site = new URLSearchParams(location.search).get('site');
    if (site) path += (path.indexOf('?') < 0 ? '?' : '&') + 'site=' + encodeURIComponent(site);
    return fetch(path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) throw new Error((body && body.error && body.error.message) || 'The server answered ' + res.status + '.');
        return body;
      });
    });
  }

  function signs(title, rows) {
    var box = el('div');
    box.className = 'filter-signs';
    box.appendChild(el('h3', title));
    if (!rows.length) { box.appendChild(el('p', 'Nothing yet.')); return box; }
    var list = el('ol');
    rows.forEach(function (r) {
      list.appendChild(el('li', r.label + ' (approved ' + r.ham + ', spam ' + r.spam + ')'));
    });
    box.appendChild(list);
    return box;
  }

  function render(section, data) {
    var body = section.querySelector('.filter-body');
    body.textContent = '';
    var d = data.decisions;
    body.appendChild(el('p', data.active
      ? 'Judging new comments: learnt from ' + d.approved + ' approved and ' + d.spam + ' spam decisions.'
      : 'Learning: ' + d.approved + ' approved and ' + d.spam + ' spam decisions so far; it judges once it has ' + data.needed + ' of each.'));
    body.appendChild(signs('Most like the spam', data.spamSigns));
    body.appendChild(signs('Most like approved comments', data.approvedSigns));
  }

  function load(section) {
    var status = section.querySelector('.filter-status');
    status.textContent = 'Loading…';
    return call(API).then(function (data) { status.textContent = ''; render(section, data); }, function (e) { status.textContent = e.message; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var queue = document.getElementById('queue');
    var main = document.querySelector('main');
    if (!queue || !main) return;
    var section = el('section');
    section.id = 'filter';
    section.className = 'filter';
    section.hidden = true;
    section.setAttribute('aria-labelledby', 'filter-title');
    var title = el('h2', 'Learning filter');
    title.id = 'filter-title';
    section.appendChild(title);
    section.appendChild(el('p', 'Each Approve and Mark as spam teaches it. It judges once it has enough of each, as one more rule with its own reason.'));
    var refresh = el('button', 'Refresh');
    refresh.type = 'button';
    var reset = el('button', 'Reset what it learnt');
    reset.type = 'button';
    section.appendChild(refresh);
    section.appendChild(reset);
    var status = el('p');
    status.className = 'filter-status';
    status.setAttribute('role', 'status');
    section.appendChild(status);
    var body = el('div');
    body.className = 'filter-body';
    section.appendChild(body);
    main.appendChild(section);

    refresh.addEventListener('click', function () { load(section); });
    reset.addEventListener('click', function () {
      if (!window.confirm('Forget everything the filter learnt from your decisions? It starts again from nothing.')) return;
      call(API + '/reset', { method: 'POST' }).then(function () { return load(section); }).then(function () { status.textContent = 'The filter was reset.'; }, function (e) { status.textContent = e.message; });
    });
    // Shown with the queue (signed in), hidden with it.
    var sync = function () {
      var show = !queue.hidden;
      if (show && section.hidden) load(section);
      section.hidden = !show;
    };
    new MutationObserver(sync).observe(queue, { attributes: true, attributeFilter: ['hidden'] });
    sync();
  });
})();
`;
