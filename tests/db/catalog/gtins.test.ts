/**
 * Items' GTINs: added in any printed length and kept as 14 digits, one item per GTIN, retired and
 * reactivated but never deleted, each change audited; coordinators and admins only.
 */
import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

async function openCatalog() {
  const field = await openFieldCore();
  return {
    ...field,
    syringes: field.item('Syringe 1 mL 28G 1/2in'),
    naloxone: field.item('Naloxone nasal 4 mg (box of 2)'),
  };
}

describe('item GTINs', () => {
  it('adds a box and a case of one item, each with its own units, listed smallest first and audited', async () => {
    const { db, writer, syringes } = await openCatalog();
    const caseOf = perform(db, writer, 'items.addGtin', {
      itemId: syringes.id,
      gtin: '1061414100001 9',
      unitsPerPack: 1000,
      label: ' Case of 10 boxes ',
    });
    const box = perform(db, writer, 'items.addGtin', { itemId: syringes.id, gtin: '614141000012', unitsPerPack: 100 });
    expect(caseOf).toEqual({
      id: caseOf.id,
      itemId: syringes.id,
      gtin: '10614141000019',
      unitsPerPack: 1000,
      label: 'Case of 10 boxes',
      active: true,
    });
    expect(box).toMatchObject({ gtin: '00614141000012', unitsPerPack: 100, label: null });
    expect(read(db, 'items.gtins', { itemId: syringes.id })).toEqual([box, caseOf]);
    expect(auditRows(db, 'items.addGtin').map((row) => JSON.parse(row.after_json!))).toEqual([caseOf, box]);
  });

  it('refuses a GTIN that is not one, one whose check digit is wrong, and one another item has', async () => {
    const { db, writer, syringes, naloxone } = await openCatalog();
    perform(db, writer, 'items.addGtin', { itemId: naloxone.id, gtin: '4006381333931', unitsPerPack: 24 });
    const before = databaseState(db);
    const add =
      (gtin: string, itemId = syringes.id, unitsPerPack = 100) =>
      () =>
        perform(db, writer, 'items.addGtin', { itemId, gtin, unitsPerPack });
    expectRefused(add('4006381'), 'gtin_invalid', 'gtin');
    expectRefused(add('4006381333931X'), 'gtin_invalid', 'gtin');
    expectRefused(add('4006381333932'), 'gtin_check_digit', 'gtin');
    // The same GTIN however it is written: 13 digits or padded to 14.
    expectRefused(add('04006381333931'), 'gtin_taken', 'gtin');
    expectRefused(add('4006381333931', naloxone.id), 'gtin_on_this_item', 'gtin');
    expectRefused(add('614141000012', syringes.id, 0), 'units_per_pack_invalid', 'unitsPerPack');
    expectNothingChanged(db, before);
  });

  it('changes the label and units, retires and reactivates a GTIN, each audited with before and after', async () => {
    const { db, writer, syringes } = await openCatalog();
    const box = perform(db, writer, 'items.addGtin', { itemId: syringes.id, gtin: '614141000012', unitsPerPack: 10 });
    const fixed = perform(db, writer, 'items.updateGtin', { id: box.id, unitsPerPack: 100, label: 'Box of 100' });
    expect(fixed).toEqual({ ...box, unitsPerPack: 100, label: 'Box of 100' });
    const retired = perform(db, writer, 'items.updateGtin', { id: box.id, active: false });
    expect(read(db, 'items.gtins', { itemId: syringes.id })).toEqual([]);
    expect(read(db, 'items.gtins', { itemId: syringes.id, includeInactive: true })).toEqual([retired]);
    perform(db, writer, 'items.updateGtin', { id: box.id, active: true, label: '' });
    expect(read(db, 'items.gtins', { itemId: syringes.id })).toEqual([{ ...fixed, label: null }]);
    const rows = auditRows(db, 'items.updateGtin');
    expect(rows.map((row) => [JSON.parse(row.before_json!), JSON.parse(row.after_json!)])).toEqual([
      [box, fixed],
      [fixed, retired],
      [retired, { ...fixed, label: null }],
    ]);
    // A change that changes nothing writes nothing.
    const before = databaseState(db);
    perform(db, writer, 'items.updateGtin', { id: box.id, unitsPerPack: 100 });
    expectNothingChanged(db, before);
    expectRefused(
      () => perform(db, writer, 'items.updateGtin', { id: '01900000-0000-7000-8000-000000000000', active: false }),
      'gtin_not_found',
      'id',
    );
  });

  it('is the coordinators and admins to change; any role may list them', async () => {
    const { db, writer, syringes } = await openCatalog();
    const worker = staffWithRole(db, writer, 'outreach_worker');
    expectRefused(
      () => perform(db, worker, 'items.addGtin', { itemId: syringes.id, gtin: '614141000012', unitsPerPack: 100 }),
      'not_permitted',
    );
    const coordinator = staffWithRole(db, writer, 'coordinator');
    perform(db, coordinator, 'items.addGtin', { itemId: syringes.id, gtin: '614141000012', unitsPerPack: 100 });
    expect(perform(db, staffWithRole(db, writer, 'viewer'), 'items.gtins', { itemId: syringes.id })).toHaveLength(1);
  });
});
