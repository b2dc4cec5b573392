import { describe, expect, it } from 'vitest';
import {
  createItem,
  createServiceType,
  createSite,
  currentKitVersionId,
  kitContents,
  listItems,
  listServiceTypes,
  listSites,
  setKitContents,
  updateItem,
  updateServiceType,
  updateSite,
} from '../../../db/catalog/catalog';
import { logEncounter } from '../../../db/field-entries/field-entries';
import { receiveStock } from '../../../db/inventory/inventory';
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
const syringe = 'Syringe 1 mL 28G 1/2in';
const naloxone = 'Naloxone nasal 4 mg (box of 2)';
const smokingKit = 'Safer smoking kit';

describe('sites', () => {
  it('are created, renamed, retyped, deactivated and reactivated, each change audited', async () => {
    const { db, writer } = await openFieldCore();
    const van = createSite(db, writer, { name: ' Van 1 ', siteType: 'mobile_van' });
    expect(van).toMatchObject({ name: 'Van 1', siteType: 'mobile_van', active: true });
    expect(listSites(db).map((site) => site.name)).toEqual(['Main site', 'Van 1']);

    const renamed = updateSite(db, writer, { id: van.id, name: 'Eastside van', siteType: 'street_outreach' });
    expect(renamed).toEqual({ ...van, name: 'Eastside van', siteType: 'street_outreach' });
    updateSite(db, writer, { id: van.id, active: false });
    expect(listSites(db).map((site) => site.name)).toEqual(['Main site']);
    expect(listSites(db, { includeInactive: true }).map((site) => site.name)).toEqual(['Eastside van', 'Main site']);
    expect(updateSite(db, writer, { id: van.id, active: true }).active).toBe(true);

    expect(auditRows(db, 'sites.create').at(-1)!.after_json).toBe(JSON.stringify(van));
    const updates = auditRows(db, 'sites.update');
    expect(updates).toHaveLength(3);
    expect(JSON.parse(updates[0]!.before_json!)).toEqual(van);
    expect(JSON.parse(updates[0]!.after_json!)).toEqual(renamed);
  });

  it('have unique names whatever the case', async () => {
    const { db, writer, site } = await openFieldCore();
    const van = createSite(db, writer, { name: 'Van 1', siteType: 'mobile_van' });
    const state = databaseState(db);
    expectRefused(() => createSite(db, writer, { name: 'MAIN SITE', siteType: 'fixed' }), 'site_name_taken', 'name');
    expectRefused(() => updateSite(db, writer, { id: van.id, name: 'main site' }), 'site_name_taken', 'name');
    expectNothingChanged(db, state);
    expect(updateSite(db, writer, { id: site.id, name: 'MAIN SITE' }).name).toBe('MAIN SITE');
  });

  it.each([
    [{ name: '', siteType: 'fixed' }, 'name_required', 'name'],
    [{ name: 'x'.repeat(81), siteType: 'fixed' }, 'name_too_long', 'name'],
    [{ name: 'Clinic', siteType: 'hospital' }, 'invalid_value', 'siteType'],
    [{ name: 'Clinic', siteType: 'fixed', address: '1 Main St' }, 'unknown_field', undefined],
  ])('refuse %j and change nothing', async (input, code, field) => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    expectRefused(() => createSite(db, writer, input as never), code, field);
    expectNothingChanged(db, state);
  });

  it('refuse an unknown site', async () => {
    const { db, writer } = await openFieldCore();
    expectRefused(() => updateSite(db, writer, { id: missing, active: false }), 'site_not_found', 'id');
  });

  it('are managed by coordinators and admins', async () => {
    const { db, writer, site } = await openFieldCore();
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expect(createSite(db, coordinator, { name: 'Drop-in', siteType: 'drop_in' }).name).toBe('Drop-in');
    for (const role of ['outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(() => createSite(db, other, { name: 'Park', siteType: 'street_outreach' }), 'not_permitted');
      expectRefused(() => updateSite(db, other, { id: site.id, active: false }), 'not_permitted');
      expectNothingChanged(db, state);
    }
  });
});

describe('items', () => {
  it('are created with every field, listed common first, and audited', async () => {
    const { db, writer } = await openFieldCore();
    const spray = createItem(db, writer, {
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
    const gloves = createItem(db, writer, { name: 'Nitrile gloves', category: 'other', unit: 'pair', sku: '' });
    expect(gloves).toMatchObject({
      sku: null,
      unitsPerPack: 1,
      naloxoneForm: null,
      dosesPerUnit: null,
      isCommon: false,
    });

    const listed = listItems(db);
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
    expect(Object.keys(listItems(db)[0]!).sort()).toEqual(
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
      () => createItem(db, writer, { name: 'Naloxone vial', category: 'naloxone', unit: 'vial' }),
      'naloxone_form_required',
      'naloxoneForm',
    );
    expect(error.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['naloxone_form_required', 'naloxoneForm'],
      ['doses_per_unit_required', 'dosesPerUnit'],
    ]);
    expectRefused(
      () => createItem(db, writer, { name: 'Cooker XL', category: 'other', unit: 'cooker', dosesPerUnit: 2 }),
      'naloxone_only_field',
      'dosesPerUnit',
    );
    expectRefused(
      () => createItem(db, writer, { name: 'Cooker XL', category: 'other', unit: 'cooker', naloxoneForm: 'nasal' }),
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
    expectRefused(() => createItem(db, writer, input as never), code, field);
    expectNothingChanged(db, state);
  });

  it('have unique names whatever the case, and unique SKUs', async () => {
    const { db, writer, item } = await openFieldCore();
    const gloves = createItem(db, writer, { name: 'Nitrile gloves', category: 'other', unit: 'pair', sku: 'GL-1' });
    const state = databaseState(db);
    const error = expectRefused(
      () => createItem(db, writer, { name: 'NITRILE GLOVES', category: 'other', unit: 'pair', sku: 'GL-1' }),
      'item_name_taken',
      'name',
    );
    expect(error.issues.map((issue) => issue.code)).toEqual(['item_name_taken', 'sku_taken']);
    expectRefused(() => updateItem(db, writer, { id: item(syringe).id, sku: 'GL-1' }), 'sku_taken', 'sku');
    expectRefused(() => updateItem(db, writer, { id: gloves.id, name: 'cooker' }), 'item_name_taken', 'name');
    expectNothingChanged(db, state);
    expect(createItem(db, writer, { name: 'Vinyl gloves', category: 'other', unit: 'pair' }).sku).toBeNull();
  });

  it('change only the fields given, audited with before and after', async () => {
    const { db, writer, item } = await openFieldCore();
    const before = listItems(db).find((listed) => listed.name === 'Tourniquet')!;
    const after = updateItem(db, writer, {
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
    expect(updateItem(db, writer, { id: before.id, name: 'Tourniquet (latex-free)' })).toEqual(after);
    expectNothingChanged(db, state);
    expect(updateItem(db, writer, { id: item(syringe).id, active: false }).active).toBe(false);
    expect(listItems(db).map((listed) => listed.name)).not.toContain(syringe);
  });

  it('check the naloxone rule on the item as it will be, and drop the form and doses when leaving naloxone', async () => {
    const { db, writer } = await openFieldCore();
    const unused = createItem(db, writer, { name: 'Spare supply', category: 'other', unit: 'unit' });
    expectRefused(
      () => updateItem(db, writer, { id: unused.id, category: 'naloxone' }),
      'naloxone_form_required',
      'naloxoneForm',
    );
    const spray = updateItem(db, writer, {
      id: unused.id,
      category: 'naloxone',
      naloxoneForm: 'nasal',
      dosesPerUnit: 2,
    });
    expect(spray).toMatchObject({ category: 'naloxone', naloxoneForm: 'nasal', dosesPerUnit: 2 });
    expect(updateItem(db, writer, { id: unused.id, dosesPerUnit: 1 }).dosesPerUnit).toBe(1);
    expect(updateItem(db, writer, { id: unused.id, category: 'other' })).toMatchObject({
      naloxoneForm: null,
      dosesPerUnit: null,
    });
    expectRefused(
      () => updateItem(db, writer, { id: unused.id, category: 'hygiene', dosesPerUnit: 3 }),
      'naloxone_only_field',
      'dosesPerUnit',
    );
  });

  it('keep their category, form and doses once received', async () => {
    const { db, writer, site, item } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const nasal = item(naloxone);
    receiveStock(db, writer, {
      siteId: site.id,
      itemId: nasal.id,
      units: 10,
      lotNumber: 'NX1',
      expiresOn: '2027-06-30',
    });
    const state = databaseState(db);
    expectRefused(() => updateItem(db, writer, { id: nasal.id, category: 'other' }), 'category_locked', 'category');
    expectRefused(
      () => updateItem(db, writer, { id: nasal.id, dosesPerUnit: 1 }),
      'doses_per_unit_locked',
      'dosesPerUnit',
    );
    expectRefused(
      () => updateItem(db, writer, { id: nasal.id, naloxoneForm: 'intramuscular' }),
      'naloxone_form_locked',
      'naloxoneForm',
    );
    expectNothingChanged(db, state);
    expect(updateItem(db, writer, { id: nasal.id, name: 'Naloxone nasal spray 4 mg (box of 2)' }).name).toBe(
      'Naloxone nasal spray 4 mg (box of 2)',
    );
  });

  it('keep their category once handed out, alone or inside a kit', async () => {
    const { db, writer, site, item } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const strips = item('Fentanyl test strip');
    logEncounter(db, writer, {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      lines: [{ itemId: strips.id, quantity: 2 }],
    });
    expectRefused(
      () => updateItem(db, writer, { id: strips.id, category: 'xylazine_test_strip' }),
      'category_locked',
      'category',
    );

    const stem = item('Glass stem');
    expect(updateItem(db, writer, { id: stem.id, category: 'other' }).category).toBe('other');
    logEncounter(db, writer, {
      siteId: site.id,
      occurredAt: '2026-11-20T11:00:00Z',
      lines: [{ itemId: item(smokingKit).id, quantity: 1 }],
    });
    expectRefused(() => updateItem(db, writer, { id: stem.id, category: 'smoking' }), 'category_locked', 'category');
  });

  it('refuse to make a kit component a kit itself', async () => {
    const { db, writer, item } = await openFieldCore();
    expectRefused(() => updateItem(db, writer, { id: item('Glass stem').id, isKit: true }), 'item_in_kit', 'isKit');
    expect(updateItem(db, writer, { id: item('Hygiene kit').id, isKit: true }).isKit).toBe(true);
  });

  it('refuse an unknown item', async () => {
    const { db, writer } = await openFieldCore();
    expectRefused(() => updateItem(db, writer, { id: missing, name: 'Ghost' }), 'item_not_found', 'id');
  });

  it('are managed by coordinators and admins', async () => {
    const { db, writer, item } = await openFieldCore();
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expect(createItem(db, coordinator, { name: 'Nitrile gloves', category: 'other', unit: 'pair' }).name).toBe(
      'Nitrile gloves',
    );
    for (const role of ['outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(
        () => createItem(db, other, { name: 'Vinyl gloves', category: 'other', unit: 'pair' }),
        'not_permitted',
      );
      expectRefused(() => updateItem(db, other, { id: item(syringe).id, isCommon: false }), 'not_permitted');
      expectNothingChanged(db, state);
    }
  });
});

describe('kits', () => {
  it('start with the seeded contents as version 1', async () => {
    const { db, item } = await openFieldCore();
    const contents = kitContents(db, { itemId: item(smokingKit).id });
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
    const first = kitContents(db, { itemId: kit.id }).current!;
    const second = setKitContents(db, writer, {
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
    const all = kitContents(db, { itemId: kit.id, allVersions: true });
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
    const current = kitContents(db, { itemId: kit.id }).current!;
    const state = databaseState(db);
    const again = setKitContents(db, writer, {
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
      expectRefused(() => setKitContents(db, writer, { itemId: kit, components }), code, field);
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
    updateItem(db, writer, { id: item('Hygiene kit').id, isKit: true });
    const afterKitChange = databaseState(db);
    refuse(
      [
        { itemId: stem, units: 1 },
        { itemId: item('Hygiene kit').id, units: 1 },
      ],
      'component_is_kit',
      'components.1.itemId',
    );
    updateItem(db, writer, { id: item('Foil sheet').id, active: false });
    const afterDeactivation = databaseState(db);
    refuse([{ itemId: item('Foil sheet').id, units: 1 }], 'item_inactive', 'components.0.itemId');
    expectRefused(
      () => setKitContents(db, writer, { itemId: stem, components: [{ itemId: item(syringe).id, units: 1 }] }),
      'not_a_kit',
      'itemId',
    );
    expectNothingChanged(db, afterDeactivation);
    expect(afterKitChange['kit_versions']).toBe(state['kit_versions']);
  });

  it('have no current version before contents are set', async () => {
    const { db, writer, item } = await openFieldCore();
    const kit = createItem(db, writer, { name: 'Safer injection kit', category: 'other', unit: 'kit', isKit: true });
    expect(kitContents(db, { itemId: kit.id, allVersions: true })).toEqual({
      itemId: kit.id,
      current: null,
      versions: [],
    });
    expect(currentKitVersionId(db, kit.id)).toBeNull();
    expect(currentKitVersionId(db, item(syringe).id)).toBeNull();
    const first = setKitContents(db, writer, { itemId: kit.id, components: [{ itemId: item(syringe).id, units: 10 }] });
    expect(first.version).toBe(1);
  });

  it('are set by coordinators and admins', async () => {
    const { db, writer, item } = await openFieldCore();
    const components = [{ itemId: item('Glass stem').id, units: 2 }];
    expect(
      setKitContents(db, staffWithRole(db, writer, 'coordinator'), { itemId: item(smokingKit).id, components }).version,
    ).toBe(2);
    const viewer = staffWithRole(db, writer, 'viewer');
    const state = databaseState(db);
    expectRefused(
      () =>
        setKitContents(db, viewer, {
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
    const all = listServiceTypes(db);
    expect(all.map((service) => service.sortOrder)).toEqual(
      [...all.map((service) => service.sortOrder)].sort((a, b) => a - b),
    );
    expect(all[0]!.name).toBe('Naloxone training');
    const referrals = listServiceTypes(db, { kind: 'referral' });
    expect(referrals.length).toBeGreaterThan(0);
    expect(referrals.every((service) => service.kind === 'referral')).toBe(true);
    expect(referrals.map((service) => service.name)).toContain('MOUD / treatment referral');
  });

  it('are created at the end of the list, changed and deactivated, each change audited', async () => {
    const { db, writer } = await openFieldCore();
    const last = listServiceTypes(db).at(-1)!;
    const created = createServiceType(db, writer, { name: 'Overdose response training', kind: 'service' });
    expect(created).toMatchObject({ kind: 'service', sortOrder: last.sortOrder + 1, active: true });
    const moved = updateServiceType(db, writer, {
      id: created.id,
      sortOrder: -1,
      name: 'Overdose prevention training',
    });
    expect(listServiceTypes(db)[0]).toEqual(moved);
    updateServiceType(db, writer, { id: created.id, active: false });
    expect(listServiceTypes(db).map((service) => service.id)).not.toContain(created.id);
    expect(listServiceTypes(db, { includeInactive: true }).map((service) => service.id)).toContain(created.id);
    expect(JSON.parse(auditRows(db, 'serviceTypes.create').at(-1)!.after_json!)).toEqual(created);
    const [firstUpdate] = auditRows(db, 'serviceTypes.update');
    expect(JSON.parse(firstUpdate!.before_json!)).toEqual(created);
    expect(JSON.parse(firstUpdate!.after_json!)).toEqual(moved);
  });

  it('refuse a taken name, a bad kind or position, and an unknown type; nothing changes', async () => {
    const { db, writer } = await openFieldCore();
    const housing = listServiceTypes(db).find((service) => service.name === 'Housing referral')!;
    const state = databaseState(db);
    expectRefused(
      () => createServiceType(db, writer, { name: 'hiv TEST', kind: 'service' }),
      'service_type_name_taken',
      'name',
    );
    expectRefused(
      () => updateServiceType(db, writer, { id: housing.id, name: 'HCV test' }),
      'service_type_name_taken',
      'name',
    );
    expectRefused(
      () => createServiceType(db, writer, { name: 'Haircut', kind: 'treat' as never }),
      'invalid_value',
      'kind',
    );
    expectRefused(
      () => createServiceType(db, writer, { name: 'Haircut', kind: 'service', sortOrder: 0.5 }),
      'sort_order_invalid',
      'sortOrder',
    );
    expectRefused(() => createServiceType(db, writer, { name: '', kind: 'service' }), 'name_required', 'name');
    expectRefused(() => updateServiceType(db, writer, { id: missing, active: false }), 'service_type_not_found', 'id');
    expectNothingChanged(db, state);
  });

  it('are managed by coordinators and admins', async () => {
    const { db, writer } = await openFieldCore();
    expect(
      createServiceType(db, staffWithRole(db, writer, 'coordinator'), { name: 'Haircut', kind: 'service' }).name,
    ).toBe('Haircut');
    const worker = staffWithRole(db, writer, 'outreach_worker');
    const state = databaseState(db);
    expectRefused(() => createServiceType(db, worker, { name: 'Shower', kind: 'service' }), 'not_permitted');
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
