/**
 * The one Content-Security-Policy for the app, sent with every page by the Electron protocol
 * handler and by the harness. Scripts only from the app itself (no inline, no eval); nothing
 * remote at all. Inline styles are allowed because the component library sets CSS variables
 * through a <style> element; styles cannot run code.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
