/**
 * The access check dispatch runs for every call: the acting staff member must exist and be active,
 * and their role must be allowed by the channel's rule in the contract, fully or (for limited
 * roles) for the record the input names.
 */
import { accessFor, recordRules, type AccessRule, type RecordRuleName } from '../contract/access';
import { OutpostError } from '../contract/errors';
import type { ReadableDatabase } from '../platform/database';
import type { StaffRow } from '../platform/schema';

export function requireActiveStaff(db: ReadableDatabase, staffId: string): StaffRow {
  // Fixed SQL through a cached statement: every call is authorized.
  const staff = db.statement('SELECT * FROM staff WHERE id = ?').get(staffId) as StaffRow | undefined;
  if (!staff) throw new OutpostError('staff_not_found');
  if (staff.active !== 1) throw new OutpostError('staff_inactive');
  return staff;
}

/** Whether a rule about a record holds for this staff member and input. */
export type RecordRuleCheck = (db: ReadableDatabase, staff: StaffRow, input: unknown) => boolean;
export type RecordRuleChecks = { [K in RecordRuleName]: RecordRuleCheck };

export function authorize(
  db: ReadableDatabase,
  rule: AccessRule,
  staffId: string,
  input: unknown,
  checks: RecordRuleChecks,
): StaffRow {
  const staff = requireActiveStaff(db, staffId);
  const access = accessFor(rule, staff.role);
  if (access === 'none') throw new OutpostError('not_permitted');
  if (access !== 'full' && !checks[access.rule](db, staff, input)) {
    throw new OutpostError(recordRules[access.rule].refusal);
  }
  return staff;
}
