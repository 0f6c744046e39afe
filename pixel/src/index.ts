// Placeholder entry until the pixel lands: defines the global and does nothing.
(window as unknown as { pjpixel: object }).pjpixel = {};
