import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createFakeElectron());

const { createMainWindow, mainWindowOptions } = await import('../../electron/main/window');

beforeEach(() => {
  FakeBrowserWindow.created = [];
});

describe('the main window', () => {
  it('is locked down: isolated, sandboxed, no Node, web security on', () => {
    const preferences = mainWindowOptions('/app/preload/index.js').webPreferences!;
    expect(preferences).toMatchObject({
      preload: '/app/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app through its own protocol with the bundled preload, and shows when ready', () => {
    const window = createMainWindow({
      preloadDir: '/app/out/preload',
      url: 'app://outpost/index.html',
    }) as unknown as FakeBrowserWindow;
    expect((window.options['webPreferences'] as Record<string, unknown>)['preload']).toBe('/app/out/preload/index.js');
    expect(window.loadURL).toHaveBeenCalledWith('app://outpost/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('fits a 1280x720 screen', () => {
    const options = mainWindowOptions('/p.js');
    expect(options.minWidth).toBeLessThanOrEqual(1280);
    expect(options.minHeight).toBeLessThanOrEqual(720);
  });
});
