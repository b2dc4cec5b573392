/**
 * `npm run harness [-- --db FILE] [--port N] [--demo]`: serve Outpost on 127.0.0.1 for a browser.
 * The database path may also come from OUTPOST_DB.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFileName } from '../electron/main/paths';
import { builtRendererDir, builtWorkerEntry, defaultUserDataDir } from './default-paths';
import { startHarness } from './server';

export async function runHarness(argv: string[], notice?: string): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '4780' },
      demo: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const demo = values.demo ?? false;
  const databasePath = resolve(
    values.db ?? process.env['OUTPOST_DB'] ?? join(defaultUserDataDir(), databaseFileName(demo)),
  );
  mkdirSync(dirname(databasePath), { recursive: true });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}".`);

  const harness = await startHarness({
    databasePath,
    rendererDir: builtRendererDir(),
    worker: builtWorkerEntry(),
    port,
    demo,
    appVersion: process.env['npm_package_version'] ?? 'dev',
    // The page shows how far opening is: converting an older file takes minutes on years of data.
    serveWhileOpening: true,
  });
  if (notice) console.log(notice);
  console.log(
    `Outpost is running at ${harness.url} (database: ${databasePath}${demo ? ', demo data' : ''}). Press Ctrl+C to stop.`,
  );
  const stop = (): void => {
    void harness.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  runHarness(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
