import { type Browser, type BrowserContext, chromium, type Request } from 'playwright-core';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium kept off the network except for what the tests open. */
export function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A request the pixel made, as the browser sent it. */
export interface SeenRequest {
  method: string;
  /** Path and query, e.g. `/pj/collect`. */
  path: string;
  body: string | null;
}

/**
 * Records every request a context makes (pages, scripts, beacons), so that tests can assert
 * the ones that must not happen as well as those that must. Console errors and uncaught page
 * errors are kept too: the pixel must never throw into the host page.
 */
export class NetworkLog {
  readonly requests: SeenRequest[] = [];
  readonly pageErrors: string[] = [];

  constructor(context: BrowserContext) {
    context.on('request', (request: Request) => {
      const url = new URL(request.url());
      this.requests.push({
        method: request.method(),
        path: url.pathname + url.search,
        body: request.postData(),
      });
    });
    context.on('page', (page) => {
      page.on('pageerror', (error) => this.pageErrors.push(error.message));
    });
  }

  /** Requests to the collector's endpoints, e.g. `to('/pj/collect')`. */
  to(pathPrefix: string): SeenRequest[] {
    return this.requests.filter((request) => request.path.startsWith(pathPrefix));
  }

  /** The parsed beacons the pixel posted to `/pj/collect`. */
  beacons(): Record<string, unknown>[] {
    return this.to('/pj/collect').map((request) => JSON.parse(request.body ?? 'null'));
  }
}
