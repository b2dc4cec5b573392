/**
 * Who writes: the device a record is born on and the acting staff member, checked before every
 * write. Roles are enforced here once; sign-in (a later issue) only changes who the actor is.
 */
import type { OutpostDatabase } from '../platform/database';
import { OutpostError } from '../contract/errors';
import type { StaffRole, StaffRow } from '../platform/schema';

export interface Writer {
  deviceId: string;
  staffId: string;
}

/** Roles allowed to log field work (encounters, tallies, participants). */
export const fieldRoles: readonly StaffRole[] = ['admin', 'coordinator', 'outreach_worker'];
/** Roles allowed to run the stock room and the catalog. */
export const stockRoles: readonly StaffRole[] = ['admin', 'coordinator'];
/** Roles allowed to change program settings, staff and merges of participants. */
export const adminRoles: readonly StaffRole[] = ['admin'];

export function requireActiveStaff(db: OutpostDatabase, staffId: string): StaffRow {
  const staff = db.first(db.query.selectFrom('staff').selectAll().where('id', '=', staffId));
  if (!staff) throw new OutpostError('staff_not_found');
  if (staff.active !== 1) throw new OutpostError('staff_inactive');
  return staff;
}

/** The acting staff member, who must be active and hold one of `roles`. */
export function requireRole(db: OutpostDatabase, writer: Writer, roles: readonly StaffRole[]): StaffRow {
  const staff = requireActiveStaff(db, writer.staffId);
  if (!roles.includes(staff.role)) throw new OutpostError('not_permitted');
  return staff;
}
