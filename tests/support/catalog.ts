/** Helpers for the catalog, settings, staff and stock tests: refusals, "nothing changed", other roles, contract calls. */
import { expect } from 'vitest';
import {
  contract,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type ContractError,
} from '../../db/contract';
import type { Actor } from '../../db/contract/envelope';
import { toContractError } from '../../db/runtime/gateway';
import { validationError } from '../../db/contract/validation';
import type { Core } from '../../db/runtime/core';
import type { OutpostDatabase } from '../../db/platform/database';
import { OutpostError } from '../../db/contract/errors';
import type { Database, StaffRole } from '../../db/platform/schema';
import { createStaff } from '../../db/staff/staff';
import type { Writer } from '../../db/access/roles';

/** Runs `work`, expects it to refuse with `code` (at `field` when given), and returns the error. */
export function expectRefused(work: () => unknown, code: string, field?: string): OutpostError {
  let caught: unknown;
  try {
    work();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a refusal with ${code}`).toBeInstanceOf(OutpostError);
  const error = caught as OutpostError;
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}

const watchedTables: (keyof Database)[] = [
  'staff',
  'program_settings',
  'sites',
  'items',
  'kit_versions',
  'kit_components',
  'lots',
  'service_types',
  'receipts',
  'stock_movements',
  'stock_balances',
  'audit_log',
];

/** Row counts of every table these modules write, plus the settings row and balances, to prove a refusal wrote nothing. */
export function databaseState(db: OutpostDatabase): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const table of watchedTables) {
    state[table] = (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  state['settings'] = db.sqlite.prepare('SELECT * FROM program_settings').get();
  state['balances'] = db.sqlite.prepare('SELECT * FROM stock_balances ORDER BY site_id, item_id, lot_key').all();
  return state;
}

export function expectNothingChanged(db: OutpostDatabase, before: Record<string, unknown>): void {
  expect(databaseState(db)).toEqual(before);
}

export function auditRows(db: OutpostDatabase, action: string) {
  return db.all(db.query.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq'));
}

/** A new staff member with `role`, created by `admin` through the staff module. */
export function staffWithRole(db: OutpostDatabase, admin: Writer, role: StaffRole): Writer {
  const member = createStaff(db, admin, { displayName: `Test ${role}`, role });
  return { deviceId: admin.deviceId, staffId: member.id };
}

/** Calls a channel through the core as a host does, and checks the answer against the declared output. */
export function callOk<C extends ChannelName>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
  actor: Actor,
): ChannelOutput<C> {
  const parsed = contract[channel].input.parse(input);
  const envelope = core.dispatch(channel, parsed, actor);
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
  return contract[channel].output.parse(envelope.data) as ChannelOutput<C>;
}

/** The error a channel answers with, whether the gateway's validation or the core refuses. */
export function callError<C extends ChannelName>(core: Core, channel: C, input: unknown, actor: Actor): ContractError {
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) return toContractError(validationError(parsed.error));
  const envelope = core.dispatch(channel, parsed.data, actor);
  if (envelope.ok) throw new Error(`${channel} was expected to fail`);
  return envelope.error;
}
