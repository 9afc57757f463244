// The desk's action log (issue 21 item 5): who did what and when, newest first, 90 days of it.
// Part of the admin page's script (script.ts).
export const LOG_JS = String.raw`
  var LOG_WORDS = { approve: 'approved', spam: 'marked as spam', 'delete': 'deleted', undo: 'undid an action on', edit: 'edited', ban: 'banned an author', unban: 'lifted a ban', list: 'added to a list', unlist: 'removed from a list', settings: 'changed a setting', reply: 'posted as the site owner', pin: 'pinned', unpin: 'unpinned' };
  var logBefore = null;

  function logRows(entries) {
    var body = $('log-table').querySelector('tbody');
    entries.forEach(function (e) {
      var tr = el('tr');
      var when = el('time', '', new Date(e.at).toLocaleString());
      when.dateTime = e.at;
      var td = el('td');
      td.appendChild(when);
      tr.appendChild(td);
      tr.appendChild(el('td', '', e.who));
      var what = LOG_WORDS[e.action] || e.action;
      tr.appendChild(el('td', '', what + (e.ids.length ? ' ' + count(e.ids.length, 'comment', 'comments') + ' (' + e.ids.slice(0, 5).join(', ') + (e.ids.length > 5 ? ', …' : '') + ')' : '')));
      body.appendChild(tr);
    });
  }

  function loadLog(more) {
    return call(API + '/log' + (more && logBefore ? '?before=' + logBefore : '')).then(function (body) {
      if (!more) $('log-table').querySelector('tbody').textContent = '';
      logRows(body.entries);
      logBefore = body.nextBefore;
      $('log-more').hidden = !logBefore;
    }, failed);
  }

  function startLog() {
    views.log = function () { return loadLog(false); };
    $('log-more').addEventListener('click', function () { loadLog(true); });
  }
`;
