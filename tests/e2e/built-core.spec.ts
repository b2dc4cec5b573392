/**
 * The core worker exactly as Electron's main process ships it (out/main/worker.js), started under
 * plain Node: proves the bundle that the desktop app runs opens, migrates, sets a program up and
 * writes a database.
 */
import { SqliteDriver as BetterSqlite3 } from '../../db/platform/sqlite-driver';
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../db/runtime/core-client';
import { builtWorkerEntry } from '../../harness/default-paths';
import { testSetup } from '../support/test-setup';

test('the built core worker opens, migrates and writes a database file', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'outpost-built-core-'));
  const databasePath = join(folder, 'outpost.sqlite');
  try {
    const core = await startCore(builtWorkerEntry(), { databasePath, appVersion: 'built' });
    const actor = { staffId: core.info.defaultStaffId };
    const setUp = await core.call('system.setup', testSetup, actor);
    if (!setUp.ok) throw new Error(`The built core could not set the program up: ${setUp.error.code}`);
    const sites = await core.call('sites.list', {}, actor);
    const items = await core.call('items.list', {}, actor);
    if (!sites.ok || !items.ok) throw new Error('The built core could not list sites and items.');
    const logged = await core.call(
      'encounters.log',
      {
        siteId: (sites.data as { id: string }[])[0]!.id,
        occurredAt: new Date().toISOString(),
        lines: [{ itemId: (items.data as { id: string }[])[0]!.id, quantity: 3 }],
      },
      actor,
    );
    expect(logged.ok).toBe(true);
    await core.close();

    const file = new BetterSqlite3(databasePath, { readonly: true });
    expect(file.prepare('SELECT sum(units) AS units FROM field_entry_lines').get()).toEqual({ units: 3 });
    expect(file.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    file.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
