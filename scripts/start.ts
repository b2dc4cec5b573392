/**
 * `npm start [-- --demo]`: runs the desktop app. Where the Electron binary is not installed
 * (it cannot be downloaded on some machines), says so in one line and serves the same app
 * through the harness on 127.0.0.1 instead.
 */
import { spawn } from 'node:child_process';
import { runHarness } from '../harness/main';
import { downloadElectronBinary, installedElectronBinary } from './electron-binary';

const args = process.argv.slice(2);
let binary = installedElectronBinary();
if (!binary && !process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) {
  console.log('Fetching the Electron binary (first run only)...');
  binary = downloadElectronBinary();
}
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
