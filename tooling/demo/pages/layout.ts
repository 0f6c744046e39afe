import { html, SafeHtml } from '../html.ts';
import { loadListener, PIXEL_OPTIONS, PIXEL_SCRIPT_SRC, PIXEL_STUB } from './snippets.ts';

/** What every page of a response needs to know. */
export interface PageContext {
  /** The CSP nonce of this response, for its inline scripts. */
  nonce: string;
  pixelId: string;
  inspectorUrl: string;
}

export interface PageContent {
  title: string;
  main: SafeHtml;
  /** `init`'s options; default PIXEL_OPTIONS. */
  pixelOptions?: Record<string, unknown>;
  /** Calls after `init` inside the load listener: the confirmation page's `track`. */
  calls?: readonly string[];
  /** Script that runs before the pixel loads: the GA4 confirmation's dataLayer push. */
  beforePixel?: string;
}

/** An inline script carrying the response's nonce; its source holds only demo code. */
function inlineScript(nonce: string, source: string): SafeHtml {
  return html`<script nonce="${nonce}">${new SafeHtml(`\n${source}\n`)}</script>`;
}

/**
 * The page shell: the consent banner, a status panel that shows what the pixel holds, and
 * Prisjakt's snippet (async script tag, `init` on load) with the consent option.
 */
export function renderPage(context: PageContext, content: PageContent): string {
  const options = content.pixelOptions ?? PIXEL_OPTIONS;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.title} · Demo Coffee Shop</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/shop.css">
${inlineScript(context.nonce, PIXEL_STUB)}
${content.beforePixel ? inlineScript(context.nonce, content.beforePixel) : ''}
<script async src="${PIXEL_SCRIPT_SRC}"></script>
${inlineScript(context.nonce, loadListener(context.pixelId, options, content.calls))}
</head>
<body>
<header class="site-header">
  <a class="brand" href="/shop">Demo Coffee Shop</a>
  <nav>
    <a href="/">Start</a>
    <a href="/shop">Shop</a>
    <a href="${context.inspectorUrl}" target="_blank" rel="noopener">Event inspector ↗</a>
  </nav>
</header>
<main>
${content.main}
</main>
<footer class="tracking-status" aria-label="Tracking in this browser">
  <span>Consent: <strong id="consent-state">…</strong></span>
  <span>Prisjakt click held by the pixel: <code id="pj-click">…</code></span>
  <button type="button" id="consent-settings" class="link">Cookie settings</button>
</footer>
<div id="consent-banner" class="consent-banner" role="dialog" aria-labelledby="consent-title" hidden>
  <p id="consent-title"><strong>Prisjakt conversion tracking</strong></p>
  <p>When you arrive from Prisjakt, this shop keeps Prisjakt's click id for up to 30 days and
  reports your purchase to Prisjakt, so they can tell the shop which visits led to sales.
  Nothing is stored or sent before you accept.</p>
  <p class="actions">
    <button type="button" id="consent-accept">Accept</button>
    <button type="button" id="consent-decline" class="secondary">Decline</button>
  </p>
</div>
<script src="/assets/shop.js"></script>
</body>
</html>
`;
  return page.value;
}
