// Types the `pjpixel` global inside `page.evaluate` callbacks: the pixel's own public API.
import type { Pjpixel } from '#pixel/pixel.ts';

declare global {
  var pjpixel: Pjpixel;
}
