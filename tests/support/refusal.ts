/** Refusals in core tests: the OutpostError an operation refuses with, checked for its code and field. */
import { expect } from 'vitest';
import { OutpostError } from '../../db/contract/errors';
import type { ReadableDatabase } from '../../db/platform/database';
import type { Database } from '../../db/platform/schema';

/** The OutpostError an operation refuses with; fails the test when it does not refuse. */
export function refusal(work: () => unknown): OutpostError {
  try {
    work();
  } catch (error) {
    if (error instanceof OutpostError) return error;
    throw error;
  }
  throw new Error('Expected the operation to be refused.');
}

/** Runs `work`, expects it to refuse with `code` (at `field` when given), and returns the error. */
export function expectRefused(work: () => unknown, code: string, field?: string): OutpostError {
  const error = refusal(work);
  expect(error.code, `expected a refusal with ${code}`).toBe(code);
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
  'presets',
  'participants',
  'participant_merges',
  'field_entries',
  'field_entry_revisions',
  'field_entry_voids',
  'receipts',
  'collections',
  'collection_revisions',
  'collection_voids',
  'transfers',
  'transfer_lines',
  'transfer_events',
  'transfer_event_lines',
  'adjustment_reasons',
  'adjustments',
  'adjustment_lines',
  'counts',
  'count_lines',
  'count_entries',
  'count_events',
  'count_reviews',
  'stock_movements',
  'stock_balances',
  'audit_log',
];

/** Row counts of every table a write may touch, plus the settings row and balances, to prove a refusal wrote nothing. */
export function databaseState(db: ReadableDatabase): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const table of watchedTables) {
    state[table] = (db.statement(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  state['settings'] = db.statement('SELECT * FROM program_settings').get();
  state['balances'] = db.statement('SELECT * FROM stock_balances ORDER BY site_key, item_key, lot_key').all();
  return state;
}

export function expectNothingChanged(db: ReadableDatabase, before: Record<string, unknown>): void {
  expect(databaseState(db)).toEqual(before);
}
