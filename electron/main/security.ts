/**
 * App-wide guards that apply to every web contents, including any created later: no navigation
 * away from the app, no new windows, no webviews, no permissions (camera, notifications...).
 */
import type { App, Session, WebContents } from 'electron';

export function isAppUrl(url: string, allowedOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    const origin = parsed.protocol === 'app:' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
    return allowedOrigins.includes(origin);
  } catch {
    return false;
  }
}

export function lockDownContents(contents: WebContents, allowedOrigins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function applyAppSecurity(app: App, allowedOrigins: readonly string[]): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, allowedOrigins));
}
