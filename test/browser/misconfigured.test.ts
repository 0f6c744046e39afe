import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startStack } from '#tooling/stack/fixture-stack.ts';
import { createClick } from '../support/emulator-client.ts';
import './pjpixel-global.ts';
import { bareShopPage } from './pages.ts';
import { browserSuite } from './suite.ts';

// A shop whose settings are wrong: the pixel keeps the purchase and says what to fix, in the
// console, without `debug`.

/** A well-formed pixel id that the collector's PIXEL_IDS does not list. */
const UNLISTED_PIXEL_ID = '11111111-2222-4333-8444-555555555555';

const snippet = (pixelId: string, onLoad = '') =>
  bareShopPage(
    'Thank you',
    `<script async src="/pj/pjpixel.js"></script>
<script>
  window.addEventListener('load', function () {
    pjpixel.init(${JSON.stringify(pixelId)});
    ${onLoad}
  });
</script>`,
  );

const suite = browserSuite(() =>
  startStack({
    pages: {
      '/thanks-unlisted': snippet(
        UNLISTED_PIXEL_ID,
        `pjpixel.track('purchase', { amount: 10, currency: 'SEK' }, { eventId: 'unlisted-1' });
         pjpixel.track('purchase', { amount: 20, currency: 'SEK' }, { eventId: 'unlisted-2' });`,
      ),
      '/placeholder': snippet('REPLACE_WITH_PIXEL_ID'),
    },
  }),
);

/** A page in a fresh profile, with the console warnings it shows. */
async function newPage(): Promise<{ page: Page; warnings: string[] }> {
  const page = await suite.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  return { page, warnings };
}

describe('a pixel id the collector does not serve (404 unknown_pixel)', () => {
  it('keeps the purchases in the outbox and warns once, naming PIXEL_IDS', async () => {
    const { page, warnings } = await newPage();
    const click = await createClick(
      suite.stack.emulatorUrl,
      `${suite.stack.shopUrl}/thanks-unlisted`,
    );
    const refused = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
    await page.goto(click.landing_url);
    expect((await refused).status()).toBe(404);
    // Both answers are in, and the page has settled neither.
    await expect.poll(() => warnings.filter((text) => text.includes('PIXEL_IDS')).length).toBe(1);
    await page.waitForTimeout(300);
    const outbox = (await page.evaluate(() =>
      JSON.parse(localStorage.getItem('pjpixel_events') ?? '[]'),
    )) as [string, number, unknown?][];
    expect(outbox.map(([id, , beacon]) => [id, beacon !== undefined])).toEqual([
      ['unlisted-1', true],
      ['unlisted-2', true],
    ]);
    const pixelWarnings = warnings.filter((text) => text.includes('PIXEL_IDS'));
    expect(pixelWarnings).toHaveLength(1);
    expect(pixelWarnings[0]).toContain(UNLISTED_PIXEL_ID);
    expect(suite.network.pageErrors).toEqual([]);
  });
});

describe('init with something that is not a pixel id', () => {
  it('warns, without debug', async () => {
    const { page, warnings } = await newPage();
    await page.goto(`${suite.stack.shopUrl}/placeholder`, { waitUntil: 'networkidle' });
    expect(warnings.some((text) => text.includes('bad pixel id'))).toBe(true);
  });
});
