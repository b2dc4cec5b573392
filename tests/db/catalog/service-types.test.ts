/** Service and referral types (db/catalog/service-types.ts). */
import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const missing = '01900000-0000-7000-8000-000000000000';

describe('service and referral types', () => {
  it('are listed in their order, by kind', async () => {
    const { db } = await openFieldCore();
    const all = read(db, 'serviceTypes.list', {});
    expect(all.map((service) => service.sortOrder)).toEqual(
      [...all.map((service) => service.sortOrder)].sort((a, b) => a - b),
    );
    expect(all[0]!.name).toBe('Naloxone training');
    const referrals = read(db, 'serviceTypes.list', { kind: 'referral' });
    expect(referrals.length).toBeGreaterThan(0);
    expect(referrals.every((service) => service.kind === 'referral')).toBe(true);
    expect(referrals.map((service) => service.name)).toContain('MOUD / treatment referral');
  });

  it('are created at the end of the list, changed and deactivated, each change audited', async () => {
    const { db, writer } = await openFieldCore();
    const last = read(db, 'serviceTypes.list', {}).at(-1)!;
    const created = perform(db, writer, 'serviceTypes.create', { name: 'Overdose response training', kind: 'service' });
    expect(created).toMatchObject({ kind: 'service', sortOrder: last.sortOrder + 1, active: true });
    const moved = perform(db, writer, 'serviceTypes.update', {
      id: created.id,
      sortOrder: -1,
      name: 'Overdose prevention training',
    });
    expect(read(db, 'serviceTypes.list', {})[0]).toEqual(moved);
    perform(db, writer, 'serviceTypes.update', { id: created.id, active: false });
    expect(read(db, 'serviceTypes.list', {}).map((service) => service.id)).not.toContain(created.id);
    expect(read(db, 'serviceTypes.list', { includeInactive: true }).map((service) => service.id)).toContain(created.id);
    expect(JSON.parse(auditRows(db, 'serviceTypes.create').at(-1)!.after_json!)).toEqual(created);
    const [firstUpdate] = auditRows(db, 'serviceTypes.update');
    expect(JSON.parse(firstUpdate!.before_json!)).toEqual(created);
    expect(JSON.parse(firstUpdate!.after_json!)).toEqual(moved);
  });

  it('refuse a taken name, a bad kind or position, and an unknown type; nothing changes', async () => {
    const { db, writer } = await openFieldCore();
    const housing = read(db, 'serviceTypes.list', {}).find((service) => service.name === 'Housing referral')!;
    const state = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'serviceTypes.create', { name: 'hiv TEST', kind: 'service' }),
      'service_type_name_taken',
      'name',
    );
    expectRefused(
      () => perform(db, writer, 'serviceTypes.update', { id: housing.id, name: 'HCV test' }),
      'service_type_name_taken',
      'name',
    );
    expectRefused(
      () => perform(db, writer, 'serviceTypes.create', { name: 'Haircut', kind: 'treat' as never }),
      'invalid_value',
      'kind',
    );
    expectRefused(
      () => perform(db, writer, 'serviceTypes.create', { name: 'Haircut', kind: 'service', sortOrder: 0.5 }),
      'sort_order_invalid',
      'sortOrder',
    );
    expectRefused(
      () => perform(db, writer, 'serviceTypes.create', { name: '', kind: 'service' }),
      'name_required',
      'name',
    );
    expectRefused(
      () => perform(db, writer, 'serviceTypes.update', { id: missing, active: false }),
      'service_type_not_found',
      'id',
    );
    expectNothingChanged(db, state);
  });

  it('are managed by coordinators and admins', async () => {
    const { db, writer } = await openFieldCore();
    expect(
      perform(db, staffWithRole(db, writer, 'coordinator'), 'serviceTypes.create', { name: 'Haircut', kind: 'service' })
        .name,
    ).toBe('Haircut');
    const worker = staffWithRole(db, writer, 'outreach_worker');
    const state = databaseState(db);
    expectRefused(
      () => perform(db, worker, 'serviceTypes.create', { name: 'Shower', kind: 'service' }),
      'not_permitted',
    );
    expectNothingChanged(db, state);
  });
});
