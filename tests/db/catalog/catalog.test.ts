import { describe, expect, it } from 'vitest';
import { currentKitVersionId } from '../../../db/catalog/kits';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { callError, callOk } from '../../support/contract';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const missing = '01900000-0000-7000-8000-000000000000';
const syringe = 'Syringe 1 mL 28G 1/2in';
const naloxone = 'Naloxone nasal 4 mg (box of 2)';
const smokingKit = 'Safer smoking kit';

describe('sites', () => {
  it('are created, renamed, retyped, deactivated and reactivated, each change audited', async () => {
    const { db, writer } = await openFieldCore();
    const van = perform(db, writer, 'sites.create', { name: ' Van 1 ', siteType: 'mobile_van' });
    expect(van).toMatchObject({ name: 'Van 1', siteType: 'mobile_van', active: true });
    expect(read(db, 'sites.list', {}).map((site) => site.name)).toEqual(['Main site', 'Van 1']);

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

describe('items', () => {
  it('are created with every field, listed common first, and audited', async () => {
    const { db, writer } = await openFieldCore();
    const spray = perform(db, writer, 'items.create', {
      name: 'Naloxone nasal 8 mg',
      sku: ' NX-8 ',
      category: 'naloxone',
      unit: 'device',
      unitsPerPack: 24,
      naloxoneForm: 'nasal',
      dosesPerUnit: 1,
      tracksLots: true,
      isCommon: true,
    });
    expect(spray).toMatchObject({
      name: 'Naloxone nasal 8 mg',
      sku: 'NX-8',
      category: 'naloxone',
      unit: 'device',
      unitsPerPack: 24,
      naloxoneForm: 'nasal',
      dosesPerUnit: 1,
      tracksLots: true,
      isKit: false,
      isCommon: true,
      active: true,
    });
    const gloves = perform(db, writer, 'items.create', {
      name: 'Nitrile gloves',
      category: 'other',
      unit: 'pair',
      sku: '',
    });
    expect(gloves).toMatchObject({
      sku: null,
      unitsPerPack: 1,
      naloxoneForm: null,
      dosesPerUnit: null,
      isCommon: false,
    });

    const listed = read(db, 'items.list', {});
    const firstUncommon = listed.findIndex((item) => !item.isCommon);
    expect(listed.slice(firstUncommon).every((item) => !item.isCommon)).toBe(true);
    expect(listed.map((item) => item.id)).toEqual(expect.arrayContaining([spray.id, gloves.id]));
    expect(
      auditRows(db, 'items.create')
        .slice(-2)
        .map((row) => JSON.parse(row.after_json!)),
    ).toEqual([spray, gloves]);
  });

  it('keep the list output the field screen reads', async () => {
    const { db } = await openFieldCore();
    expect(Object.keys(read(db, 'items.list', {})[0]!).sort()).toEqual(
      [
        'active',
        'category',
        'dosesPerUnit',
        'id',
        'isCommon',
        'isKit',
        'name',
        'naloxoneForm',
        'sku',
        'tracksLots',
        'unit',
        'unitsPerPack',
      ].sort(),
    );
  });

  it('need a naloxone form and doses per unit for naloxone, and refuse them otherwise, naming each field', async () => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    const error = expectRefused(
      () => perform(db, writer, 'items.create', { name: 'Naloxone vial', category: 'naloxone', unit: 'vial' }),
      'naloxone_form_required',
      'naloxoneForm',
    );
    expect(error.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['naloxone_form_required', 'naloxoneForm'],
      ['doses_per_unit_required', 'dosesPerUnit'],
    ]);
    expectRefused(
      () =>
        perform(db, writer, 'items.create', { name: 'Cooker XL', category: 'other', unit: 'cooker', dosesPerUnit: 2 }),
      'naloxone_only_field',
      'dosesPerUnit',
    );
    expectRefused(
      () =>
        perform(db, writer, 'items.create', {
          name: 'Cooker XL',
          category: 'other',
          unit: 'cooker',
          naloxoneForm: 'nasal',
        }),
      'naloxone_only_field',
      'naloxoneForm',
    );
    expectNothingChanged(db, state);
  });

  it.each([
    [{ name: ' ', category: 'other', unit: 'unit' }, 'name_required', 'name'],
    [{ name: 'x'.repeat(121), category: 'other', unit: 'unit' }, 'name_too_long', 'name'],
    [{ name: 'Gloves', category: 'needles', unit: 'pair' }, 'invalid_value', 'category'],
    [{ name: 'Gloves', category: 'other', unit: '' }, 'unit_required', 'unit'],
    [{ name: 'Gloves', category: 'other', unit: 'x'.repeat(41) }, 'unit_too_long', 'unit'],
    [{ name: 'Gloves', category: 'other', unit: 'pair', unitsPerPack: 0 }, 'units_per_pack_invalid', 'unitsPerPack'],
    [{ name: 'Gloves', category: 'other', unit: 'pair', unitsPerPack: 2.5 }, 'units_per_pack_invalid', 'unitsPerPack'],
    [{ name: 'Gloves', category: 'other', unit: 'pair', sku: 'x'.repeat(61) }, 'sku_too_long', 'sku'],
    [
      { name: 'Gloves', category: 'naloxone', unit: 'kit', naloxoneForm: 'oral', dosesPerUnit: 1 },
      'invalid_value',
      'naloxoneForm',
    ],
    [
      { name: 'Gloves', category: 'naloxone', unit: 'kit', naloxoneForm: 'nasal', dosesPerUnit: 0 },
      'doses_per_unit_invalid',
      'dosesPerUnit',
    ],
    [{ name: 'Gloves', category: 'other', unit: 'pair', price: 3 }, 'unknown_field', undefined],
  ])('refuse %j and change nothing', async (input, code, field) => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    expectRefused(() => perform(db, writer, 'items.create', input as never), code, field);
    expectNothingChanged(db, state);
  });

  it('have unique names whatever the case, and unique SKUs', async () => {
    const { db, writer, item } = await openFieldCore();
    const gloves = perform(db, writer, 'items.create', {
      name: 'Nitrile gloves',
      category: 'other',
      unit: 'pair',
      sku: 'GL-1',
    });
    const state = databaseState(db);
    const error = expectRefused(
      () =>
        perform(db, writer, 'items.create', { name: 'NITRILE GLOVES', category: 'other', unit: 'pair', sku: 'GL-1' }),
      'item_name_taken',
      'name',
    );
    expect(error.issues.map((issue) => issue.code)).toEqual(['item_name_taken', 'sku_taken']);
    expectRefused(() => perform(db, writer, 'items.update', { id: item(syringe).id, sku: 'GL-1' }), 'sku_taken', 'sku');
    expectRefused(
      () => perform(db, writer, 'items.update', { id: gloves.id, name: 'cooker' }),
      'item_name_taken',
      'name',
    );
    expectNothingChanged(db, state);
    expect(
      perform(db, writer, 'items.create', { name: 'Vinyl gloves', category: 'other', unit: 'pair' }).sku,
    ).toBeNull();
  });

  it('change only the fields given, audited with before and after', async () => {
    const { db, writer, item } = await openFieldCore();
    const before = read(db, 'items.list', {}).find((listed) => listed.name === 'Tourniquet')!;
    const after = perform(db, writer, 'items.update', {
      id: before.id,
      name: 'Tourniquet (latex-free)',
      isCommon: true,
      unitsPerPack: 50,
    });
    expect(after).toEqual({ ...before, name: 'Tourniquet (latex-free)', isCommon: true, unitsPerPack: 50 });
    const [audit] = auditRows(db, 'items.update');
    expect(JSON.parse(audit!.before_json!)).toEqual(before);
    expect(JSON.parse(audit!.after_json!)).toEqual(after);

    const state = databaseState(db);
    expect(perform(db, writer, 'items.update', { id: before.id, name: 'Tourniquet (latex-free)' })).toEqual(after);
    expectNothingChanged(db, state);
    expect(perform(db, writer, 'items.update', { id: item(syringe).id, active: false }).active).toBe(false);
    expect(read(db, 'items.list', {}).map((listed) => listed.name)).not.toContain(syringe);
  });

  it('check the naloxone rule on the item as it will be, and drop the form and doses when leaving naloxone', async () => {
    const { db, writer } = await openFieldCore();
    const unused = perform(db, writer, 'items.create', { name: 'Spare supply', category: 'other', unit: 'unit' });
    expectRefused(
      () => perform(db, writer, 'items.update', { id: unused.id, category: 'naloxone' }),
      'naloxone_form_required',
      'naloxoneForm',
    );
    const spray = perform(db, writer, 'items.update', {
      id: unused.id,
      category: 'naloxone',
      naloxoneForm: 'nasal',
      dosesPerUnit: 2,
    });
    expect(spray).toMatchObject({ category: 'naloxone', naloxoneForm: 'nasal', dosesPerUnit: 2 });
    expect(perform(db, writer, 'items.update', { id: unused.id, dosesPerUnit: 1 }).dosesPerUnit).toBe(1);
    expect(perform(db, writer, 'items.update', { id: unused.id, category: 'other' })).toMatchObject({
      naloxoneForm: null,
      dosesPerUnit: null,
    });
    expectRefused(
      () => perform(db, writer, 'items.update', { id: unused.id, category: 'hygiene', dosesPerUnit: 3 }),
      'naloxone_only_field',
      'dosesPerUnit',
    );
  });

  it('keep their category, form and doses once received', async () => {
    const { db, writer, site, item } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const nasal = item(naloxone);
    perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: nasal.id,
      units: 10,
      lotNumber: 'NX1',
      expiresOn: '2027-06-30',
    });
    const state = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'items.update', { id: nasal.id, category: 'other' }),
      'category_locked',
      'category',
    );
    expectRefused(
      () => perform(db, writer, 'items.update', { id: nasal.id, dosesPerUnit: 1 }),
      'doses_per_unit_locked',
      'dosesPerUnit',
    );
    expectRefused(
      () => perform(db, writer, 'items.update', { id: nasal.id, naloxoneForm: 'intramuscular' }),
      'naloxone_form_locked',
      'naloxoneForm',
    );
    expectNothingChanged(db, state);
    expect(
      perform(db, writer, 'items.update', { id: nasal.id, name: 'Naloxone nasal spray 4 mg (box of 2)' }).name,
    ).toBe('Naloxone nasal spray 4 mg (box of 2)');
  });

  it('keep their category once handed out, alone or inside a kit', async () => {
    const { db, writer, site, item } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const strips = item('Fentanyl test strip');
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      lines: [{ itemId: strips.id, quantity: 2 }],
    });
    expectRefused(
      () => perform(db, writer, 'items.update', { id: strips.id, category: 'xylazine_test_strip' }),
      'category_locked',
      'category',
    );

    const stem = item('Glass stem');
    expect(perform(db, writer, 'items.update', { id: stem.id, category: 'other' }).category).toBe('other');
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T11:00:00Z',
      lines: [{ itemId: item(smokingKit).id, quantity: 1 }],
    });
    expectRefused(
      () => perform(db, writer, 'items.update', { id: stem.id, category: 'smoking' }),
      'category_locked',
      'category',
    );
  });

  it('refuse to make a kit component a kit itself', async () => {
    const { db, writer, item } = await openFieldCore();
    expectRefused(
      () => perform(db, writer, 'items.update', { id: item('Glass stem').id, isKit: true }),
      'item_in_kit',
      'isKit',
    );
    expect(perform(db, writer, 'items.update', { id: item('Hygiene kit').id, isKit: true }).isKit).toBe(true);
  });

  it('refuse an unknown item', async () => {
    const { db, writer } = await openFieldCore();
    expectRefused(() => perform(db, writer, 'items.update', { id: missing, name: 'Ghost' }), 'item_not_found', 'id');
  });

  it('are managed by coordinators and admins', async () => {
    const { db, writer, item } = await openFieldCore();
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expect(
      perform(db, coordinator, 'items.create', { name: 'Nitrile gloves', category: 'other', unit: 'pair' }).name,
    ).toBe('Nitrile gloves');
    for (const role of ['outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(
        () => perform(db, other, 'items.create', { name: 'Vinyl gloves', category: 'other', unit: 'pair' }),
        'not_permitted',
      );
      expectRefused(
        () => perform(db, other, 'items.update', { id: item(syringe).id, isCommon: false }),
        'not_permitted',
      );
      expectNothingChanged(db, state);
    }
  });
});

describe('kits', () => {
  it('start with the seeded contents as version 1', async () => {
    const { db, item } = await openFieldCore();
    const contents = read(db, 'items.kitContents', { itemId: item(smokingKit).id });
    expect(contents.current?.version).toBe(1);
    expect(contents.current?.components.map((component) => [component.itemName, component.units])).toEqual([
      ['Alcohol pad', 2],
      ['Brass screen', 5],
      ['Glass stem', 1],
      ['Mouthpiece', 2],
      ['Push stick', 1],
    ]);
    expect(contents.versions).toBeUndefined();
  });

  it('change by new versions; earlier versions stay as they were', async () => {
    const { db, writer, item } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const kit = item(smokingKit);
    const first = read(db, 'items.kitContents', { itemId: kit.id }).current!;
    const second = perform(db, writer, 'items.setKitContents', {
      itemId: kit.id,
      components: [
        { itemId: item('Glass stem').id, units: 1 },
        { itemId: item('Mouthpiece').id, units: 3 },
        { itemId: item('Foil sheet').id, units: 10 },
      ],
    });
    expect(second).toMatchObject({
      kitItemId: kit.id,
      version: 2,
      createdBy: 'Default staff member',
      createdAt: '2026-11-22T20:00:00.000Z',
    });
    expect(second.components.map((component) => [component.itemName, component.category, component.units])).toEqual([
      ['Foil sheet', 'smoking', 10],
      ['Glass stem', 'smoking', 1],
      ['Mouthpiece', 'smoking', 3],
    ]);
    expect(currentKitVersionId(db, kit.id)).toBe(second.id);
    const all = read(db, 'items.kitContents', { itemId: kit.id, allVersions: true });
    expect(all.current).toEqual(second);
    expect(all.versions).toEqual([second, first]);

    const [audit] = auditRows(db, 'items.setKitContents').slice(-1);
    expect(JSON.parse(audit!.before_json!)).toEqual(first);
    expect(JSON.parse(audit!.after_json!)).toEqual(second);
    expect(() => db.sqlite.prepare('UPDATE kit_components SET units = 99').run()).toThrow(/facts/);
    expect(() => db.sqlite.prepare('DELETE FROM kit_versions').run()).toThrow(/facts/);
  });

  it('write nothing when the contents are the same', async () => {
    const { db, writer, item } = await openFieldCore();
    const kit = item(smokingKit);
    const current = read(db, 'items.kitContents', { itemId: kit.id }).current!;
    const state = databaseState(db);
    const again = perform(db, writer, 'items.setKitContents', {
      itemId: kit.id,
      components: [...current.components]
        .reverse()
        .map((component) => ({ itemId: component.itemId, units: component.units })),
    });
    expect(again).toEqual(current);
    expectNothingChanged(db, state);
  });

  it('refuse bad contents at the component, and change nothing', async () => {
    const { db, writer, item } = await openFieldCore();
    const kit = item(smokingKit).id;
    const stem = item('Glass stem').id;
    const state = databaseState(db);
    const refuse = (components: { itemId: string; units: number }[], code: string, field: string) =>
      expectRefused(() => perform(db, writer, 'items.setKitContents', { itemId: kit, components }), code, field);
    refuse([], 'components_required', 'components');
    refuse([{ itemId: stem, units: 0 }], 'component_units_invalid', 'components.0.units');
    refuse([{ itemId: stem, units: 10_001 }], 'component_units_invalid', 'components.0.units');
    refuse(
      [
        { itemId: stem, units: 1 },
        { itemId: stem, units: 2 },
      ],
      'component_repeated',
      'components.1.itemId',
    );
    refuse(
      [
        { itemId: stem, units: 1 },
        { itemId: kit, units: 1 },
      ],
      'component_is_self',
      'components.1.itemId',
    );
    refuse([{ itemId: missing, units: 1 }], 'item_not_found', 'components.0.itemId');
    perform(db, writer, 'items.update', { id: item('Hygiene kit').id, isKit: true });
    const afterKitChange = databaseState(db);
    refuse(
      [
        { itemId: stem, units: 1 },
        { itemId: item('Hygiene kit').id, units: 1 },
      ],
      'component_is_kit',
      'components.1.itemId',
    );
    perform(db, writer, 'items.update', { id: item('Foil sheet').id, active: false });
    const afterDeactivation = databaseState(db);
    refuse([{ itemId: item('Foil sheet').id, units: 1 }], 'item_inactive', 'components.0.itemId');
    expectRefused(
      () =>
        perform(db, writer, 'items.setKitContents', {
          itemId: stem,
          components: [{ itemId: item(syringe).id, units: 1 }],
        }),
      'not_a_kit',
      'itemId',
    );
    expectNothingChanged(db, afterDeactivation);
    expect(afterKitChange['kit_versions']).toBe(state['kit_versions']);
  });

  it('have no current version before contents are set', async () => {
    const { db, writer, item } = await openFieldCore();
    const kit = perform(db, writer, 'items.create', {
      name: 'Safer injection kit',
      category: 'other',
      unit: 'kit',
      isKit: true,
    });
    expect(read(db, 'items.kitContents', { itemId: kit.id, allVersions: true })).toEqual({
      itemId: kit.id,
      current: null,
      versions: [],
    });
    expect(currentKitVersionId(db, kit.id)).toBeNull();
    expect(currentKitVersionId(db, item(syringe).id)).toBeNull();
    const first = perform(db, writer, 'items.setKitContents', {
      itemId: kit.id,
      components: [{ itemId: item(syringe).id, units: 10 }],
    });
    expect(first.version).toBe(1);
  });

  it('are set by coordinators and admins', async () => {
    const { db, writer, item } = await openFieldCore();
    const components = [{ itemId: item('Glass stem').id, units: 2 }];
    expect(
      perform(db, staffWithRole(db, writer, 'coordinator'), 'items.setKitContents', {
        itemId: item(smokingKit).id,
        components,
      }).version,
    ).toBe(2);
    const viewer = staffWithRole(db, writer, 'viewer');
    const state = databaseState(db);
    expectRefused(
      () =>
        perform(db, viewer, 'items.setKitContents', {
          itemId: item(smokingKit).id,
          components: [{ itemId: item('Glass stem').id, units: 3 }],
        }),
      'not_permitted',
    );
    expectNothingChanged(db, state);
  });
});

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
