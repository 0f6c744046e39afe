import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';

/** A static file of the demo, read once at start. */
export interface Asset {
  body: string;
  contentType: string;
}

/** The demo's static files, by URL path: a fixed list, so no request can name another file. */
export function loadAssets(): Map<string, Asset> {
  const read = (name: string) => readFileSync(join(REPO_ROOT, 'tooling/demo/assets', name), 'utf8');
  return new Map([
    ['/assets/shop.css', { body: read('shop.css'), contentType: 'text/css; charset=utf-8' }],
    ['/assets/shop.js', { body: read('shop.js'), contentType: 'text/javascript; charset=utf-8' }],
  ]);
}
