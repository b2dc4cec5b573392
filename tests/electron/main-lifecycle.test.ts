/**
 * The main process's wiring, with Electron and the core worker stood in for (the Electron binary
 * cannot run here; the real core is tested under Node elsewhere).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../db/contract';
import { createFakeElectron, FakeBrowserWindow } from './electron-mock';

const state = vi.hoisted(() => ({
  electron: undefined as unknown as ReturnType<typeof createFakeElectron>,
  coreClosed: 0,
  coreOptions: [] as unknown[],
  /** What the core's opening resolves to (or rejects with); each test may hold it back. */
  opening: Promise.resolve({}) as Promise<unknown>,
  opened: undefined as unknown,
}));

// Getters, so each test's fresh fake is used even though the mocked module itself is cached.
vi.mock('electron', () => {
  const names = ['app', 'BrowserWindow', 'ipcMain', 'protocol', 'session', 'dialog'] as const;
  return Object.defineProperties(
    {},
    Object.fromEntries(names.map((name) => [name, { enumerable: true, get: () => state.electron[name] }])),
  );
});
vi.mock('../../db/runtime/core-client', () => ({
  openInBackground: vi.fn((_entry: unknown, options: unknown) => {
    state.coreOptions.push(options);
    const core = {
      info: { databasePath: '/tmp/outpost.sqlite', deviceId: 'device', defaultStaffId: 'staff', demo: false },
      // The gateway asks who is acting before a host channel: the default admin.
      call: vi.fn(async (channel: string) =>
        channel === 'session.current'
          ? { ok: true, data: { staffId: 'staff', displayName: 'Default staff member', role: 'admin' } }
          : { ok: false, error: { code: 'core_unavailable', message: 'Not in this test.' } },
      ),
      close: vi.fn(async () => {
        state.coreClosed += 1;
      }),
    };
    state.opened = core;
    let open: typeof core | null = null;
    void state.opening.then(
      () => (open = core),
      () => undefined,
    );
    return { connection: state.opening, call: core.call, current: () => open, opened: () => core };
  }),
}));

async function startMain(options: { singleInstance?: boolean; opening?: Promise<unknown> } = {}) {
  vi.resetModules();
  // Resolves to the core the mock made, unless the test holds opening back.
  state.opening = options.opening ?? new Promise((resolve) => setImmediate(() => resolve(state.opened)));
  state.electron = createFakeElectron();
  state.electron.app.requestSingleInstanceLock.mockReturnValue(options.singleInstance ?? true);
  state.coreClosed = 0;
  state.coreOptions = [];
  FakeBrowserWindow.created = [];
  await import('../../electron/main/index');
  await vi.waitFor(() => {
    if (options.singleInstance !== false) expect(FakeBrowserWindow.created).toHaveLength(1);
  });
  // Then the core opens, unless the test holds it back.
  if (!options.opening) {
    await state.opening;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return state.electron;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('main process lifecycle', () => {
  it('registers the app:// scheme as secure before the app is ready', async () => {
    const electron = await startMain();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens the database in the user-data folder and registers every contract channel', async () => {
    const electron = await startMain();
    expect(state.coreOptions).toEqual([expect.objectContaining({ databasePath: '/tmp/outpost.sqlite', demo: false })]);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('opens the window before the database is open, so it can show how far opening is', async () => {
    const electron = await startMain({ opening: new Promise(() => {}) });
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(electron.ipcMain.handlers.has('system.opening')).toBe(true);
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('says why and exits when the database cannot be opened', async () => {
    const electron = await startMain({ opening: Promise.reject(new Error('file is not a database')) });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Outpost cannot open its database',
      expect.stringContaining('file is not a database'),
    );
  });

  it('opens one window on the app page and denies permissions', async () => {
    const electron = await startMain();
    expect(FakeBrowserWindow.created[0]!.loadURL).toHaveBeenCalledWith('app://outpost/index.html');
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.app.listeners.get('web-contents-created')).toHaveLength(1);
  });

  it('closes the database before quitting', async () => {
    const electron = await startMain();
    const quitting = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(state.coreClosed).toBe(1);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('switches to the demo database by restarting on it, and back', async () => {
    const electron = await startMain();
    const event = { senderFrame: { url: 'app://outpost/index.html', parent: null } };
    const answer = await electron.ipcMain.handlers.get('system.switchDataSet')!(event, { demo: true });
    expect(answer).toEqual({ ok: true, data: { demo: true, databasePath: '/tmp/outpost-demo.sqlite' } });
    expect(electron.app.relaunch).toHaveBeenCalledWith({ args: expect.arrayContaining(['--demo']) });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    // Already on the program's data: nothing to restart.
    electron.app.relaunch.mockClear();
    expect(await electron.ipcMain.handlers.get('system.switchDataSet')!(event, { demo: false })).toMatchObject({
      ok: true,
      data: { demo: false },
    });
    expect(electron.app.relaunch).not.toHaveBeenCalled();
  });

  it('quits at once when another instance is already running', async () => {
    const electron = await startMain({ singleInstance: false });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });
});
