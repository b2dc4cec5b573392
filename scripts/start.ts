/**
 * `npm start [-- --demo]`: runs the desktop app. Where the Electron binary is not installed
 * (it cannot be downloaded on some machines), says so in one line and serves the same app
 * through the harness on 127.0.0.1 instead.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runHarness } from '../harness/main';

function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, and throws when the binary is missing;
    // a static import would crash this script before it could fall back.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
const binary = electronBinary();
if (binary) {
  const child = spawn(binary, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  void runHarness(
    args,
    'The Electron binary is not installed on this machine, so Outpost runs in your browser instead (same app, same database).',
  ).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
