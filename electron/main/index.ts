/**
 * Electron's main process: lifecycle and wiring only. The database lives in the core worker;
 * the page talks to it through the contract registered in ./ipc.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { createGateway } from '../../db/runtime/gateway';
import { openInBackground, type OpeningCore } from '../../db/runtime/core-client';
import { appEntryUrl, appOrigin, appScheme, createAppProtocolHandler } from './app-protocol';
import { registerContract, unregisterContract } from './ipc';
import { applyAppSecurity, denyAllPermissions } from './security';
import { createMainWindow } from './window';
import { fileDialogs } from './files';
import { databaseFileName } from './paths';

// Must happen before `ready`: gives app:// a real, secure origin with fetch support.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const demo = process.argv.includes('--demo');
// Lets end-to-end tests (and anyone trying things out) run on a throwaway data folder.
const userDataOverride = process.env['OUTPOST_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const allowedOrigins = devServerUrl ? [appOrigin, new URL(devServerUrl).origin] : [appOrigin];

let opening: OpeningCore | undefined;

async function start(): Promise<void> {
  applyAppSecurity(app, allowedOrigins);
  denyAllPermissions(session.defaultSession);
  protocol.handle(appScheme, createAppProtocolHandler(join(__dirname, '../renderer')));

  const databasePath = join(app.getPath('userData'), databaseFileName(demo));
  // The window opens at once and shows how far opening is: converting an older file takes minutes.
  // Until the core is open only `system.opening` is answered, so nothing below needs it sooner.
  opening = openInBackground(
    { path: join(__dirname, 'worker.js') },
    { databasePath, appVersion: app.getVersion(), demo },
  );
  const gateway = createGateway(opening, {
    ...fileDialogs(
      dialog,
      { grantFile: (...file) => opening!.opened().grantFile(...file) },
      () => BrowserWindow.getFocusedWindow() ?? undefined,
    ),
    // The demo is a separate database: switching restarts the app on the other file.
    'system.switchDataSet': async (input) => {
      const target = join(app.getPath('userData'), databaseFileName(input.demo));
      if (input.demo !== demo) {
        const args = process.argv.slice(1).filter((arg) => arg !== '--demo');
        app.relaunch({ args: input.demo ? [...args, '--demo'] : args });
        setImmediate(() => app.quit());
      }
      return { ok: true, data: { demo: input.demo, databasePath: target } };
    },
  });
  // Nobody is known until the staff table is open; the default staff member acts until sign-in.
  registerContract(
    ipcMain,
    gateway,
    { actor: () => ({ staffId: opening?.current()?.info.defaultStaffId ?? '' }) },
    allowedOrigins,
  );
  createMainWindow({ preloadDir: join(__dirname, '../preload'), url: devServerUrl ?? appEntryUrl });
  try {
    await opening.connection;
  } catch (error) {
    dialog.showErrorBox('Outpost cannot open its database', `${databasePath}\n\n${(error as Error).message}`);
    app.exit(1);
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    // Close the database cleanly (WAL checkpoint) before the process goes away. Quitting while it
    // is still opening needs nothing: a conversion never rewrites the file it converts.
    const core = opening?.current();
    if (!core) return;
    if (closing) return;
    event.preventDefault();
    closing = true;
    unregisterContract(ipcMain);
    void core.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
