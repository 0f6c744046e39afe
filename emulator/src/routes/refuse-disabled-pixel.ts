import { ApiError } from '../http/problem.ts';
import type { PixelRecord } from '../state.ts';

/** A disabled pixel takes no new events: 403, before the body is even read. */
export function refuseDisabledPixel(pixel: PixelRecord): void {
  if (!pixel.enabled) {
    throw new ApiError(403, 'The pixel is disabled and accepts no events; enable it to resume.');
  }
}
