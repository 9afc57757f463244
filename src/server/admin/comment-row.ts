// The desk's view of one comment (issue 21 item 1): who wrote it and where (the article's title,
// linking to the comment on its page), the comment it replies to (folded), its text, the author's
// history by address and by client, the rules' reasons (and "approved by a moderator"), and what can
// be done to it (issue 16 item 4: the owner's badge, Pinned, Reply as owner, Pin and Unpin). Part of the admin page's script (script.ts); comment data only ever as textContent.
export const ROW_JS = String.raw`
  var STATUS_WORDS = ['published', 'pending', 'spam', 'deleted'];

  /** "3 published, 1 spam", or "none". */
  function history(counts) {
    var parts = STATUS_WORDS.filter(function (s) { return counts[s] > 0; }).map(function (s) { return counts[s] + ' ' + s; });
    return parts.length ? parts.join(', ') : 'none';
  }

  function row(c) {
    var li = el('li', 'comment');
    li.dataset.id = c.id;
    li.tabIndex = -1;
    li.setAttribute('aria-label', 'Comment by ' + (c.author.name || 'no name'));
    desk.byId[c.id] = c;

    var box = el('input');
    box.type = 'checkbox';
    box.className = 'pick';
    box.value = c.id;
    box.setAttribute('aria-label', 'Select the comment by ' + c.author.name);
    box.addEventListener('change', updateBulk);
    li.appendChild(box);

    var body = el('div', 'body');
    var meta = el('div', 'meta');
    meta.appendChild(el('span', 'author', c.author.name || '(no name)'));
    // Issue 16 item 4: the owner's badge, and a pin, as readers see them.
    if (c.author.badge) meta.appendChild(el('span', 'badge', c.author.badge));
    if (c.pinned) meta.appendChild(el('span', 'pinned-mark', 'Pinned'));
    if (c.email) meta.appendChild(el('span', 'email', c.email));
    if (c.author.website) meta.appendChild(el('span', 'website', c.author.website));
    var when = el('time', 'date', new Date(c.createdAt).toLocaleString());
    when.dateTime = c.createdAt;
    meta.appendChild(when);
    if (c.editedAt) meta.appendChild(el('span', 'edited', 'edited'));
    body.appendChild(meta);

    var where = el('p', 'where', 'on ');
    var title = c.title || c.thread;
    if (c.link) {
      var a = el('a', '', title);
      a.href = c.link;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      where.appendChild(a);
    } else where.appendChild(el('span', '', title));
    if (c.title) where.appendChild(el('span', 'muted', ' (' + c.thread + ')'));
    body.appendChild(where);

    if (c.replyTo) {
      var parent = el('details', 'parent');
      parent.appendChild(el('summary', '', 'In reply to ' + c.replyTo.name + (c.replyTo.status === 'published' ? '' : ' (' + c.replyTo.status + ')')));
      parent.appendChild(el('p', '', c.replyTo.text));
      body.appendChild(parent);
    } else if (c.parent) body.appendChild(el('p', 'parent', 'A reply to a comment that is gone.'));

    body.appendChild(el('p', 'text', c.text));

    var past = el('p', 'history');
    // The owner's comments have no address or client: there is no history to tell.
    past.textContent = c.author.badge && !c.email ? 'Posted as the site owner.' : 'By this address: ' + history(c.history.email) + (c.history.client ? '. From this client: ' + history(c.history.client) : '') + '.';
    body.appendChild(past);

    var reasons = el('ul', 'reasons');
    reasons.setAttribute('aria-label', 'Why it is here');
    (c.reasons || []).forEach(function (r) {
      var item = el('li', 'reason' + (r.rule === 'moderator' ? ' moderator' : ''));
      if (r.rule === 'moderator') item.textContent = r.message.charAt(0).toUpperCase() + r.message.slice(1) + '.';
      else {
        item.appendChild(el('span', 'verdict ' + r.verdict, r.verdict));
        item.appendChild(el('span', 'rule', r.rule));
        item.appendChild(el('span', 'why', r.message));
      }
      reasons.appendChild(item);
    });
    if (!reasons.childNodes.length) reasons.appendChild(el('li', 'reason', 'No rule had anything to say.'));
    body.appendChild(reasons);

    var actions = el('div', 'actions');
    [['approve', 'Approve', 'published'], ['spam', 'Spam', 'spam'], ['delete', 'Delete', 'deleted']].forEach(function (x) {
      if (x[2] === c.status) return;
      var b = button(x[1], function () { act(x[0], [c.id]); }, x[1] + ' the comment by ' + c.author.name);
      b.dataset.action = x[0];
      actions.appendChild(b);
    });
    actions.appendChild(button('Edit', function () { openEdit(li, c); }, 'Edit the comment by ' + c.author.name));
    if (c.status === 'published') actions.appendChild(button('Reply as owner', function () { openReply(li, c); }, 'Reply as owner to the comment by ' + c.author.name));
    if (c.status === 'published' && !c.parent) {
      var pin = button(c.pinned ? 'Unpin' : 'Pin', function () { togglePin(li, c); }, (c.pinned ? 'Unpin' : 'Pin') + ' the comment by ' + c.author.name);
      pin.dataset.action = 'pin';
      actions.appendChild(pin);
    }
    if (!(c.author.badge && !c.email)) actions.appendChild(button('Ban…', function () { openBan(li, c); }, 'Ban the author of the comment by ' + c.author.name));
    body.appendChild(actions);
    li.appendChild(body);
    return li;
  }
`;
