/**
 * Finding the Electron binary without side effects. Since Electron 45 the package downloads its
 * binary the first time it is required; where downloads are impossible that fails, so callers
 * first look for an installed binary and only then, if they choose, try the download.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function electronPackageDir(): string | null {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The installed binary's path, or null; never downloads. */
export function installedElectronBinary(): string | null {
  const packageDir = electronPackageDir();
  if (!packageDir) return null;
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

/** Tries the package's own first-run download, quietly; returns the binary or null. */
export function downloadElectronBinary(): string | null {
  if (process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) return null;
  const result = spawnSync(process.execPath, ['-e', "require('electron')"], { stdio: 'pipe', timeout: 10 * 60_000 });
  return result.status === 0 ? installedElectronBinary() : null;
}
