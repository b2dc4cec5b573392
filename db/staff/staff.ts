/**
 * Staff members and their roles. Admins manage them; the last active admin can be neither
 * deactivated nor demoted, so the program can always be administered.
 */
import { written, type Operations, type WriteScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import type { StaffMember, staffChannels } from '../contract/staff';
import type { ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { changedKeys, definedOnly, flag, refuse } from '../platform/records';
import type { StaffRow } from '../platform/schema';

/** A new row has no key until it is inserted; the contract's shape never shows it. */
export function toStaffMember(row: Omit<StaffRow, 'key'>): StaffMember {
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

function listStaff(db: ReadableDatabase, input: ParsedInput<'staff.list'>): StaffMember[] {
  let query = db.query.selectFrom('staff').selectAll().orderBy('display_name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map(toStaffMember);
}

function createStaff({ db, writer }: WriteScope, input: ParsedInput<'staff.create'>) {
  const now = db.nowIso();
  const row: Omit<StaffRow, 'key'> = {
    id: newId(),
    display_name: input.displayName,
    role: input.role,
    active: flag(input.active),
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('staff', row);
  const member = toStaffMember(row);
  return written(member, { entity: 'staff', id: row.id, after: member });
}

function otherActiveAdmins(db: ReadableDatabase, staffId: string): number {
  const row = db.first(
    db.query
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('admins'))
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .where('id', '!=', staffId),
  );
  return row?.admins ?? 0;
}

function updateStaff({ db }: WriteScope, { id, ...changes }: ParsedInput<'staff.update'>) {
  const row = db.first(db.query.selectFrom('staff').selectAll().where('id', '=', id));
  if (!row) return refuse('staff_member_not_found', 'id');
  const before = toStaffMember(row);
  if (changedKeys(before, changes).length === 0) return written(before);
  const after: StaffMember = { ...before, ...definedOnly(changes) };
  const losesAdmin = before.active && before.role === 'admin' && !(after.active && after.role === 'admin');
  if (losesAdmin && otherActiveAdmins(db, id) === 0) refuse('last_admin', after.active ? 'role' : 'active');
  db.run(
    db.query
      .updateTable('staff')
      .set({ display_name: after.displayName, role: after.role, active: flag(after.active), updated_at: db.nowIso() })
      .where('id', '=', id),
  );
  return written(after, { entity: 'staff', id, before, after });
}

export const staffOperations: Operations<keyof typeof staffChannels> = {
  'staff.list': ({ db }, input) => listStaff(db, input),
  'staff.create': createStaff,
  'staff.update': updateStaff,
};
