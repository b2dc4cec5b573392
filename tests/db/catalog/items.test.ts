/** Items (db/catalog/items.ts): created, changed, deactivated; what reports count them by stays fixed once used. */
import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const missing = '01900000-0000-7000-8000-000000000000';
const syringe = 'Syringe 1 mL 28G 1/2in';
const naloxone = 'Naloxone nasal 4 mg (box of 2)';
const smokingKit = 'Safer smoking kit';

describe('items', () => {
  it('are created with every field, listed common first, and audited', async () => {
    const { db, writer } = await openFieldCore();
    const naloxoneSpray = {
      name: 'Naloxone nasal 8 mg',
      category: 'naloxone',
      unit: 'device',
      unitsPerPack: 24,
      naloxoneForm: 'nasal',
      dosesPerUnit: 1,
      tracksLots: true,
      isCommon: true,
    } as const;
    const spray = perform(db, writer, 'items.create', { ...naloxoneSpray, sku: ' NX-8 ' });
    expect(spray).toMatchObject({ ...naloxoneSpray, sku: 'NX-8', isKit: false, active: true });
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

  it('let a naloxone kit go without a form and doses, which its contents carry, and refuse them on it', async () => {
    const { db, writer, item } = await openFieldCore();
    const kit = perform(db, writer, 'items.create', {
      name: 'Overdose response kit',
      category: 'naloxone',
      unit: 'kit',
      isKit: true,
    });
    expect(kit).toMatchObject({ category: 'naloxone', isKit: true, naloxoneForm: null, dosesPerUnit: null });
    perform(db, writer, 'items.setKitContents', {
      itemId: kit.id,
      components: [{ itemId: item(naloxone).id, units: 1 }],
    });
    const state = databaseState(db);
    const error = expectRefused(
      () =>
        perform(db, writer, 'items.create', {
          name: 'Nasal naloxone kit',
          category: 'naloxone',
          unit: 'kit',
          isKit: true,
          naloxoneForm: 'nasal',
          dosesPerUnit: 2,
        }),
      'kit_naloxone_field',
      'naloxoneForm',
    );
    expect(error.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['kit_naloxone_field', 'naloxoneForm'],
      ['kit_naloxone_field', 'dosesPerUnit'],
    ]);
    // No longer a kit, it is a loose naloxone item, and needs both.
    expectRefused(
      () => perform(db, writer, 'items.update', { id: kit.id, isKit: false }),
      'naloxone_form_required',
      'naloxoneForm',
    );
    expectNothingChanged(db, state);

    // A loose naloxone item made a kit drops its form and doses.
    const vial = perform(db, writer, 'items.create', {
      name: 'Naloxone vial',
      category: 'naloxone',
      unit: 'vial',
      naloxoneForm: 'intramuscular',
      dosesPerUnit: 1,
    });
    expect(perform(db, writer, 'items.update', { id: vial.id, isKit: true })).toMatchObject({
      isKit: true,
      naloxoneForm: null,
      dosesPerUnit: null,
    });
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
