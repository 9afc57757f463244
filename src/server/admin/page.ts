// The admin page's HTML: a shell with no inline script or style, so the page can be served under
// a CSP of 'self' only (routes/admin-page.ts). app.js fills it in using the admin API alone.
// Issue 21: the moderation desk. Three views (comments, lists, log), the tabs with their counts,
// a search form, the Undo toast (role="status") and the keyboard shortcuts under "?".
const RULES = ['words', 'links', 'echo', 'banned', 'mode', 'form-token', 'honeypot', 'flood', 'rate-limit', 'duplicates', 'owner-name', 'akismet', 'moderator'];

export const ADMIN_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>Parley moderation</title>
<link rel="icon" href="/admin/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/admin/app.css">
<script src="/admin/app.js" defer></script>
<script src="/admin/filter.js" defer></script>
</head>
<body>
<header class="top">
  <h1>Parley moderation</h1>
  <nav id="views" aria-label="Views" hidden>
    <button type="button" data-view="comments" aria-current="page">Comments</button>
    <button type="button" data-view="lists">Lists and bans</button>
    <button type="button" data-view="log">Action log</button>
  </nav>
  <div class="top-actions">
    <button type="button" id="keys-open" hidden>Keyboard shortcuts</button>
    <button type="button" id="signout" hidden>Sign out</button>
  </div>
</header>
<main>
  <form id="signin" hidden>
    <h2>Sign in</h2>
    <p>Use your moderator token (made with <code>parley token add NAME</code>) or the admin token the server was started with (<code>--admin-token</code>). It is kept in this tab only.</p>
    <label for="token">Moderator token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    <p id="signin-error" class="error" role="alert"></p>
  </form>
  <section id="queue" aria-labelledby="queue-title" hidden>
    <h2 id="queue-title" class="vh">Comments</h2>
    <div id="banners"></div>
    <div role="tablist" aria-label="Queues" class="tabs">
      <button type="button" role="tab" id="tab-pending" aria-controls="panel" data-status="pending" aria-selected="true">Pending <span class="n"></span></button>
      <button type="button" role="tab" id="tab-spam" aria-controls="panel" data-status="spam" aria-selected="false" tabindex="-1">Spam <span class="n"></span></button>
      <button type="button" role="tab" id="tab-published" aria-controls="panel" data-status="published" aria-selected="false" tabindex="-1">Published <span class="n"></span></button>
      <button type="button" role="tab" id="tab-deleted" aria-controls="panel" data-status="deleted" aria-selected="false" tabindex="-1">Deleted <span class="n"></span></button>
    </div>
    <form id="find" role="search" aria-label="Find comments">
      <p><label for="q">Search</label> <input id="q" name="q" type="search" placeholder="text, name, address, website or thread"></p>
      <p><label for="thread">Thread</label> <input id="thread" name="thread" type="text" placeholder="/2026/05/harbour-bridge"></p>
      <p><label for="rule">Rule</label> <select id="rule" name="rule"><option value="">any rule</option>${RULES.map((r) => `<option>${r}</option>`).join('')}</select></p>
      <p><label for="sort">Order</label> <select id="sort" name="sort"><option value="newest">newest first</option><option value="oldest">oldest first</option></select></p>
      <p class="find-actions"><button type="submit">Search</button> <button type="button" id="clear">Clear</button></p>
    </form>
    <div class="toolbar">
      <label class="all"><input type="checkbox" id="select-all"> Select all</label>
      <button type="button" data-bulk="approve" disabled>Approve selected</button>
      <button type="button" data-bulk="spam" disabled>Mark selected as spam</button>
      <button type="button" data-bulk="delete" disabled>Delete selected</button>
      <button type="button" id="refresh">Refresh</button>
    </div>
    <p id="message" class="muted"></p>
    <div id="panel" role="tabpanel" aria-labelledby="tab-pending">
      <ol id="list" class="list" aria-label="Comments"></ol>
      <p id="empty" class="empty" hidden>No comments here.</p>
    </div>
    <button type="button" id="more" hidden>Load more</button>
    <form id="owner-post" class="closing owner-post">
      <h2>Write as the site owner</h2>
      <p id="owner-as" class="muted"></p>
      <label for="owner-thread">Page to post on</label>
      <input id="owner-thread" name="thread" required placeholder="/2026/05/harbour-bridge">
      <label for="owner-text">Owner’s comment</label>
      <textarea id="owner-text" name="text" required></textarea>
      <button type="submit">Post as the owner</button>
      <p id="owner-message" role="status" aria-live="polite"></p>
    </form>
    <form id="closing" class="closing">
      <h2>Close a thread</h2>
      <p>A closed thread keeps its comments and shows “Comments are closed.” instead of the form.</p>
      <label for="closing-thread">Close comments on</label>
      <input id="closing-thread" name="thread" required placeholder="/2026/05/harbour-bridge">
      <button type="submit" data-closed="true">Close</button>
      <button type="submit" data-closed="false">Open again</button>
      <p id="closing-message" role="status" aria-live="polite"></p>
    </form>
  </section>
  <section id="lists" aria-labelledby="lists-title" hidden>
    <h2 id="lists-title">Lists and bans</h2>
    <p class="muted">Kept in the store, so every instance of the server uses them. <code>--hold-words</code> and <code>--spam-words</code> are their starting values.</p>
    <fieldset id="ban-action">
      <legend>Comments from banned authors are</legend>
      <label><input type="radio" name="ban-action" value="refuse"> refused, with a sentence saying so</label>
      <label><input type="radio" name="ban-action" value="spam"> kept, straight in Spam</label>
    </fieldset>
    <div id="list-editors"></div>
  </section>
  <section id="log" aria-labelledby="log-title" hidden>
    <h2 id="log-title">Action log</h2>
    <p class="muted">Who did what, kept 90 days: a moderator token's name, or "mail link" for the links in notification mail.</p>
    <table id="log-table"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead><tbody></tbody></table>
    <button type="button" id="log-more" hidden>Older entries</button>
  </section>
</main>
<div id="toast" class="toast quiet" role="status" aria-live="polite"><span id="toast-text"></span> <button type="button" id="toast-undo" hidden>Undo</button></div>
<dialog id="keys" aria-labelledby="keys-title">
  <h2 id="keys-title">Keyboard shortcuts</h2>
  <dl class="keys">
    <dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous comment</dd>
    <dt><kbd>a</kbd></dt><dd>approve</dd>
    <dt><kbd>s</kbd></dt><dd>mark as spam</dd>
    <dt><kbd>d</kbd></dt><dd>delete</dd>
    <dt><kbd>u</kbd></dt><dd>undo the last action</dd>
    <dt><kbd>?</kbd></dt><dd>this list</dd>
  </dl>
  <p><label><input type="checkbox" id="single-keys"> Single-key shortcuts (turn them off if you use speech input or they get in your way)</label></p>
  <button type="button" id="keys-close">Close</button>
</dialog>
</body>
</html>
`;
