/** Opens a real core on a fresh temporary SQLite file, the way the worker does. */
import { afterEach } from 'vitest';
import { openCore, type Core, type CoreOptions } from '../../db/runtime/core';
import type { Database, ProgramSettingsTable } from '../../db/platform/schema';
import { removeTempDirs, tempDatabasePath } from './temp-files';

const opened: Core[] = [];

afterEach(() => {
  for (const core of opened.splice(0)) core.close();
  removeTempDirs();
});

export async function openTestCore(options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await openCore({ databasePath: tempDatabasePath(), appVersion: 'test', ...options });
  opened.push(core);
  return core;
}

/** Test set-up only: product code changes settings through the settings module, audited. */
export function setProgramSettings(core: Core, patch: Partial<Omit<ProgramSettingsTable, 'id'>>): void {
  const columns = Object.keys(patch);
  core.context.db.sqlite
    .prepare(`UPDATE program_settings SET ${columns.map((column) => `${column} = ?`).join(', ')}`)
    .run(...columns.map((column) => patch[column as keyof typeof patch]));
}

/**
 * Everything a test needs to log field work: the core, its writer, a site and the catalog, with
 * a fixed time zone and a stock start date in the past so dates in tests are predictable.
 */
export async function openFieldCore(options: Partial<CoreOptions> = {}) {
  const core = await openTestCore(options);
  setProgramSettings(core, { time_zone: 'America/Los_Angeles', stock_start_date: '2025-01-01' });
  const { db, identity } = core.context;
  const writer = { deviceId: identity.deviceId, staffId: identity.defaultStaffId };
  const actor = { staffId: identity.defaultStaffId };
  const site = db.first(db.query.selectFrom('sites').selectAll().limit(1))!;
  const items = db.all(db.query.selectFrom('items').selectAll().orderBy('name'));
  const item = (name: string) => {
    const found = items.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`No item named ${name} in the default catalog.`);
    return found;
  };
  return { core, db, writer, actor, site, items, item };
}

export function countRows(core: Core, table: keyof Database): number {
  const row = core.context.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return row.n;
}
