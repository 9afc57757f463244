// The site owner's voice on the desk (issue 16 item 4): a reply as the owner under any published
// comment, a new comment as the owner on a thread, and Pin / Unpin on published top-level comments
// (at most 3 a thread; the server says so past it). Who the owner's comments are posted as comes
// from GET /api/v1/admin/me. Part of the admin page's script (script.ts); text only as textContent.
export const OWNER_JS = String.raw`
  var owner = { name: '', badge: '', nameSet: true };

  /** Who the owner's comments are posted as, said above the form that writes one. */
  function loadOwner() {
    return call(API + '/me').then(function (body) {
      owner = body.owner;
      $('owner-as').textContent = 'Published at once as ' + owner.name + ', marked “' + owner.badge + '”.' +
        (owner.nameSet ? '' : ' Start the server with --owner-name to post under the site’s name instead of the token’s.');
    }, function () {});
  }

  /** A random idempotency key per draft, so a retried post makes one comment. */
  function draftKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function openReply(li, c) {
    if (li.querySelector('.reply')) return li.querySelector('.reply textarea').focus();
    var form = el('form', 'reply');
    var id = 'reply-' + c.id;
    var label = el('label', '', 'Reply to ' + (c.author.name || 'this comment') + ' as ' + (owner.name || 'the site owner') + (owner.badge ? ' (' + owner.badge + ')' : ''));
    label.htmlFor = id;
    var area = el('textarea');
    area.id = id;
    area.required = true;
    var buttons = el('div', 'row-buttons');
    var send = el('button', '', 'Post reply');
    send.type = 'submit';
    buttons.appendChild(send);
    var close = function () { form.remove(); li.focus(); };
    buttons.appendChild(button('Cancel', close));
    form.appendChild(label);
    form.appendChild(area);
    form.appendChild(buttons);
    var key = draftKey();
    form.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!area.value.trim()) return area.focus();
      send.disabled = true;
      post('/comments', { thread: c.thread, parent: c.id, text: area.value, idempotencyKey: key }).then(function (body) {
        form.remove();
        // On the Published tab the reply is listed right under the comment it answers.
        if (desk.status === 'published') li.after(row(body.comment));
        li.focus();
        refreshCounts();
        toast('Replied to ' + (c.author.name || 'the comment') + ' as ' + body.comment.author.name + '.');
      }, function (error) { send.disabled = false; failed(error); });
    });
    li.querySelector('.actions').after(form);
    area.focus();
  }

  function togglePin(li, c) {
    post('/comments/' + encodeURIComponent(c.id) + '/pin', { pinned: !c.pinned }).then(function (body) {
      var fresh = row(body.comment);
      li.replaceWith(fresh);
      var again = fresh.querySelector('[data-action="pin"]');
      (again || fresh).focus();
      toast(body.comment.pinned
        ? 'Pinned the comment by ' + c.author.name + ': readers see it first on ' + c.thread + '.'
        : 'Unpinned the comment by ' + c.author.name + '.');
    }, failed);
  }

  function startOwner() {
    $('owner-post').addEventListener('submit', function (event) {
      event.preventDefault();
      var form = $('owner-post');
      var thread = $('owner-thread').value.trim();
      var text = $('owner-text').value;
      if (!thread || !text.trim()) return;
      form.dataset.key = form.dataset.key || draftKey();
      post('/comments', { thread: thread, text: text, idempotencyKey: form.dataset.key }).then(function (body) {
        delete form.dataset.key;
        $('owner-text').value = '';
        $('owner-message').textContent = 'Posted on ' + body.comment.thread + ' as ' + body.comment.author.name + '.';
        refreshCounts();
      }, function (error) { if (error.message !== 'unauthorized') $('owner-message').textContent = error.message; });
    });
  }
`;
