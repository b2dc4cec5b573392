/**
 * Serves the built renderer from `app://outpost/` rather than file://, so the page has a real
 * origin (checked on every IPC call), the CSP arrives as a header, and no other file on disk
 * can be read by the page.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from './content-security-policy';

export const appScheme = 'app';
export const appOrigin = `${appScheme}://outpost`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Content types of the files a built renderer contains (shared with the harness). */
export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** Maps a request URL to a file inside `rootDir`, or null when it points anywhere else. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  const url = new URL(requestUrl);
  if (`${url.protocol}//${url.host}` !== appOrigin) return null;
  const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const root = normalize(rootDir);
  const file = normalize(join(root, relative));
  return file.startsWith(root + sep) ? file : null;
}

/** The handler given to `protocol.handle(appScheme, ...)`. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: securityHeaders });
    try {
      const body = await readFile(file);
      const type = contentTypes[extname(file)] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...securityHeaders, 'Content-Type': type } });
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders });
    }
  };
}
