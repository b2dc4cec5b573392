import { describe, expect, it, vi } from 'vitest';
import { createFakeSession, FakeEmitter, FakeWebContents } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createFakeElectron());

const { applyAppSecurity, denyAllPermissions, isAppUrl, lockDownContents } =
  await import('../../electron/main/security');

const allowed = ['app://outpost'];

function navigationPrevented(contents: FakeWebContents, event: string, url: string): boolean {
  const navigation = { preventDefault: vi.fn() };
  contents.emit(event, navigation, url);
  return navigation.preventDefault.mock.calls.length > 0;
}

describe('web contents security', () => {
  it('denies navigation and redirects away from the app', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as never, allowed);
    expect(navigationPrevented(contents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(navigationPrevented(contents, 'will-navigate', 'file:///home/')).toBe(true);
    expect(navigationPrevented(contents, 'will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(navigationPrevented(contents, 'will-navigate', 'app://outpost/index.html')).toBe(false);
  });

  it('denies every new window and webview', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as never, allowed);
    expect(contents.windowOpenHandler?.({ url: 'app://outpost/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(navigationPrevented(contents, 'will-attach-webview', 'app://outpost/')).toBe(true);
  });

  it('applies the same lock-down to every web contents the app ever creates', () => {
    const app = new FakeEmitter();
    applyAppSecurity(app as never, allowed);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(navigationPrevented(contents, 'will-navigate', 'https://example.com/')).toBe(true);
  });

  it('refuses every permission request and check', () => {
    const session = createFakeSession();
    denyAllPermissions(session as never);
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    const answer = vi.fn();
    requestHandler({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean;
    expect(checkHandler()).toBe(false);
  });

  it('recognises only the allowed origins', () => {
    expect(isAppUrl('app://outpost/x', allowed)).toBe(true);
    expect(isAppUrl('app://elsewhere/x', allowed)).toBe(false);
    expect(isAppUrl('not a url', allowed)).toBe(false);
  });
});
