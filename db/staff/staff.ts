/**
 * Staff members and their roles. Admins manage them; the last active admin can be neither
 * deactivated nor demoted, so the program can always be administered.
 */
import { appendAudit } from '../audit/audit-log';
import { changedKeys, definedOnly, flag, refuse } from '../catalog/catalog';
import {
  createStaffInput,
  listStaffInput,
  updateStaffInput,
  type CreateStaffInput,
  type ListStaffInput,
  type StaffMember,
  type UpdateStaffInput,
} from '../contract/staff';
import { parseOrThrow } from '../contract/validation';
import type { OutpostDatabase } from '../platform/database';
import { writerOf, type HandlerMap } from '../runtime/operations';
import { newId } from '../platform/ids';
import type { StaffRow } from '../platform/schema';
import { adminRoles, requireRole, type Writer } from '../access/roles';

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

export function listStaff(db: OutpostDatabase, rawInput: ListStaffInput = {}): StaffMember[] {
  const input = parseOrThrow(listStaffInput, rawInput);
  let query = db.query.selectFrom('staff').selectAll().orderBy('display_name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map(toStaffMember);
}

export function createStaff(db: OutpostDatabase, writer: Writer, rawInput: CreateStaffInput): StaffMember {
  const input = parseOrThrow(createStaffInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, adminRoles);
    const now = db.nowIso();
    const row: StaffRow = {
      id: newId(),
      display_name: input.displayName,
      role: input.role,
      active: flag(input.active),
      origin_device_id: writer.deviceId,
      created_by: writer.staffId,
      created_at: now,
      updated_at: now,
    };
    db.run(db.query.insertInto('staff').values(row));
    const member = toStaffMember(row);
    appendAudit(db, writer, { action: 'staff.create', entityType: 'staff', entityId: row.id, after: member });
    return member;
  });
}

function otherActiveAdmins(db: OutpostDatabase, staffId: string): number {
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

export function updateStaff(db: OutpostDatabase, writer: Writer, rawInput: UpdateStaffInput): StaffMember {
  const { id, ...changes } = parseOrThrow(updateStaffInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, adminRoles);
    const row = db.first(db.query.selectFrom('staff').selectAll().where('id', '=', id));
    if (!row) return refuse('staff_member_not_found', 'id');
    const before = toStaffMember(row);
    if (changedKeys(before, changes).length === 0) return before;
    const after: StaffMember = { ...before, ...definedOnly(changes) };
    const losesAdmin = before.active && before.role === 'admin' && !(after.active && after.role === 'admin');
    if (losesAdmin && otherActiveAdmins(db, id) === 0) refuse('last_admin', after.active ? 'role' : 'active');
    db.run(
      db.query
        .updateTable('staff')
        .set({ display_name: after.displayName, role: after.role, active: flag(after.active), updated_at: db.nowIso() })
        .where('id', '=', id),
    );
    appendAudit(db, writer, { action: 'staff.update', entityType: 'staff', entityId: id, before, after });
    return after;
  });
}

export const staffHandlers: HandlerMap<'staff.list' | 'staff.create' | 'staff.update'> = {
  'staff.list': (context, input) => listStaff(context.db, input),
  'staff.create': (context, input, actor) => createStaff(context.db, writerOf(context, actor), input),
  'staff.update': (context, input, actor) => updateStaff(context.db, writerOf(context, actor), input),
};
