/** Opens a real core on a fresh temporary SQLite file, the way the worker does. */
import { afterEach } from 'vitest';
import { openCore, type Core, type CoreOptions } from '../../db/core';
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

/** Everything a test needs to log encounters: the core, its writer, a site and items. */
export async function openFieldCore(options: Partial<CoreOptions> = {}) {
  const core = await openTestCore(options);
  const { db, identity } = core.context;
  const writer = { deviceId: identity.deviceId, staffId: identity.defaultStaffId };
  const actor = { staffId: identity.defaultStaffId };
  const site = db.first(db.query.selectFrom('sites').selectAll().limit(1))!;
  const items = db.all(db.query.selectFrom('items').selectAll().orderBy('name'));
  return { core, db, writer, actor, site, items };
}

export function countRows(
  core: Core,
  table: 'encounters' | 'encounter_lines' | 'sites' | 'items' | 'staff' | 'device',
): number {
  const row = core.context.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return row.n;
}
