// The desk's comments view (issue 21 item 2): the tabs with their counts, the search form (text,
// name, address, website or thread; a thread; a rule; newest or oldest first), the list and its
// paging, which keeps its place after an action (acted-on comments leave the list; "Load more"
// goes on from where the list stands). Part of the admin page's script (script.ts).
export const QUEUE_JS = String.raw`
  var TAB_NAMES = { pending: 'Pending', spam: 'Spam', published: 'Published', deleted: 'Deleted' };

  // Issue 14 item 10: a banner for each thread whose article could not be fetched, with the
  // reason, so a bot restating an article that 404s is not published in silence.
  function banners() {
    call(API + '/articles').then(function (body) {
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

  function query(cursor, limit) {
    var q = '?status=' + encodeURIComponent(desk.status) + '&sort=' + desk.sort;
    if (desk.q) q += '&q=' + encodeURIComponent(desk.q);
    if (desk.thread) q += '&thread=' + encodeURIComponent(desk.thread);
    if (desk.rule) q += '&rule=' + encodeURIComponent(desk.rule);
    if (cursor) q += '&cursor=' + encodeURIComponent(cursor);
    if (limit) q += '&limit=' + limit;
    return q;
  }

  /** The counts on the tabs ("Pending 12"; a count stops at 1000). */
  function showCounts(counts) {
    all('[role="tab"]').forEach(function (tab) {
      var n = counts[tab.dataset.status];
      tab.querySelector('.n').textContent = n >= 1000 ? '1000+' : String(n);
      tab.setAttribute('aria-label', TAB_NAMES[tab.dataset.status] + ', ' + (n >= 1000 ? 'more than 1000' : count(n, 'comment', 'comments')));
    });
  }

  function refreshCounts() {
    return call(COMMENTS_API + query(null, 1)).then(function (body) { showCounts(body.counts); }, function () {});
  }

  function rows() { return all('#list > .comment'); }

  function summary() {
    var n = rows().length;
    var filtered = desk.q || desk.thread || desk.rule;
    say(n ? count(n, 'comment', 'comments') + (desk.cursor ? ' shown, more below' : '') + (filtered ? ' found' : '') + '.' : '');
    $('empty').hidden = n > 0;
    $('empty').textContent = filtered ? 'Nothing found here. Clear the search to see the whole queue.' : 'No comments here.';
  }

  function load(more) {
    if (!more) banners();
    say('Loading…');
    return call(COMMENTS_API + query(more ? desk.cursor : null)).then(function (body) {
      if (!more) { $('list').textContent = ''; desk.byId = {}; }
      var first = null;
      desk.cursor = body.nextCursor;
      body.comments.forEach(function (c) {
        var li = row(c);
        if (!first) first = li;
        $('list').appendChild(li);
      });
      $('more').hidden = !desk.cursor;
      $('select-all').checked = false;
      showCounts(body.counts);
      summary();
      updateBulk();
      // After "Load more" the reader's place is the first new comment.
      if (more && first) first.focus();
    }, function (error) { if (error.message !== 'unauthorized') say(error.message); });
  }

  function picked() { return all('.pick:checked').map(function (box) { return box.value; }); }

  function updateBulk() {
    var none = picked().length === 0;
    all('[data-bulk]').forEach(function (b) {
      var same = { approve: 'published', spam: 'spam', 'delete': 'deleted' }[b.dataset.bulk] === desk.status;
      b.disabled = none || same;
      b.hidden = same;
    });
  }

  function choose(status, focusTab) {
    desk.status = status;
    desk.cursor = null;
    all('[role="tab"]').forEach(function (tab) {
      var on = tab.dataset.status === status;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) {
        $('panel').setAttribute('aria-labelledby', tab.id);
        if (focusTab) tab.focus();
      }
    });
    load(false);
  }

  function startQueue() {
    views.comments = function () { choose(desk.status); };
    all('[role="tab"]').forEach(function (tab, i, tabs) {
      tab.addEventListener('click', function () { choose(tab.dataset.status); });
      // Arrow keys move between the tabs (the ARIA tabs pattern).
      tab.addEventListener('keydown', function (event) {
        var step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        event.preventDefault();
        choose(tabs[(i + step + tabs.length) % tabs.length].dataset.status, true);
      });
    });
    $('find').addEventListener('submit', function (event) {
      event.preventDefault();
      desk.q = $('q').value.trim();
      desk.thread = $('thread').value.trim();
      desk.rule = $('rule').value;
      desk.sort = $('sort').value;
      desk.cursor = null;
      load(false);
    });
    $('sort').addEventListener('change', function () { desk.sort = $('sort').value; desk.cursor = null; load(false); });
    $('clear').addEventListener('click', function () {
      $('q').value = ''; $('thread').value = ''; $('rule').value = ''; $('sort').value = 'newest';
      desk.q = ''; desk.thread = ''; desk.rule = ''; desk.sort = 'newest'; desk.cursor = null;
      load(false);
    });
    all('[data-bulk]').forEach(function (b) {
      b.addEventListener('click', function () { act(b.dataset.bulk, picked()); });
    });
    $('select-all').addEventListener('change', function () {
      var on = $('select-all').checked;
      all('.pick').forEach(function (box) { box.checked = on; });
      updateBulk();
    });
    $('refresh').addEventListener('click', function () { load(false); });
    $('more').addEventListener('click', function () { load(true); });
  }
`;
