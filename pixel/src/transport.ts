/**
 * Posts a body to the collector as `text/plain;charset=UTF-8` (a CORS "simple" request: no
 * preflight) and calls `onSettled` once the collector has answered in a way a retry would not
 * change: anything but a network failure, 429 or a 5xx.
 *
 * `fetch` with `keepalive` goes first: like `sendBeacon` it outlives the page, and unlike it it
 * reports the outcome. A beacon that a blocker or the network drops still returns `true`, and
 * the purchase would be lost; here it stays in the outbox. Where `fetch` cannot start, the
 * body goes by `sendBeacon`, whose acceptance is taken as settled.
 *
 * @example deliver('https://shop.example/pj/collect', JSON.stringify(beacon), () => settle(id))
 */
export function deliver(url: string, body: string, onSettled: () => void): void {
  try {
    fetch(url, { method: 'POST', body, keepalive: true, credentials: 'include' }).then(
      (response) => response.status < 500 && response.status !== 429 && onSettled(),
      () => {
        // Network error or blocked: the event stays in the outbox for the next page.
      },
    );
  } catch {
    if (navigator.sendBeacon(url, body)) onSettled();
  }
}

/**
 * Asks the collector to set its first-party HttpOnly cookie for a click (it outlives
 * script-written storage in Safari). Fire and forget: the browser keeps the click too.
 */
export function registerClick(endpoint: string, clickId: string): void {
  fetch(`${endpoint}/click?pjclid=${clickId}`, { credentials: 'include', keepalive: true }).catch(
    () => {},
  );
}
