/**
 * Opens a real core on a fresh temporary SQLite file, the way the worker does, and calls its
 * channels through dispatch (validation, access, transaction, audit), as every host does.
 */
import { afterEach } from 'vitest';
import type { Writer } from '../../db/access/operations';
import type { CallChannelName, ChannelInput, ChannelOutput } from '../../db/contract';
import type { Actor } from '../../db/contract/envelope';
import type { ReadableDatabase } from '../../db/platform/database';
import type { Database, ProgramSettingsTable } from '../../db/platform/schema';
import { openCore, type Core, type CoreOptions } from '../../db/runtime/core';
import type { HostHandlers } from '../../db/runtime/gateway';
import type { SetupInput } from '../../db/contract/system';
import { removeTempDirs, tempDatabasePath } from './temp-files';
import { testSetup } from './test-setup';

const opened: Core[] = [];
/** Each test database's core, so a test holding only the database can call channels on it. */
const coreOf = new WeakMap<ReadableDatabase, Core>();

afterEach(() => {
  for (const core of opened.splice(0)) core.close();
  removeTempDirs();
});

/**
 * A core on a fresh file, set up with `setup` (testSetup unless given; null leaves it as a new
 * install finds it, for the tests of setup itself).
 */
export async function openTestCore(options: Partial<CoreOptions> & { setup?: SetupInput | null } = {}): Promise<Core> {
  const { setup = testSetup, ...coreOptions } = options;
  const core = await openCore({ databasePath: tempDatabasePath(), appVersion: 'test', ...coreOptions });
  opened.push(core);
  coreOf.set(core.context.db, core);
  const needed = core.perform('system.setupStatus', {}, { staffId: core.info.defaultStaffId }).needed;
  if (setup !== null && needed) core.perform('system.setup', setup, { staffId: core.info.defaultStaffId });
  return core;
}

function core(db: ReadableDatabase): Core {
  const found = coreOf.get(db);
  if (!found) throw new Error('This database was not opened with openTestCore.');
  return found;
}

/** Calls `channel` as `actor` through the core's dispatch: the result, or the OutpostError that refused it. */
export function perform<C extends CallChannelName>(
  db: ReadableDatabase,
  actor: Actor,
  channel: C,
  input: ChannelInput<C>,
): ChannelOutput<C> {
  return core(db).perform(channel, input, actor);
}

/** Reads `channel` as the database's default admin. */
export function read<C extends CallChannelName>(
  db: ReadableDatabase,
  channel: C,
  input: ChannelInput<C>,
): ChannelOutput<C> {
  return perform(db, { staffId: core(db).info.defaultStaffId }, channel, input);
}

/** Test set-up only: product code changes settings through the settings channel, audited. */
export function setProgramSettings(core: Core, patch: Partial<Omit<ProgramSettingsTable, 'id'>>): void {
  const columns = Object.keys(patch);
  core.context.db
    .statement(`UPDATE program_settings SET ${columns.map((column) => `${column} = ?`).join(', ')}`)
    .run(...columns.map((column) => patch[column as keyof typeof patch]));
}

/**
 * Everything a test needs to log field work: the core, its writer, a site and the catalog, with
 * a fixed time zone and a stock start date in the past so dates in tests are predictable, and
 * free codes so tests name participants by short made-up codes (AB12); tests of the formulas set one.
 */
export async function openFieldCore(options: Partial<CoreOptions> = {}) {
  const core = await openTestCore(options);
  setProgramSettings(core, {
    time_zone: 'America/Los_Angeles',
    stock_start_date: '2025-01-01',
    participant_code_formula: 'free',
  });
  const { db } = core.context;
  const writer: Writer = { deviceId: core.info.deviceId, staffId: core.info.defaultStaffId };
  const actor: Actor = { staffId: core.info.defaultStaffId };
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
  const row = core.context.db.statement(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return row.n;
}

/** A host whose file dialogs are all closed without a choice: for tests that have no dialog. */
export const noFileChosen: Pick<HostHandlers, 'files.chooseOpen' | 'files.chooseSave' | 'files.chooseFolder'> = {
  'files.chooseOpen': async () => ({ ok: true, data: null }),
  'files.chooseSave': async () => ({ ok: true, data: null }),
  'files.chooseFolder': async () => ({ ok: true, data: null }),
};

/** A new database file, set up with testSetup, for tests that open it through a worker or the harness. */
export async function setUpDatabasePath(name?: string): Promise<string> {
  const path = tempDatabasePath(name);
  const core = await openCore({ databasePath: path, appVersion: 'test' });
  try {
    core.perform('system.setup', testSetup, { staffId: core.info.defaultStaffId });
  } finally {
    core.close();
  }
  return path;
}
