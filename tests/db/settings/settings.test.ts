import { describe, expect, it } from 'vitest';
import { idOfKey } from '../../../db/platform/keys';
import { storedCodes } from '../../../db/platform/stored-codes';
import { openFieldCore, openTestCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { callError, callOk } from '../../support/contract';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

describe('program settings', () => {
  it('start with the defaults a new program needs', async () => {
    const core = await openTestCore();
    expect(read(core.context.db, 'settings.get', {})).toMatchObject({
      programName: 'Harm reduction program',
      participantCodeFormula: 'mother_month_year',
      syringesPerContainer: 100,
      syringesPerPound: 281,
      expiryWarningDays: 60,
      smallCellThreshold: 11,
      defaultLanguage: 'en',
      updatedBy: core.identity.defaultStaffId,
    });
  });

  it('change only the fields given, store the canonical time zone, and audit before and after', async () => {
    const { db, writer } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    const before = read(db, 'settings.get', {});
    const after = perform(db, writer, 'settings.update', {
      timeZone: 'america/vancouver',
      expiryWarningDays: 30,
      smallCellThreshold: 5,
    });

    expect(after).toEqual({
      ...before,
      timeZone: 'America/Vancouver',
      expiryWarningDays: 30,
      smallCellThreshold: 5,
      updatedAt: '2026-11-22T20:00:00.000Z',
    });
    expect(read(db, 'settings.get', {})).toEqual(after);
    const [audit] = auditRows(db, 'settings.update');
    expect(JSON.parse(audit!.before_json!)).toEqual(before);
    expect(JSON.parse(audit!.after_json!)).toEqual(after);
    expect(idOfKey(db, 'staff', audit!.staff_key!)).toBe(writer.staffId);
  });

  it('accept every setting at once', async () => {
    const { db, writer } = await openFieldCore();
    const every = {
      timeZone: 'America/Toronto',
      participantCodeFormula: 'gender_letters_year',
      syringesPerContainer: 150,
      syringesPerPound: 281.5,
      expiryWarningDays: 0,
      smallCellThreshold: 100,
      stockStartDate: '2024-02-29',
      defaultLanguage: 'es',
    } as const;
    const after = perform(db, writer, 'settings.update', { ...every, programName: '  Eastside Harm Reduction  ' });
    expect(after).toMatchObject({ ...every, programName: 'Eastside Harm Reduction' });
  });

  it('write nothing when nothing changes', async () => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    const current = read(db, 'settings.get', {});
    expect(perform(db, writer, 'settings.update', {})).toEqual(current);
    expect(perform(db, writer, 'settings.update', { expiryWarningDays: current.expiryWarningDays })).toEqual(current);
    expectNothingChanged(db, state);
  });

  it.each([
    [{ programName: '   ' }, 'name_required', 'programName'],
    [{ programName: 'x'.repeat(121) }, 'program_name_too_long', 'programName'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'time_zone_invalid', 'timeZone'],
    [{ timeZone: '+05:00' }, 'time_zone_invalid', 'timeZone'],
    [{ timeZone: '' }, 'time_zone_invalid', 'timeZone'],
    [{ participantCodeFormula: 'full_name' }, 'invalid_value', 'participantCodeFormula'],
    [{ syringesPerContainer: 0 }, 'syringes_per_container_invalid', 'syringesPerContainer'],
    [{ syringesPerContainer: -5 }, 'syringes_per_container_invalid', 'syringesPerContainer'],
    [{ syringesPerPound: 0 }, 'syringes_per_pound_invalid', 'syringesPerPound'],
    [{ syringesPerPound: '281' }, 'syringes_per_pound_invalid', 'syringesPerPound'],
    [{ expiryWarningDays: -1 }, 'expiry_warning_days_invalid', 'expiryWarningDays'],
    [{ expiryWarningDays: 7.5 }, 'expiry_warning_days_invalid', 'expiryWarningDays'],
    [{ smallCellThreshold: 0 }, 'small_cell_threshold_invalid', 'smallCellThreshold'],
    [{ smallCellThreshold: 101 }, 'small_cell_threshold_invalid', 'smallCellThreshold'],
    [{ stockStartDate: '2026-02-30' }, 'date_invalid', 'stockStartDate'],
    [{ stockStartDate: '03/01/2026' }, 'date_invalid', 'stockStartDate'],
    [{ defaultLanguage: 'fr' }, 'invalid_value', 'defaultLanguage'],
    [{ colour: 'blue' }, 'unknown_field', undefined],
  ])('refuse %j at its field and change nothing', async (input, code, field) => {
    const { db, writer } = await openFieldCore();
    const state = databaseState(db);
    expectRefused(() => perform(db, writer, 'settings.update', input as never), code, field);
    expectNothingChanged(db, state);
  });

  it('keep the stock start date from moving past a day stock already moved on', async () => {
    const { db, writer, site, item } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    // Stock is tracked from 2025-01-01; syringes arrive on 2026-03-10 (Los Angeles).
    perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: item('Syringe 1 mL 28G 1/2in').id,
      units: 100,
      receivedAt: '2026-03-10T12:00:00-08:00',
    });
    const state = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'settings.update', { stockStartDate: '2026-03-11' }),
      'stock_start_after_movements',
      'stockStartDate',
    );
    expectNothingChanged(db, state);
    expect(perform(db, writer, 'settings.update', { stockStartDate: '2026-03-10' }).stockStartDate).toBe('2026-03-10');
    expect(perform(db, writer, 'settings.update', { stockStartDate: '2024-06-01' }).stockStartDate).toBe('2024-06-01');
  });

  it('are changed by admins only', async () => {
    const { db, writer } = await openFieldCore();
    for (const role of ['coordinator', 'outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(() => perform(db, other, 'settings.update', { programName: 'Renamed' }), 'not_permitted');
      expectNothingChanged(db, state);
    }
  });

  it('never rewrite what was recorded before the change', async () => {
    const { db, writer, site, item } = await openFieldCore({ clock: () => new Date('2026-11-22T20:00:00Z') });
    // 06:30 UTC is still the evening before in Los Angeles.
    const receipt = perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: item('Syringe 1 mL 28G 1/2in').id,
      packs: 2,
      receivedAt: '2026-11-01T06:30:00Z',
    });
    expect(receipt.localDate).toBe('2026-10-31');
    perform(db, writer, 'settings.update', { timeZone: 'UTC', syringesPerContainer: 50 });
    const stored = db.sqlite.prepare('SELECT local_date FROM receipts WHERE id = ?').get(receipt.id);
    const movement = db.sqlite
      .prepare(
        `SELECT m.local_date FROM stock_movements m JOIN receipts r ON r.key = m.source_key
         WHERE m.source_type = ? AND r.id = ?`,
      )
      .get(storedCodes.movementSource.code('receipt'), receipt.id);
    expect(stored).toEqual({ local_date: '2026-10-31' });
    expect(movement).toEqual({ local_date: '2026-10-31' });
  });

  it('answer through their channels', async () => {
    const { core, db, writer, actor } = await openFieldCore();
    expect(callOk(core, 'settings.get', {}, actor)).toEqual(read(db, 'settings.get', {}));
    expect(callOk(core, 'settings.update', { defaultLanguage: 'es' }, actor).defaultLanguage).toBe('es');
    expect(callError(core, 'settings.update', { smallCellThreshold: 0 }, actor)).toMatchObject({
      code: 'small_cell_threshold_invalid',
      field: 'smallCellThreshold',
    });
    const viewer = staffWithRole(db, writer, 'viewer');
    expect(callError(core, 'settings.update', { defaultLanguage: 'en' }, { staffId: viewer.staffId })).toMatchObject({
      code: 'not_permitted',
    });
  });
});
