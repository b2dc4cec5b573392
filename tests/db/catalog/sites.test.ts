/** Sites (db/catalog/sites.ts), and every catalog channel answering as the contract says. */
import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { callError, callOk } from '../../support/contract';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const missing = '01900000-0000-7000-8000-000000000000';
const smokingKit = 'Safer smoking kit';

describe('sites', () => {
  it('are created, renamed, retyped, deactivated and reactivated, each change audited', async () => {
    const { db, writer } = await openFieldCore();
    const van = perform(db, writer, 'sites.create', { name: ' Van 1 ', siteType: 'mobile_van' });
    expect(van).toMatchObject({ name: 'Van 1', siteType: 'mobile_van', active: true });
    expect(read(db, 'sites.list', {}).map((site) => site.name)).toEqual(['Main site', 'Van 1']);
    // The list says when each was added, so a computer that remembers no site starts on the first.
    const [mainSite, listedVan] = read(db, 'sites.list', {});
    expect(listedVan).toEqual(van);
    expect(van.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(mainSite!.createdAt <= van.createdAt).toBe(true);

    const renamed = perform(db, writer, 'sites.update', {
      id: van.id,
      name: 'Eastside van',
      siteType: 'street_outreach',
    });
    expect(renamed).toEqual({ ...van, name: 'Eastside van', siteType: 'street_outreach' });
    perform(db, writer, 'sites.update', { id: van.id, active: false });
    expect(read(db, 'sites.list', {}).map((site) => site.name)).toEqual(['Main site']);
    expect(read(db, 'sites.list', { includeInactive: true }).map((site) => site.name)).toEqual([
      'Eastside van',
      'Main site',
    ]);
    expect(perform(db, writer, 'sites.update', { id: van.id, active: true }).active).toBe(true);

    expect(auditRows(db, 'sites.create').at(-1)!.after_json).toBe(JSON.stringify(van));
    const updates = auditRows(db, 'sites.update');
    expect(updates).toHaveLength(3);
    expect(JSON.parse(updates[0]!.before_json!)).toEqual(van);
    expect(JSON.parse(updates[0]!.after_json!)).toEqual(renamed);
  });

  it('have unique names whatever the case', async () => {
    const { db, writer, site } = await openFieldCore();
    const van = perform(db, writer, 'sites.create', { name: 'Van 1', siteType: 'mobile_van' });
    const state = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'sites.create', { name: 'MAIN SITE', siteType: 'fixed' }),
      'site_name_taken',
      'name',
    );
    expectRefused(
      () => perform(db, writer, 'sites.update', { id: van.id, name: 'main site' }),
      'site_name_taken',
      'name',
    );
    expectNothingChanged(db, state);
    expect(perform(db, writer, 'sites.update', { id: site.id, name: 'MAIN SITE' }).name).toBe('MAIN SITE');
  });

  it.each([
    [{ name: '', siteType: 'fixed' }, 'name_required', 'name'],
    [{ name: 'x'.repeat(81), siteType: 'fixed' }, 'name_too_long', 'name'],
    [{ name: 'Clinic', siteType: 'hospital' }, 'invalid_value', 'siteType'],
    [{ name: 'Clinic', siteType: 'fixed', address: '1 Main St' }, 'unknown_field', undefined],
  ])('refuse %j and change nothing', async (input, code, field) => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    expectRefused(() => perform(db, writer, 'sites.create', input as never), code, field);
    expectNothingChanged(db, state);
  });

  it('refuse an unknown site', async () => {
    const { db, writer } = await openFieldCore();
    expectRefused(() => perform(db, writer, 'sites.update', { id: missing, active: false }), 'site_not_found', 'id');
  });

  it('are managed by coordinators and admins', async () => {
    const { db, writer, site } = await openFieldCore();
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expect(perform(db, coordinator, 'sites.create', { name: 'Drop-in', siteType: 'drop_in' }).name).toBe('Drop-in');
    for (const role of ['outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(
        () => perform(db, other, 'sites.create', { name: 'Park', siteType: 'street_outreach' }),
        'not_permitted',
      );
      expectRefused(() => perform(db, other, 'sites.update', { id: site.id, active: false }), 'not_permitted');
      expectNothingChanged(db, state);
    }
  });
});

describe('catalog channels', () => {
  it('answer with data matching the contract', async () => {
    const { core, actor, item } = await openFieldCore();
    const site = callOk(core, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' }, actor);
    expect(callOk(core, 'sites.update', { id: site.id, active: false }, actor).active).toBe(false);
    expect(callOk(core, 'sites.list', { includeInactive: true }, actor)).toHaveLength(2);
    const gloves = callOk(core, 'items.create', { name: 'Gloves', category: 'other', unit: 'pair' }, actor);
    expect(callOk(core, 'items.update', { id: gloves.id, isCommon: true }, actor).isCommon).toBe(true);
    expect(callOk(core, 'items.list', {}, actor).length).toBeGreaterThan(30);
    const kitId = item(smokingKit).id;
    const version = callOk(
      core,
      'items.setKitContents',
      { itemId: kitId, components: [{ itemId: gloves.id, units: 1 }] },
      actor,
    );
    expect(callOk(core, 'items.kitContents', { itemId: kitId, allVersions: true }, actor).versions).toHaveLength(2);
    expect(version.version).toBe(2);
    const service = callOk(core, 'serviceTypes.create', { name: 'Shower', kind: 'service' }, actor);
    expect(callOk(core, 'serviceTypes.update', { id: service.id, kind: 'referral' }, actor).kind).toBe('referral');
    expect(callOk(core, 'serviceTypes.list', { kind: 'referral' }, actor).map((listed) => listed.id)).toContain(
      service.id,
    );
    expect(callError(core, 'sites.create', { name: 'main site', siteType: 'fixed' }, actor)).toMatchObject({
      code: 'site_name_taken',
      field: 'name',
    });
  });
});
