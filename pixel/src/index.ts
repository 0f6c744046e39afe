// The browser entry: creates the pixel for this page, installs it as the one global it
// defines, `pjpixel`, and replays the calls a stub queued before the script arrived.
import { createPixel } from './pixel.ts';
import { createStore } from './storage.ts';

type QueuedCall = [method: string, args: ArrayLike<unknown>];

const global = window as unknown as Record<string, unknown>;
const existing = global.pjpixel as { q?: QueuedCall[] } | undefined;

// A second copy of the script (two tags) leaves the first in charge.
if (!existing || existing.q) {
  const pixel = createPixel({
    store: createStore(() => localStorage, document, location.protocol === 'https:'),
    global,
    location,
    scriptSrc: (document.currentScript as HTMLScriptElement | null)?.src,
  });
  global.pjpixel = pixel;
  for (const [method, args] of existing?.q ?? []) {
    try {
      (pixel[method as keyof typeof pixel] as (...args: unknown[]) => void)(...Array.from(args));
    } catch {
      // A malformed queue entry is skipped; the calls after it still run.
    }
  }
}
