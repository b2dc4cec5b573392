import { describe, expect, it } from 'vitest';
import { createStaff, listStaff, updateStaff } from '../../../db/staff/staff';
import { openFieldCore } from '../../support/core';
import {
  auditRows,
  callError,
  callOk,
  databaseState,
  expectNothingChanged,
  expectRefused,
  staffWithRole,
} from '../../support/catalog';

const missing = '01900000-0000-7000-8000-000000000000';

describe('staff', () => {
  it('are created by an admin, listed by name, and audited', async () => {
    const { db, writer } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const robin = createStaff(db, writer, { displayName: '  Robin K. ', role: 'outreach_worker' });
    expect(robin).toMatchObject({
      displayName: 'Robin K.',
      role: 'outreach_worker',
      active: true,
      createdAt: '2026-11-22T20:00:00.000Z',
    });
    const alex = createStaff(db, writer, { displayName: 'Alex R.', role: 'coordinator' });
    expect(listStaff(db).map((member) => member.displayName)).toEqual(['Alex R.', 'Default staff member', 'Robin K.']);
    expect(auditRows(db, 'staff.create').map((row) => JSON.parse(row.after_json!))).toEqual([robin, alex]);
  });

  it('are renamed, given another role, deactivated and reactivated; each change audited', async () => {
    const { db, writer } = await openFieldCore();
    const sam = createStaff(db, writer, { displayName: 'Sam T.', role: 'viewer' });
    const promoted = updateStaff(db, writer, { id: sam.id, displayName: 'Sam Taylor', role: 'coordinator' });
    expect(promoted).toEqual({ ...sam, displayName: 'Sam Taylor', role: 'coordinator' });
    updateStaff(db, writer, { id: sam.id, active: false });
    expect(listStaff(db).map((member) => member.id)).not.toContain(sam.id);
    expect(listStaff(db, { includeInactive: true }).find((member) => member.id === sam.id)?.active).toBe(false);
    updateStaff(db, writer, { id: sam.id, active: true });
    const updates = auditRows(db, 'staff.update');
    expect(updates).toHaveLength(3);
    expect(JSON.parse(updates[0]!.before_json!)).toEqual(sam);
    expect(JSON.parse(updates[0]!.after_json!)).toEqual(promoted);
  });

  it('a deactivated staff member can no longer write', async () => {
    const { db, writer } = await openFieldCore();
    const coordinator = staffWithRole(db, writer, 'coordinator');
    updateStaff(db, writer, { id: coordinator.staffId, active: false });
    expectRefused(() => createStaff(db, coordinator, { displayName: 'X', role: 'viewer' }), 'staff_inactive');
  });

  it('always keep one active admin', async () => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    expectRefused(() => updateStaff(db, writer, { id: writer.staffId, active: false }), 'last_admin', 'active');
    expectRefused(() => updateStaff(db, writer, { id: writer.staffId, role: 'coordinator' }), 'last_admin', 'role');
    expectNothingChanged(db, state);

    // An inactive admin does not count.
    const dormant = createStaff(db, writer, { displayName: 'Former director', role: 'admin', active: false });
    expectRefused(() => updateStaff(db, writer, { id: writer.staffId, role: 'viewer' }), 'last_admin', 'role');

    updateStaff(db, writer, { id: dormant.id, active: true });
    expect(updateStaff(db, writer, { id: writer.staffId, role: 'coordinator' }).role).toBe('coordinator');
    const director = { deviceId: writer.deviceId, staffId: dormant.id };
    expectRefused(() => updateStaff(db, director, { id: dormant.id, active: false }), 'last_admin', 'active');
  });

  it.each([
    [{ displayName: ' ', role: 'viewer' }, 'name_required', 'displayName'],
    [{ displayName: 'x'.repeat(81), role: 'viewer' }, 'name_too_long', 'displayName'],
    [{ displayName: 'Kim', role: 'supervisor' }, 'invalid_value', 'role'],
    [{ displayName: 'Kim' }, 'invalid_value', 'role'],
    [{ displayName: 'Kim', role: 'viewer', email: 'kim@example.org' }, 'unknown_field', undefined],
  ])('refuse to create %j and change nothing', async (input, code, field) => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    expectRefused(() => createStaff(db, writer, input as never), code, field);
    expectNothingChanged(db, state);
  });

  it('refuse to update someone unknown', async () => {
    const { db, writer } = await openFieldCore();
    expectRefused(() => updateStaff(db, writer, { id: missing, displayName: 'Kim' }), 'staff_member_not_found', 'id');
    expectRefused(() => updateStaff(db, writer, { id: 'nobody', displayName: 'Kim' }), 'staff_member_not_found', 'id');
  });

  it('are managed by admins only', async () => {
    const { db, writer } = await openFieldCore();
    for (const role of ['coordinator', 'outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(() => createStaff(db, other, { displayName: 'Kim', role: 'admin' }), 'not_permitted');
      expectRefused(() => updateStaff(db, other, { id: other.staffId, role: 'admin' }), 'not_permitted');
      expectNothingChanged(db, state);
    }
  });

  it('answer through their channels', async () => {
    const { core, actor } = await openFieldCore();
    const kim = callOk(core, 'staff.create', { displayName: 'Kim', role: 'outreach_worker' }, actor);
    expect(callOk(core, 'staff.update', { id: kim.id, role: 'coordinator' }, actor).role).toBe('coordinator');
    expect(callOk(core, 'staff.list', {}, actor).map((member) => member.displayName)).toEqual([
      'Default staff member',
      'Kim',
    ]);
    expect(callError(core, 'staff.update', { id: actor.staffId, active: false }, actor)).toMatchObject({
      code: 'last_admin',
      field: 'active',
    });
  });
});
