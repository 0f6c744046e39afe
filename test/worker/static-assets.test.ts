import { describe, expect, it } from 'vitest';
import { collector } from './support/collector.ts';

// The script is a static asset (wrangler.toml `[assets]`): Cloudflare's asset server answers it
// before the Worker runs, which test/demo/start.test.ts checks under `wrangler dev`. A request
// that reaches the Worker anyway (the assets were not deployed) is refused loudly.
describe('GET /pjpixel.js reaching the Worker', () => {
  it('is not found: the Worker has no copy of the script', async () => {
    const response = await collector('/pjpixel.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await response.text()).not.toContain('pjpixel=');
  });
});
