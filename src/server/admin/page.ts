// The admin page's HTML: a shell with no inline script or style, so the page can be served under
// a CSP of 'self' only (routes/admin-page.ts). app.js fills it in using the admin API alone.
export const ADMIN_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Parley moderation</title>
<link rel="icon" href="/admin/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/admin/app.css">
<script src="/admin/app.js" defer></script>
<script src="/admin/filter.js" defer></script>
</head>
<body>
<header class="top">
  <h1>Parley moderation</h1>
  <button type="button" id="signout" hidden>Sign out</button>
</header>
<main>
  <form id="signin" hidden>
    <h2>Sign in</h2>
    <p>Use the admin token the server was started with (<code>--admin-token</code>). It is kept in this tab only.</p>
    <label for="token">Admin token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    <p id="signin-error" class="error" role="alert"></p>
  </form>
  <section id="queue" hidden>
    <div id="banners"></div>
    <div role="tablist" aria-label="Queues" class="tabs">
      <button type="button" role="tab" data-status="pending" aria-selected="true">Pending</button>
      <button type="button" role="tab" data-status="spam" aria-selected="false">Spam</button>
      <button type="button" role="tab" data-status="published" aria-selected="false">Published</button>
      <button type="button" role="tab" data-status="deleted" aria-selected="false">Deleted</button>
    </div>
    <div class="toolbar">
      <label class="all"><input type="checkbox" id="select-all"> Select all</label>
      <button type="button" data-bulk="approve" disabled>Approve selected</button>
      <button type="button" data-bulk="spam" disabled>Mark selected as spam</button>
      <button type="button" data-bulk="delete" disabled>Delete selected</button>
      <button type="button" id="refresh">Refresh</button>
    </div>
    <p id="message" role="status" aria-live="polite"></p>
    <ol id="list" class="list" aria-label="Comments"></ol>
    <p id="empty" class="empty" hidden>No comments here.</p>
    <button type="button" id="more" hidden>Load more</button>
  </section>
</main>
</body>
</html>
`;
