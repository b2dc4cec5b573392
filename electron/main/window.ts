/** The one window, locked down: the page gets the preload's contract object and nothing else. */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { join } from 'node:path';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Outpost',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export function createMainWindow(options: { preloadDir: string; url: string }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(options.preloadDir, 'index.js')));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
