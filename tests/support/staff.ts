/** Staff for access tests: someone other than the default admin, in a given role. */
import type { Writer } from '../../db/access/operations';
import type { StaffRole } from '../../db/contract/vocabulary';
import type { ReadableDatabase } from '../../db/platform/database';
import { perform } from './core';

/** A new staff member with `role`, created by `admin` through the staff channel. */
export function staffWithRole(db: ReadableDatabase, admin: Writer, role: StaffRole): Writer {
  const member = perform(db, admin, 'staff.create', { displayName: `Test ${role}`, role });
  return { deviceId: admin.deviceId, staffId: member.id };
}
