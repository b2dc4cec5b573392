/**
 * Where the harness keeps its database when none is given: the same folder Electron uses as the
 * app's user-data folder, so `npm start` opens the same embedded database with or without Electron.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkerEntry } from '../db/runtime/core-client';

export const productName = 'Outpost';

export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), productName);
}

const repositoryRoot = resolve(__dirname, '..');

/** The renderer as built by `electron-vite build`. */
export function builtRendererDir(): string {
  return join(repositoryRoot, 'out', 'renderer');
}

/** The core worker exactly as Electron's main process starts it (built by `electron-vite build`). */
export function builtWorkerEntry(): WorkerEntry {
  return { path: join(repositoryRoot, 'out', 'main', 'worker.js') };
}
