import type { Actor } from './contract/envelope';
import type { Session } from './contract/system';
import type { OutpostDatabase } from './database';
import { OutpostError } from './errors';
import type { StaffRow } from './schema';

/** The acting staff member, who must exist and be active to write anything. */
export function requireActiveStaff(db: OutpostDatabase, actor: Actor): StaffRow {
  const staff = db.first(db.query.selectFrom('staff').selectAll().where('id', '=', actor.staffId));
  if (!staff) throw new OutpostError('staff_not_found');
  if (staff.active !== 1) throw new OutpostError('staff_inactive');
  return staff;
}

export function currentSession(db: OutpostDatabase, actor: Actor): Session {
  const staff = requireActiveStaff(db, actor);
  return { staffId: staff.id, displayName: staff.display_name, role: staff.role };
}
