/** Kits (db/catalog/kits.ts): contents as immutable versions, and what a kit may contain. */
import { describe, expect, it } from 'vitest';
import { currentKitVersionId } from '../../../db/catalog/kits';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const missing = '01900000-0000-7000-8000-000000000000';
const syringe = 'Syringe 1 mL 28G 1/2in';
const smokingKit = 'Safer smoking kit';

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
