// The browser entry: installs the pixel as the one global it defines, `pjpixel`, and replays the
// calls a stub queued before the script arrived.
import { type Pjpixel, pjpixel } from './pixel.ts';

type QueuedCall = [method: keyof Pjpixel, args: unknown[]];

const global = window as unknown as { pjpixel?: Partial<Pjpixel> & { q?: QueuedCall[] } };
const existing = global.pjpixel;

// A second copy of the script (two tags) leaves the first in charge.
if (!existing || existing.q) {
  global.pjpixel = pjpixel;
  // Array.from reads any queue a stub may have left (even a malformed one) without throwing.
  for (const call of Array.from(existing?.q ?? [])) {
    try {
      const [method, args] = call;
      // `apply` takes the stub's arguments object as it is.
      (pjpixel[method] as (...args: unknown[]) => void).apply(0, args);
    } catch {
      // A malformed queue entry is skipped; the calls after it still run.
    }
  }
}
