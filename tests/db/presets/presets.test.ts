import { describe, expect, it } from 'vitest';
import { refusal } from '../../support/refusal';
import { countRows, openFieldCore, perform, read } from '../../support/core';

const syringe = 'Syringe 1 mL 28G 1/2in';
const strips = 'Fentanyl test strip';

describe('presets', () => {
  it('are created, listed in order with item names, updated and retired, all audited', async () => {
    const { core, db, writer, item } = await openFieldCore();
    const kit = perform(db, writer, 'presets.create', {
      name: ' Standard injection kit x2 ',
      lines: [
        { itemId: item(syringe).id, quantity: 20 },
        { itemId: item(strips).id, quantity: 2 },
      ],
    });
    expect(kit).toMatchObject({
      name: 'Standard injection kit x2',
      sortOrder: 0,
      active: true,
      lines: [
        { itemId: item(syringe).id, itemName: syringe, quantity: 20 },
        { itemId: item(strips).id, itemName: strips, quantity: 2 },
      ],
    });
    const testing = perform(db, writer, 'presets.create', {
      name: 'Drug checking',
      lines: [{ itemId: item(strips).id, quantity: 5 }],
    });
    expect(testing.sortOrder).toBe(1);
    expect(read(db, 'presets.list', {}).map((preset) => preset.name)).toEqual([
      'Standard injection kit x2',
      'Drug checking',
    ]);

    const moved = perform(db, writer, 'presets.update', {
      id: testing.id,
      sortOrder: -1,
      lines: [{ itemId: item(strips).id, quantity: 10 }],
    });
    expect(moved.lines[0]!.quantity).toBe(10);
    expect(read(db, 'presets.list', {}).map((preset) => preset.name)).toEqual([
      'Drug checking',
      'Standard injection kit x2',
    ]);
    perform(db, writer, 'presets.update', { id: kit.id, active: false });
    expect(read(db, 'presets.list', {}).map((preset) => preset.name)).toEqual(['Drug checking']);
    expect(read(db, 'presets.list', { includeInactive: true })).toHaveLength(2);

    const audit = db.all(
      db.query.selectFrom('audit_log').select('action').where('entity_type', '=', 'preset').orderBy('seq'),
    );
    expect(audit.map((row) => row.action)).toEqual([
      'presets.create',
      'presets.create',
      'presets.update',
      'presets.update',
    ]);
    expect(() => db.sqlite.prepare('DELETE FROM presets').run()).toThrow(/never deleted/);
    expect(countRows(core, 'presets')).toBe(2);
  });

  it('refuse bad input at the field and change nothing', async () => {
    const { core, db, writer, item } = await openFieldCore();
    const line = { itemId: item(syringe).id, quantity: 20 };
    perform(db, writer, 'presets.create', { name: 'Kit', lines: [line] });
    const audit = countRows(core, 'audit_log');
    expect(refusal(() => perform(db, writer, 'presets.create', { name: 'KIT', lines: [line] }))).toMatchObject({
      code: 'preset_name_taken',
      field: 'name',
    });
    expect(refusal(() => perform(db, writer, 'presets.create', { name: 'Empty', lines: [] }))).toMatchObject({
      code: 'preset_lines_required',
      field: 'lines',
    });
    expect(refusal(() => perform(db, writer, 'presets.create', { name: 'Twice', lines: [line, line] }))).toMatchObject({
      code: 'item_repeated',
      field: 'lines.1.itemId',
    });
    expect(
      refusal(() =>
        perform(db, writer, 'presets.create', { name: 'Zero', lines: [{ itemId: item(syringe).id, quantity: 0 }] }),
      ),
    ).toMatchObject({ code: 'quantity_positive', field: 'lines.0.quantity' });
    db.sqlite.prepare('UPDATE items SET active = 0 WHERE id = ?').run(item(strips).id);
    expect(
      refusal(() =>
        perform(db, writer, 'presets.create', { name: 'Retired', lines: [{ itemId: item(strips).id, quantity: 1 }] }),
      ),
    ).toMatchObject({ code: 'item_inactive', field: 'lines.0.itemId' });
    expect(
      refusal(() => perform(db, writer, 'presets.update', { id: '01900000-0000-7000-8000-000000000000', name: 'X' })),
    ).toMatchObject({
      code: 'preset_not_found',
    });
    db.sqlite.prepare('UPDATE staff SET role = ? WHERE id = ?').run('outreach_worker', writer.staffId);
    expect(refusal(() => perform(db, writer, 'presets.create', { name: 'Mine', lines: [line] })).code).toBe(
      'not_permitted',
    );
    expect(countRows(core, 'presets')).toBe(1);
    expect(countRows(core, 'audit_log')).toBe(audit);
  });
});
