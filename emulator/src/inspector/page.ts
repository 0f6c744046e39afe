/**
 * The inspector's page: static markup, filled in by `inspector/app.js` from the JSON
 * endpoints. Nothing is interpolated on the server, and the script writes data only as text,
 * so an event id sent by a shop can never become markup. Relative URLs keep it working under
 * every base prefix (`/__emulator/`, `/click-conversion/__emulator/`).
 */
export const INSPECTOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Event inspector · Prisjakt API emulator</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="inspector/app.css">
<script src="inspector/app.js" defer></script>
</head>
<body>
<header>
  <h1>Event inspector <small>Prisjakt API emulator</small></h1>
  <p id="status" class="status" role="status">connecting…</p>
  <button id="reset" type="button" class="secondary">Reset the emulator</button>
</header>
<p class="intro">Clicks the emulator issued, purchase events as the API receives them, Prisjakt's
purchase summary, and the collector's dead letters. The page updates itself; there is no need to
reload. State is in memory: a restart or a reset empties it.</p>

<section aria-labelledby="events-title">
  <h2 id="events-title">Events <span id="events-count" class="count"></span></h2>
  <table>
    <thead><tr><th>Received</th><th>Event id</th><th>Amount</th><th>Currency</th><th>Items</th>
      <th>Event time</th><th>Click</th><th>Pixel</th><th>API id</th></tr></thead>
    <tbody id="events"></tbody>
  </table>
</section>

<section aria-labelledby="summary-title">
  <h2 id="summary-title">Purchase summary <small>per day in <span id="time-zone">Europe/Stockholm</span> and currency</small></h2>
  <table>
    <thead><tr><th>Date</th><th>Currency</th><th>Purchases</th><th>Total</th><th>Pixel</th></tr></thead>
    <tbody id="summary-days"></tbody>
  </table>
  <h3>Per currency</h3>
  <table>
    <thead><tr><th>Currency</th><th>Purchases</th><th>Total</th><th>Pixel</th></tr></thead>
    <tbody id="summary-totals"></tbody>
  </table>
</section>

<section aria-labelledby="clicks-title">
  <h2 id="clicks-title">Clicks <span id="clicks-count" class="count"></span></h2>
  <table>
    <thead><tr><th>Time</th><th>Signed click id</th><th>Product</th><th>Landing URL</th><th>Shop</th></tr></thead>
    <tbody id="clicks"></tbody>
  </table>
</section>

<section aria-labelledby="dead-letters-title">
  <h2 id="dead-letters-title">Collector dead letters</h2>
  <p id="dead-letter-status" class="status">asking the collector…</p>
  <table>
    <thead><tr><th>Failed</th><th>Event id</th><th>Reason</th><th>Detail</th><th>Pixel</th><th>Dead-letter id</th></tr></thead>
    <tbody id="dead-letters"></tbody>
  </table>
  <p id="replay-hint" class="hint" hidden>After fixing the cause, replay one from the
    repository (off localhost, set PJCOLLECTOR_ADMIN_TOKEN): <code id="replay-command"></code></p>
</section>

<section aria-labelledby="requests-title">
  <h2 id="requests-title">API requests <small>since the last reset</small></h2>
  <table>
    <thead><tr><th>Operation</th><th>Status</th><th>Requests</th></tr></thead>
    <tbody id="requests"></tbody>
  </table>
</section>
</body>
</html>
`;

/** The page, its script and its styles come from the emulator itself, and nothing else may. */
export const INSPECTOR_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
