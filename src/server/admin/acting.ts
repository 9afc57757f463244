// Acting on the desk (issue 21 item 3): approve, spam and delete (one comment or the selected ones;
// deleting several asks first), each undoable for 10 seconds from the toast (or u); a moderator's
// edit of the text; a ban of the author by address, client or website domain, for a time or for
// ever. Part of the admin page's script (script.ts).
export const ACTING_JS = String.raw`
  var DONE = { approve: ['Approved ', '.'], spam: ['Marked ', ' as spam.'], 'delete': ['Deleted ', '.'] };

  /** Takes these comments off the list, remembering where each was, so undo can put them back. */
  function takeOut(ids) {
    var order = rows();
    var gone = [];
    order.forEach(function (li, i) {
      if (ids.indexOf(li.dataset.id) < 0) return;
      var next = order.slice(i + 1).filter(function (x) { return ids.indexOf(x.dataset.id) < 0; })[0] || null;
      gone.push({ li: li, next: next });
    });
    var focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest('.comment') : null;
    var after = gone.length ? gone[gone.length - 1].next : null;
    var before = null;
    if (gone.length) {
      var firstAt = order.indexOf(gone[0].li);
      for (var i = firstAt - 1; i >= 0; i--) if (ids.indexOf(order[i].dataset.id) < 0) { before = order[i]; break; }
    }
    gone.forEach(function (g) { g.li.remove(); });
    // Keep the moderator's place: the comment after the one acted on, else the one before.
    if (focused && ids.indexOf(focused.dataset.id) >= 0) {
      var target = after || before;
      if (target) target.focus(); else $('list').focus();
    }
    return gone;
  }

  function putBack(gone) {
    gone.slice().reverse().forEach(function (g) {
      if (g.next && g.next.parentNode === $('list')) $('list').insertBefore(g.li, g.next);
      else $('list').appendChild(g.li);
    });
    if (gone.length) gone[0].li.focus();
  }

  function act(action, ids) {
    if (!ids.length) return;
    if (action === 'delete' && ids.length > 1 && !window.confirm('Delete ' + count(ids.length, 'comment', 'comments') + '? You can undo it for 10 seconds afterwards.')) return;
    post('/comments/actions', { action: action, ids: ids }).then(function (body) {
      var gone = takeOut(ids);
      $('select-all').checked = false;
      updateBulk();
      summary();
      refreshCounts();
      toast(DONE[action][0] + count(body.updated, 'comment', 'comments') + DONE[action][1], function () {
        post('/comments/undo', { undo: body.undo }).then(function (r) {
          putBack(gone);
          summary();
          refreshCounts();
          toast('Undone: ' + count(r.restored, 'comment is', 'comments are') + ' back as before.');
        }, failed);
      });
    }, failed);
  }

  function openEdit(li, c) {
    if (li.querySelector('.edit')) return li.querySelector('textarea').focus();
    var form = el('form', 'edit');
    var id = 'edit-' + c.id;
    var label = el('label', '', 'Text of the comment by ' + c.author.name + ' (readers will see it marked as edited)');
    label.htmlFor = id;
    var area = el('textarea');
    area.id = id;
    area.value = c.text;
    var buttons = el('div', 'row-buttons');
    var save = el('button', '', 'Save');
    save.type = 'submit';
    buttons.appendChild(save);
    var close = function () { form.remove(); li.querySelector('.text').hidden = false; li.focus(); };
    buttons.appendChild(button('Cancel', close));
    form.appendChild(label);
    form.appendChild(area);
    form.appendChild(buttons);
    form.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      post('/comments/' + encodeURIComponent(c.id) + '/edit', { text: area.value }).then(function (body) {
        var fresh = row(body.comment);
        li.replaceWith(fresh);
        fresh.focus();
        toast('Saved the edit of the comment by ' + c.author.name + '.', function () {
          post('/comments/undo', { undo: body.undo }).then(function () {
            var back = row(c);
            fresh.replaceWith(back);
            back.focus();
            toast('Undone: the comment by ' + c.author.name + ' reads as before.');
          }, failed);
        });
      }, failed);
    });
    var text = li.querySelector('.text');
    text.hidden = true;
    text.after(form);
    area.focus();
  }

  function domainOf(website) {
    try { return new URL(website).hostname.replace(/^www\./, ''); } catch (e) { return ''; }
  }

  function openBan(li, c) {
    if (li.querySelector('.ban')) return li.querySelector('.ban input').focus();
    var form = el('form', 'ban');
    var kinds = el('fieldset');
    kinds.appendChild(el('legend', '', 'Ban'));
    var domain = domainOf(c.author.website);
    [['email', 'the address ' + c.email], ['client', 'this client (the browser’s network address, hashed)'], ['domain', domain ? 'the website domain ' + domain : 'the website domain (this comment has none)']].forEach(function (k, i) {
      var label = el('label');
      var radio = el('input');
      radio.type = 'radio';
      radio.name = 'ban-kind-' + c.id;
      radio.value = k[0];
      radio.checked = i === 0;
      radio.disabled = k[0] === 'domain' && !domain;
      label.appendChild(radio);
      label.appendChild(document.createTextNode(' ' + k[1]));
      kinds.appendChild(label);
    });
    form.appendChild(kinds);
    var forLabel = el('label', '', 'For ');
    var days = el('select');
    [['1', 'a day'], ['7', 'a week'], ['30', '30 days'], ['365', 'a year'], ['', 'ever']].forEach(function (d) {
      var o = el('option', '', d[1]);
      o.value = d[0];
      days.appendChild(o);
    });
    days.value = '30';
    forLabel.appendChild(days);
    form.appendChild(forLabel);
    var buttons = el('div', 'row-buttons');
    var go = el('button', '', 'Ban');
    go.type = 'submit';
    buttons.appendChild(go);
    var close = function () { form.remove(); li.focus(); };
    buttons.appendChild(button('Cancel', close));
    form.appendChild(buttons);
    form.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var kind = form.querySelector('input[type="radio"]:checked').value;
      post('/comments/' + encodeURIComponent(c.id) + '/ban', { kind: kind, days: days.value ? Number(days.value) : null }).then(function (body) {
        close();
        var what = kind === 'email' ? c.email : kind === 'client' ? 'this client' : body.entry.value;
        toast('Banned ' + what + (body.entry.until ? ' until ' + new Date(body.entry.until).toLocaleDateString() : ' for ever') + '. Lists and bans shows every ban.');
      }, failed);
    });
    li.querySelector('.actions').after(form);
    form.querySelector('input').focus();
  }
`;
