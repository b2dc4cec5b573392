import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { callError, callOk } from '../../support/contract';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const missing = '01900000-0000-7000-8000-000000000000';

describe('staff', () => {
  it('are created by an admin, listed by name, and audited', async () => {
    const { db, writer } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const robin = perform(db, writer, 'staff.create', { displayName: '  Robin K. ', role: 'outreach_worker' });
    expect(robin).toMatchObject({
      displayName: 'Robin K.',
      role: 'outreach_worker',
      active: true,
      createdAt: '2026-11-22T20:00:00.000Z',
    });
    const alex = perform(db, writer, 'staff.create', { displayName: 'Alex R.', role: 'coordinator' });
    expect(read(db, 'staff.list', {}).map((member) => member.displayName)).toEqual([
      'Alex R.',
      'Default staff member',
      'Robin K.',
    ]);
    expect(auditRows(db, 'staff.create').map((row) => JSON.parse(row.after_json!))).toEqual([robin, alex]);
  });

  it('are renamed, given another role, deactivated and reactivated; each change audited', async () => {
    const { db, writer } = await openFieldCore();
    const sam = perform(db, writer, 'staff.create', { displayName: 'Sam T.', role: 'viewer' });
    const promoted = perform(db, writer, 'staff.update', {
      id: sam.id,
      displayName: 'Sam Taylor',
      role: 'coordinator',
    });
    expect(promoted).toEqual({ ...sam, displayName: 'Sam Taylor', role: 'coordinator' });
    perform(db, writer, 'staff.update', { id: sam.id, active: false });
    expect(read(db, 'staff.list', {}).map((member) => member.id)).not.toContain(sam.id);
    expect(read(db, 'staff.list', { includeInactive: true }).find((member) => member.id === sam.id)?.active).toBe(
      false,
    );
    perform(db, writer, 'staff.update', { id: sam.id, active: true });
    const updates = auditRows(db, 'staff.update');
    expect(updates).toHaveLength(3);
    expect(JSON.parse(updates[0]!.before_json!)).toEqual(sam);
    expect(JSON.parse(updates[0]!.after_json!)).toEqual(promoted);
  });

  it('a deactivated staff member can no longer write', async () => {
    const { db, writer } = await openFieldCore();
    const coordinator = staffWithRole(db, writer, 'coordinator');
    perform(db, writer, 'staff.update', { id: coordinator.staffId, active: false });
    expectRefused(
      () => perform(db, coordinator, 'staff.create', { displayName: 'X', role: 'viewer' }),
      'staff_inactive',
    );
  });

  it('always keep one active admin', async () => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'staff.update', { id: writer.staffId, active: false }),
      'last_admin',
      'active',
    );
    expectRefused(
      () => perform(db, writer, 'staff.update', { id: writer.staffId, role: 'coordinator' }),
      'last_admin',
      'role',
    );
    expectNothingChanged(db, state);

    // An inactive admin does not count.
    const dormant = perform(db, writer, 'staff.create', {
      displayName: 'Former director',
      role: 'admin',
      active: false,
    });
    expectRefused(
      () => perform(db, writer, 'staff.update', { id: writer.staffId, role: 'viewer' }),
      'last_admin',
      'role',
    );

    perform(db, writer, 'staff.update', { id: dormant.id, active: true });
    expect(perform(db, writer, 'staff.update', { id: writer.staffId, role: 'coordinator' }).role).toBe('coordinator');
    const director = { deviceId: writer.deviceId, staffId: dormant.id };
    expectRefused(
      () => perform(db, director, 'staff.update', { id: dormant.id, active: false }),
      'last_admin',
      'active',
    );
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
    expectRefused(() => perform(db, writer, 'staff.create', input as never), code, field);
    expectNothingChanged(db, state);
  });

  it('refuse to update someone unknown', async () => {
    const { db, writer } = await openFieldCore();
    expectRefused(
      () => perform(db, writer, 'staff.update', { id: missing, displayName: 'Kim' }),
      'staff_member_not_found',
      'id',
    );
    expectRefused(
      () => perform(db, writer, 'staff.update', { id: 'nobody', displayName: 'Kim' }),
      'staff_member_not_found',
      'id',
    );
  });

  it('are managed by admins only', async () => {
    const { db, writer } = await openFieldCore();
    for (const role of ['coordinator', 'outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(() => perform(db, other, 'staff.create', { displayName: 'Kim', role: 'admin' }), 'not_permitted');
      expectRefused(() => perform(db, other, 'staff.update', { id: other.staffId, role: 'admin' }), 'not_permitted');
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
