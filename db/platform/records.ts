/**
 * Small pieces every record-keeping domain uses: who writes, refusing with a code at a field,
 * unique names, what a partial update changes, and SQLite's 0/1 flags.
 */
import { errorMessages, OutpostError, type ErrorCode, type FieldIssue } from '../contract/errors';
import type { ReadableDatabase } from './database';
import type { Flag } from './schema';

/** Who writes a record: the device it is born on and the acting staff member (every record carries both). */
export interface Writer {
  deviceId: string;
  staffId: string;
  /**
   * The same two as the compact tables name them, when whoever built the writer had them at hand
   * (dispatch does, once per call): a save names its writer in every movement and audit row.
   */
  keys?: { deviceKey: number; staffKey: number };
}

export function refuse(code: ErrorCode, field?: string): never {
  throw new OutpostError(code, field === undefined ? {} : { field });
}

/** Throws one error naming every field at fault (a form marks each), or returns when there are none. */
export function refuseAll(problems: { code: ErrorCode; field: string }[]): void {
  const [first] = problems;
  if (!first) return;
  const issues: FieldIssue[] = problems.map((problem) => ({ ...problem, message: errorMessages[problem.code] }));
  throw new OutpostError(first.code, { field: first.field, issues });
}

/** Names are unique regardless of case, as the unique indexes on lower(name) enforce. */
export function nameTaken(
  db: ReadableDatabase,
  table: 'sites' | 'items' | 'service_types' | 'presets' | 'adjustment_reasons',
  name: string,
  exceptId: string | null,
): boolean {
  const row = db
    .statement(`SELECT 1 FROM ${table} WHERE lower(name) = lower(?) AND id IS NOT ? LIMIT 1`)
    .get(name, exceptId);
  return row !== undefined;
}

/** The keys of `changes` whose value differs from `current`. */
export function changedKeys<T extends object>(current: T, changes: { [K in keyof T]?: T[K] | undefined }): (keyof T)[] {
  return (Object.keys(changes) as (keyof T)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== current[key],
  );
}

/** The fields a partial update gives (absent and undefined both mean "leave as is"). */
export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export function flag(value: boolean): Flag {
  return value ? 1 : 0;
}
