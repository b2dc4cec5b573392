/**
 * Slips at the table that must never become a wrong figure: the same form saved twice, an empty
 * form saved, a mistyped code saved as a new person. Each through the contract (dispatch), as
 * the screens call it.
 */
import { describe, expect, it } from 'vitest';
import { fitsFormula } from '../../../db/contract/participant-codes';
import { newId } from '../../../db/platform/ids';
import { countRows, openFieldCore, perform, setProgramSettings } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';

const strips = 'Fentanyl test strip';

describe('the same form saved twice', () => {
  it('is answered with the first save, and nothing is written the second time', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    const form = {
      formKey: newId(),
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'AB12',
      lines: [{ itemId: item(strips).id, quantity: 5 }],
    };
    const first = perform(db, writer, 'encounters.log', form);
    const before = databaseState(db);
    const again = perform(db, writer, 'encounters.log', form);
    expect(again).toEqual({ ...first, shortfalls: [] });
    expectNothingChanged(db, before);

    // Another form with the same content is another encounter.
    const next = perform(db, writer, 'encounters.log', { ...form, formKey: newId() });
    expect(next.id).not.toBe(first.id);
    expect(countRows(core, 'field_entries')).toBe(2);
  });

  it('answers with the entry as it stands: undone, it stays undone, and a new form saves anew', async () => {
    const { core, db, writer, site } = await openFieldCore();
    const form = {
      formKey: newId(),
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      contactOnly: true,
      lines: [],
    };
    const first = perform(db, writer, 'encounters.log', form);
    perform(db, writer, 'encounters.undo', { id: first.id });
    expect(perform(db, writer, 'encounters.log', form)).toMatchObject({
      id: first.id,
      status: 'voided',
      voidKind: 'undo',
    });
    expect(perform(db, writer, 'encounters.log', { ...form, formKey: newId() }).status).toBe('active');
    expect(countRows(core, 'field_entries')).toBe(2);
  });

  it('works for tallies, and a form key used for a tally is no encounter', async () => {
    const { core, db, writer, site } = await openFieldCore();
    const shared = { formKey: newId(), siteId: site.id, occurredAt: '2026-11-20T22:00:00Z', lines: [] };
    const form = { ...shared, contacts: 12 };
    const first = perform(db, writer, 'tallies.log', form);
    expect(perform(db, writer, 'tallies.log', form).id).toBe(first.id);
    expectRefused(() => perform(db, writer, 'encounters.log', { ...shared, contactOnly: true }), 'wrong_kind');
    expect(countRows(core, 'field_entries')).toBe(1);
  });

  it('refuses a form key that is not a UUID, at its field', async () => {
    const { db, writer, site } = await openFieldCore();
    const before = databaseState(db);
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', {
          formKey: 'form-1',
          siteId: site.id,
          occurredAt: '2026-11-20T10:00:00Z',
          contactOnly: true,
          lines: [],
        }),
      'form_key_invalid',
      'formKey',
    );
    expectNothingChanged(db, before);
  });

  it('finds the first save through the form key index', async () => {
    const { db } = await openFieldCore();
    const plan = db.sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM field_entries WHERE form_key = ?')
      .all(Buffer.alloc(16)) as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX field_entries_by_form_key/);
  });
});

describe('an encounter with nothing recorded', () => {
  const empty = (siteId: string) => ({ siteId, occurredAt: '2026-11-20T10:00:00Z', lines: [] });

  it('is refused at the supplies, with a participant code or a note alone too, and writes nothing', async () => {
    const { db, writer, site } = await openFieldCore();
    const before = databaseState(db);
    expectRefused(() => perform(db, writer, 'encounters.log', empty(site.id)), 'entry_empty', 'lines');
    expectRefused(
      () => perform(db, writer, 'encounters.log', { ...empty(site.id), participantCode: 'AB12' }),
      'entry_empty',
      'lines',
    );
    expectRefused(
      () => perform(db, writer, 'encounters.log', { ...empty(site.id), note: 'Talked about housing', onBehalfOf: 2 }),
      'entry_empty',
      'lines',
    );
    expectRefused(
      () => perform(db, writer, 'encounters.log', { ...empty(site.id), collected: { counted: 0, pounds: 0 } }),
      'entry_empty',
      'lines',
    );
    expectNothingChanged(db, before);
  });

  it('is saved as a contact with no supplies when marked so, and anything recorded is enough', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const service = db.first(db.query.selectFrom('service_types').select('id').limit(1))!.id;
    const contact = perform(db, writer, 'encounters.log', {
      ...empty(site.id),
      participantCode: 'AB12',
      note: 'Talked about housing',
      contactOnly: true,
    });
    expect(contact).toMatchObject({ status: 'active', lines: [], participantCode: 'AB12' });
    for (const recorded of [
      { lines: [{ itemId: item(strips).id, quantity: 1 }] },
      { collected: { counted: 3 } },
      { collected: { pounds: 0.5 } },
      { services: [service] },
      { reversals: [{ outcome: 'survived' as const }] },
      { unmetRequests: [{ itemId: item(strips).id, reason: 'out_of_stock' as const }] },
    ]) {
      expect(perform(db, writer, 'encounters.log', { ...empty(site.id), ...recorded }).status).toBe('active');
    }
  });

  it('is refused as a correction too, unless marked a contact with no supplies', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const saved = perform(db, writer, 'encounters.log', {
      ...empty(site.id),
      lines: [{ itemId: item(strips).id, quantity: 1 }],
    });
    const correction = { ...empty(site.id), id: saved.id, expectedRevision: 1, reason: 'nothing was handed out' };
    expectRefused(() => perform(db, writer, 'encounters.correct', correction), 'entry_empty', 'lines');
    expect(perform(db, writer, 'encounters.correct', { ...correction, contactOnly: true }).lines).toEqual([]);
  });

  it('leaves tallies alone: their contacts are what they record', async () => {
    const { db, writer, site } = await openFieldCore();
    expect(perform(db, writer, 'tallies.log', { ...empty(site.id), contacts: 4 }).contacts).toBe(4);
  });
});

describe("a new code and the program's formula", () => {
  it('refuses a new code that does not fit, at the field it was typed in, and writes nothing', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    setProgramSettings(core, { participant_code_formula: 'mother_month_year' });
    const visit = (participantCode: string) =>
      perform(db, writer, 'encounters.log', {
        siteId: site.id,
        occurredAt: '2026-11-20T10:00:00Z',
        participantCode,
        lines: [{ itemId: item(strips).id, quantity: 1 }],
      });
    const before = databaseState(db);
    for (const slip of ['ZZ', '1', 'MA1385', 'MA07850', 'M40785']) {
      expectRefused(() => visit(slip), 'participant_code_unfit', 'participantCode');
    }
    expectRefused(() => perform(db, writer, 'participants.create', { code: 'ZZ' }), 'participant_code_unfit', 'code');
    expectNothingChanged(db, before);
    expect(visit('MA0785').participantCode).toBe('MA0785');
    // Declined answers and a suffix letter fit too.
    expect(visit('XX0000').participantCode).toBe('XX0000');
    expect(visit('MA0785B').participantCode).toBe('MA0785B');
  });

  it('keeps codes that exist valid after the formula changes, and takes any code when it is free', async () => {
    const { core, db, writer, site } = await openFieldCore();
    const visit = (participantCode: string) =>
      perform(db, writer, 'encounters.log', {
        siteId: site.id,
        occurredAt: '2026-11-20T10:00:00Z',
        participantCode,
        contactOnly: true,
        lines: [],
      });
    expect(visit('RIVER-22').participantCode).toBe('RIVER-22');
    setProgramSettings(core, { participant_code_formula: 'surname_mother_day' });
    expect(visit('RIVER-22').participantCode).toBe('RIVER-22');
    expectRefused(() => visit('LAKE-23'), 'participant_code_unfit', 'participantCode');
    expect(visit('SMA07').participantCode).toBe('SMA07');
  });

  it.each([
    [
      'gender_letters_year',
      ['FABCD1985', 'XXXXX0000', 'NWXYZ2001', 'FABCD1985B'],
      ['ZABCD1985', 'FABC1985', 'FABCD1850', 'FABCD85'],
    ],
    ['mother_month_year', ['MA0785', 'XX0000', 'MA1299', 'MA0785ZZ'], ['MA1385', 'MA785', 'M10785', 'MA0785ABC']],
    ['surname_mother_day', ['SMA07', 'XXX00', 'SMA31', 'SMA07C'], ['SMA32', 'SM07', 'SMA7X', '5MA07']],
    ['free', ['ZZ', '1', 'RIVER-22'], ['', '-AB', 'a b']],
  ] as const)('tells codes that fit %s from ones that do not', (formula, fitting, unfit) => {
    for (const code of fitting) expect(fitsFormula(code, formula), code).toBe(true);
    for (const code of unfit) expect(fitsFormula(code, formula), code).toBe(false);
  });
});
