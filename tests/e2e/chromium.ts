/** Debian's Chromium (never a downloaded browser); OUTPOST_CHROMIUM points elsewhere if needed. */
export const chromiumPath = process.env['OUTPOST_CHROMIUM'] ?? '/usr/bin/chromium';
