// The desk's keyboard shortcuts (issue 21 item 3), as WordPress's comment screen has them: j/k to
// move, a approve, s spam, d delete, u undo, ? for the list. Single keys can be turned off in that
// list (WCAG 2.1.4: speech input types letters too); the choice is kept in this browser.
// Part of the admin page's script (script.ts).
export const KEYS_JS = String.raw`
  var SINGLE_KEYS = 'parley-admin-single-keys';

  function singleKeys() { return localStorage.getItem(SINGLE_KEYS) !== 'off'; }

  function currentRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest('#list > .comment') : null;
  }

  function move(step) {
    var list = rows();
    if (!list.length) return;
    var at = list.indexOf(currentRow());
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
    list[next].focus();
    list[next].scrollIntoView({ block: 'nearest' });
  }

  function actOnCurrent(action) {
    var li = currentRow();
    if (!li) return;
    var c = desk.byId[li.dataset.id];
    var status = { approve: 'published', spam: 'spam', 'delete': 'deleted' }[action];
    if (c && c.status !== status) act(action, [li.dataset.id]);
  }

  function openKeys() {
    $('single-keys').checked = singleKeys();
    $('keys').showModal();
  }

  function startKeys() {
    $('keys-open').addEventListener('click', openKeys);
    $('keys-close').addEventListener('click', function () { $('keys').close(); });
    $('keys').addEventListener('close', function () { $('keys-open').focus(); });
    $('single-keys').addEventListener('change', function () {
      localStorage.setItem(SINGLE_KEYS, $('single-keys').checked ? 'on' : 'off');
      toast($('single-keys').checked ? 'Single-key shortcuts are on.' : 'Single-key shortcuts are off.');
    });
    document.addEventListener('keydown', function (event) {
      if (!singleKeys() || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (desk.view !== 'comments' || $('queue').hidden || $('keys').open) return;
      var target = event.target;
      if (target.closest && target.closest('input, textarea, select, [contenteditable], form.edit, form.ban')) return;
      var keys = { j: function () { move(1); }, k: function () { move(-1); }, a: function () { actOnCurrent('approve'); }, s: function () { actOnCurrent('spam'); }, d: function () { actOnCurrent('delete'); }, u: undoLast, '?': openKeys };
      var run = keys[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    });
  }
`;
