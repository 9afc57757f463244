// The desk's lists and bans (issue 21 item 4): hold words, spam words, blocked link domains and
// the bans, each with its entries and a form to add one, and what banned authors' comments get.
// Part of the admin page's script (script.ts).
export const LISTS_JS = String.raw`
  var LISTS = [
    ['hold-words', 'Hold words', 'A comment with one of these words or phrases waits for a moderator.', 'Word or phrase'],
    ['spam-words', 'Spam words', 'A comment with one of these goes straight to Spam.', 'Word or phrase'],
    ['blocked-domains', 'Blocked link domains', 'A comment linking to one of these domains (or their subdomains) goes to Spam.', 'Domain'],
    ['ban-email', 'Banned addresses', 'Comments from these email addresses.', 'Email address'],
    ['ban-client', 'Banned clients', 'Comments from these clients (network addresses, kept hashed). Ban one from a comment.', ''],
    ['ban-domain', 'Banned website domains', 'Comments whose website is on one of these domains.', 'Domain']
  ];

  function shown(entry) {
    return entry.list === 'ban-client' ? 'client ' + entry.value.slice(0, 10) + '…' : entry.value;
  }

  function editor(spec, entries) {
    var box = el('section', 'list-editor');
    var id = 'list-' + spec[0];
    box.setAttribute('aria-labelledby', id);
    var h = el('h3', '', spec[1]);
    h.id = id;
    box.appendChild(h);
    box.appendChild(el('p', 'muted', spec[2]));
    var ul = el('ul');
    entries.forEach(function (e) {
      var li = el('li');
      li.appendChild(el('span', 'value', shown(e)));
      li.appendChild(el('span', 'muted', e.until ? 'until ' + new Date(e.until).toLocaleDateString() : 'for ever'));
      if (e.note) li.appendChild(el('span', 'muted', e.note));
      li.appendChild(button('Remove', function () {
        post('/lists/remove', { list: e.list, value: e.value }).then(function () {
          toast('Removed ' + shown(e) + ' from ' + spec[1].toLowerCase() + '.');
          views.lists();
        }, failed);
      }, 'Remove ' + shown(e) + ' from ' + spec[1].toLowerCase()));
      ul.appendChild(li);
    });
    if (!entries.length) ul.appendChild(el('li', 'muted', 'None yet.'));
    box.appendChild(ul);
    if (!spec[3]) return box;
    var form = el('form');
    var p = el('p');
    var label = el('label', '', spec[3]);
    label.htmlFor = id + '-value';
    var input = el('input');
    input.id = id + '-value';
    input.required = true;
    p.appendChild(label);
    p.appendChild(input);
    form.appendChild(p);
    var days = null;
    if (spec[0].indexOf('ban-') === 0) {
      var q = el('p');
      var dl = el('label', '', 'For');
      dl.htmlFor = id + '-days';
      days = el('select');
      days.id = id + '-days';
      [['', 'ever'], ['1', 'a day'], ['7', 'a week'], ['30', '30 days'], ['365', 'a year']].forEach(function (d) {
        var o = el('option', '', d[1]);
        o.value = d[0];
        days.appendChild(o);
      });
      q.appendChild(dl);
      q.appendChild(days);
      form.appendChild(q);
    }
    var add = el('button', '', 'Add');
    add.type = 'submit';
    add.setAttribute('aria-label', 'Add to ' + spec[1].toLowerCase());
    form.appendChild(add);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      post('/lists', { list: spec[0], value: input.value, days: days && days.value ? Number(days.value) : null }).then(function (body) {
        toast('Added ' + body.entry.value + ' to ' + spec[1].toLowerCase() + '.');
        views.lists().then(function () { var again = $(id + '-value'); if (again) again.focus(); });
      }, failed);
    });
    box.appendChild(form);
    return box;
  }

  function startLists() {
    views.lists = function () {
      return call(API + '/lists').then(function (body) {
        all('input[name="ban-action"]').forEach(function (r) { r.checked = r.value === body.banAction; });
        var box = $('list-editors');
        box.textContent = '';
        LISTS.forEach(function (spec) {
          box.appendChild(editor(spec, body.entries.filter(function (e) { return e.list === spec[0]; })));
        });
      }, failed);
    };
    all('input[name="ban-action"]').forEach(function (r) {
      r.addEventListener('change', function () {
        post('/settings', { banAction: r.value }).then(function () {
          toast(r.value === 'spam' ? 'Comments from banned authors now go straight to Spam.' : 'Comments from banned authors are now refused.');
        }, failed);
      });
    });
  }
`;
