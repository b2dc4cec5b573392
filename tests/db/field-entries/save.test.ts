import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import { newId } from '../../../db/platform/ids';
import { keyOfExisting, writerKeys } from '../../../db/platform/keys';
import { storedCodes } from '../../../db/platform/stored-codes';
import { checkBalances } from '../../../db/inventory/ledger';
import { checkRollups } from '../../../db/reports/rollup-checks';
import { verifyDatabase } from '../../../db/system/system';
import { digestOf } from '../../support/audit';
import { expectRefused } from '../../support/refusal';
import { countRows, openFieldCore, perform, read, setProgramSettings } from '../../support/core';
import { addLot, balance, stockUp } from '../../support/stock';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const syringe = 'Syringe 1 mL 28G 1/2in';
const naloxone = 'Naloxone nasal 4 mg (box of 2)';
const strips = 'Fentanyl test strip';

function rollupsHold(db: Parameters<typeof checkRollups>[0]): void {
  expect(checkRollups(db).filter((check) => check.mismatches > 0)).toEqual([]);
  expect(checkBalances(db).mismatches).toBe(0);
}

function dayCounts(db: Parameters<typeof checkRollups>[0], siteId: string, localDate: string) {
  return db.first(
    db.query
      .selectFrom('daily_site_counts')
      .selectAll()
      .where('site_key', '=', keyOfExisting(db, 'sites', siteId))
      .where('local_date', '=', localDate),
  );
}

function itemDay(db: Parameters<typeof checkRollups>[0], itemId: string, localDate: string) {
  return db.first(
    db.query
      .selectFrom('daily_item_units')
      .selectAll()
      .where('item_key', '=', keyOfExisting(db, 'items', itemId))
      .where('local_date', '=', localDate),
  );
}

/** The audit rows written for one entry, oldest first. */
function entryAudit(db: Parameters<typeof checkRollups>[0], entryId: string) {
  return db.all(
    db.query
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', 'in', ['encounter', 'tally'])
      .where('entity_key', '=', keyOfExisting(db, 'field_entries', entryId))
      .orderBy('seq'),
  );
}

describe('logging an encounter', () => {
  it('saves it with its supplies, creates the participant, and lists it first', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:15:00-08:00',
      participantCode: ' ma0785 ',
      lines: [
        { itemId: item(syringe).id, quantity: 20 },
        { itemId: item(naloxone).id, quantity: 1 },
      ],
    });
    expect(saved).toMatchObject({
      kind: 'encounter',
      status: 'active',
      revision: 1,
      participantCode: 'MA0785',
      occurredAt: '2026-11-20T18:15:00.000Z',
      localDate: '2026-11-20',
      contactType: 'in_person',
      siteName: site.name,
      loggedBy: 'Default staff member',
      movesStock: true,
    });
    expect(saved.id).toMatch(uuidV7);
    expect(saved.lines.map((line) => [line.itemName, line.quantity])).toEqual([
      [syringe, 20],
      [naloxone, 1],
    ]);
    expect(read(db, 'encounters.list', {})[0]).toEqual({ ...saved, shortfalls: [] });
    expect(countRows(core, 'participants')).toBe(1);
    rollupsHold(db);
  });

  it('counts the day in the program time zone, not UTC', async () => {
    const { db, writer, site } = await openFieldCore();
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-21T05:30:00Z',
      contactOnly: true,
      lines: [],
    });
    expect(saved.localDate).toBe('2026-11-20');
    expect(dayCounts(db, site.id, '2026-11-20')).toMatchObject({ encounters: 1, anonymous_encounters: 1 });
  });

  it('records the device and staff member, and audits the save', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    const auditBefore = countRows(core, 'audit_log');
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      lines: [{ itemId: item(strips).id, quantity: 5 }],
    });
    const entryKey = keyOfExisting(db, 'field_entries', saved.id);
    const { deviceKey, staffKey } = writerKeys(db, writer);
    const revision = db.first(
      db.query.selectFrom('field_entry_revisions').selectAll().where('entry_key', '=', entryKey),
    )!;
    expect(revision).toMatchObject({ origin_device_key: deviceKey, created_by_key: staffKey });
    const movement = db.first(
      db.query
        .selectFrom('stock_movements')
        .selectAll()
        .where('source_type', '=', storedCodes.movementSource.code('field_entry'))
        .where('source_key', '=', entryKey),
    )!;
    expect(movement).toMatchObject({
      kind: storedCodes.movementKind.code('distribution'),
      units: -5,
      source_revision_key: revision.key,
      origin_device_key: deviceKey,
      created_by_key: staffKey,
    });
    const audit = entryAudit(db, saved.id);
    expect(audit.map((row) => row.action)).toEqual(['encounters.log']);
    // The entry is kept as a fact: the row holds a digest of what was saved, not a second copy.
    expect(audit[0]).toMatchObject({ before_json: null, after_json: null });
    expect(Buffer.from(audit[0]!.after_digest!)).toEqual(digestOf(read(db, 'encounters.get', { id: saved.id })));
    expect(countRows(core, 'audit_log')).toBe(auditBefore + 1); // an anonymous walk-in creates no participant
  });

  it('keeps secondary distribution, collection, services, reversal reports and unmet requests', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const services = db.all(db.query.selectFrom('service_types').selectAll().orderBy('sort_order')).slice(0, 2);
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00-08:00',
      participantCode: 'AB12',
      onBehalfOf: 3,
      lines: [{ itemId: item(naloxone).id, quantity: 2 }],
      collected: { counted: 40, containers: 2, pounds: 1.5 },
      services: services.map((service) => service.id),
      reversals: [{ outcome: 'survived', dosesUsed: 2, note: 'EMS not called' }],
      unmetRequests: [{ itemId: item(strips).id, reason: 'out_of_stock', quantity: 10 }],
      note: 'Asked about housing',
    });
    // 2 containers x 100 + 1.5 lb x 281 = 621.5, rounded
    expect(saved.collected).toEqual({ counted: 40, containers: 2, pounds: 1.5, estimated: 622, total: 662 });
    expect(saved.services.map((service) => service.id)).toEqual(services.map((service) => service.id));
    expect(saved.reversals).toEqual([{ outcome: 'survived', dosesUsed: 2, note: 'EMS not called' }]);
    expect(saved.unmetRequests).toEqual([
      { itemId: item(strips).id, itemName: strips, reason: 'out_of_stock', quantity: 10 },
    ]);
    expect(dayCounts(db, site.id, '2026-11-20')).toMatchObject({
      encounters: 1,
      anonymous_encounters: 0,
      secondary_encounters: 1,
      secondary_people: 3,
      collected_counted: 40,
      collected_estimated: 622,
      reversals: 1,
    });
    expect(itemDay(db, item(naloxone).id, '2026-11-20')).toMatchObject({ units: 2, doses: 4 });
    rollupsHold(db);
  });

  it('answers a save with the entry exactly as reading it back finds it', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const services = db.all(db.query.selectFrom('service_types').selectAll().orderBy('sort_order')).slice(0, 3);
    const lot = addLot(db, writer, item(naloxone).id, 'NX-7', '2027-06-30');
    stockUp(db, writer, { siteId: site.id, itemId: item(naloxone).id, units: 1, lotId: lot });
    const encounter = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T23:30:00-08:00',
      participantCode: 'CD34',
      contactType: 'delivery',
      onBehalfOf: 1,
      lines: [
        { itemId: item(naloxone).id, quantity: 2, lotId: lot },
        { itemId: item('Safer smoking kit').id, quantity: 1 },
        { itemId: item(strips).id, quantity: 4 },
      ],
      collected: { counted: 3, containers: 1 },
      // Given out of their list order: the answer lists them in it, as a read does.
      services: [...services].reverse().map((service) => service.id),
      reversals: [
        { outcome: 'survived', dosesUsed: 1, note: '' },
        { outcome: 'unknown', note: 'Heard later' },
      ],
      unmetRequests: [{ itemId: item(syringe).id, reason: 'not_carried' }],
      note: 'Second visit this week',
    });
    // One naloxone box was in stock for two: the save says so; the stored entry has no shortfalls.
    expect(encounter.shortfalls).toContainEqual({ itemId: item(naloxone).id, units: 1 });
    expect({ ...encounter, shortfalls: [] }).toEqual(read(db, 'encounters.get', { id: encounter.id }));

    const tally = perform(db, writer, 'tallies.log', {
      siteId: site.id,
      occurredAt: '2026-11-21T09:00:00Z',
      contacts: 12,
      lines: [{ itemId: item(syringe).id, quantity: 120 }],
    });
    expect({ ...tally, shortfalls: [] }).toEqual(read(db, 'tallies.get', { id: tally.id }));
  });

  it('keeps the factors it was estimated with when settings change later', async () => {
    const { core, db, writer, site } = await openFieldCore();
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      lines: [],
      collected: { pounds: 1 },
    });
    setProgramSettings(core, { syringes_per_pound: 300 });
    expect(read(db, 'encounters.get', { id: saved.id }).collected.estimated).toBe(281);
    rollupsHold(db);
    const corrected = perform(db, writer, 'encounters.correct', {
      id: saved.id,
      expectedRevision: 1,
      reason: 'weight re-checked',
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      lines: [],
      collected: { pounds: 1 },
    });
    expect(corrected.collected.estimated).toBe(300);
  });

  it.each([
    [0, 'quantity_positive'],
    [-3, 'quantity_positive'],
    [1.5, 'quantity_whole'],
    [10_001, 'quantity_too_large'],
  ])('refuses quantity %s at the field and writes nothing', async (quantity, code) => {
    const { core, db, writer, site, item } = await openFieldCore();
    const audit = countRows(core, 'audit_log');
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', {
          siteId: site.id,
          occurredAt: '2026-11-20T10:00:00Z',
          lines: [
            { itemId: item(syringe).id, quantity: 2 },
            { itemId: item(strips).id, quantity },
          ],
        }),
      code,
      'lines.1.quantity',
    );
    for (const table of ['field_entries', 'field_entry_revisions', 'field_entry_lines', 'stock_movements'] as const) {
      expect(countRows(core, table)).toBe(0);
    }
    expect(countRows(core, 'audit_log')).toBe(audit);
  });

  it('refuses unknown or retired references, naming the field', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    const missing = '01900000-0000-7000-8000-000000000000';
    const base = { siteId: site.id, occurredAt: '2026-11-20T10:00:00Z', contactOnly: true, lines: [] };
    expectRefused(
      () => perform(db, writer, 'encounters.log', { ...base, siteId: missing }),
      'site_not_found',
      'siteId',
    );
    expectRefused(
      () => perform(db, writer, 'encounters.log', { ...base, lines: [{ itemId: missing, quantity: 1 }] }),
      'item_not_found',
      'lines.0.itemId',
    );
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', {
          ...base,
          lines: [{ itemId: item(syringe).id, quantity: 1, lotId: missing }],
        }),
      'lot_not_found',
      'lines.0.lotId',
    );
    expectRefused(
      () => perform(db, writer, 'encounters.log', { ...base, services: [missing] }),
      'service_type_not_found',
      'services.0',
    );
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', { ...base, unmetRequests: [{ itemId: missing, reason: 'not_carried' }] }),
      'item_not_found',
      'unmetRequests.0.itemId',
    );
    db.sqlite.prepare('UPDATE sites SET active = 0 WHERE id = ?').run(site.id);
    expectRefused(() => perform(db, writer, 'encounters.log', base), 'site_inactive', 'siteId');
    expect(countRows(core, 'field_entries')).toBe(0);
  });

  it.each([
    ['not a date', 'occurred_at_invalid'],
    ['2026-11-20T10:15', 'occurred_at_invalid'],
    ['2026-02-30T10:15:00Z', 'occurred_at_invalid'],
    ['1999-12-31T23:00:00Z', 'occurred_at_too_early'],
  ])('refuses the date %s', async (occurredAt, code) => {
    const { core, db, writer, site } = await openFieldCore();
    expectRefused(
      () => perform(db, writer, 'encounters.log', { siteId: site.id, occurredAt, contactOnly: true, lines: [] }),
      code,
      'occurredAt',
    );
    expect(countRows(core, 'field_entries')).toBe(0);
  });

  it('refuses a date more than a day ahead of the clock', async () => {
    const { db, writer, site } = await openFieldCore({ clock: () => new Date('2026-11-22T12:00:00Z') });
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', {
          siteId: site.id,
          occurredAt: '2026-11-24T12:00:00Z',
          contactOnly: true,
          lines: [],
        }),
      'occurred_at_future',
      'occurredAt',
    );
    expect(
      perform(db, writer, 'encounters.log', {
        siteId: site.id,
        occurredAt: '2026-11-22T18:00:00Z',
        contactOnly: true,
        lines: [],
      }).id,
    ).toMatch(uuidV7);
  });

  it('refuses repeats and a malformed participant code, reporting every bad field at once', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const id = item(syringe).id;
    const base = { siteId: site.id, occurredAt: '2026-11-20T10:00:00Z' };
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', {
          ...base,
          lines: [
            { itemId: id, quantity: 1 },
            { itemId: id, quantity: 2 },
          ],
        }),
      'item_repeated',
      'lines.1.itemId',
    );
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', { ...base, participantCode: 'Jane Doe', contactOnly: true, lines: [] }),
      'participant_code_format',
      'participantCode',
    );
    const error = expectRefused(
      () =>
        perform(db, writer, 'encounters.log', {
          siteId: 'nope',
          occurredAt: 'never',
          onBehalfOf: -1,
          lines: [{ itemId: id, quantity: 0 }],
        }),
      'site_required',
    );
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'siteId',
      'occurredAt',
      'lines.0.quantity',
      'onBehalfOf',
    ]);
  });

  it('refuses staff this database does not know, and viewers', async () => {
    const { core, db, writer, site } = await openFieldCore();
    const base = { siteId: site.id, occurredAt: '2026-11-20T10:00:00Z', contactOnly: true, lines: [] };
    expectRefused(() => perform(db, { ...writer, staffId: newId() }, 'encounters.log', base), 'staff_not_found');
    db.sqlite.prepare('UPDATE staff SET role = ? WHERE id = ?').run('viewer', writer.staffId);
    expectRefused(() => perform(db, writer, 'encounters.log', base), 'not_permitted');
    expect(countRows(core, 'field_entries')).toBe(0);
  });

  it('writes all of an encounter or none of it', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    db.sqlite.exec(
      `CREATE TEMP TRIGGER fail_on_seven BEFORE INSERT ON field_entry_lines WHEN NEW.units = 7
       BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    );
    expect(() =>
      perform(db, writer, 'encounters.log', {
        siteId: site.id,
        occurredAt: '2026-11-20T10:00:00Z',
        participantCode: 'NEW1',
        lines: [
          { itemId: item(syringe).id, quantity: 3 },
          { itemId: item(strips).id, quantity: 7 },
        ],
      }),
    ).toThrow('simulated failure');
    for (const table of [
      'field_entries',
      'field_entry_revisions',
      'field_entry_lines',
      'participants',
      'stock_movements',
      'stock_balances',
      'daily_site_counts',
    ] as const) {
      expect(countRows(core, table), table).toBe(0);
    }
  });
});

describe('stock moved by field work', () => {
  it('takes lots first-expiry-first-out, skipping expired lots, and never blocks on stock', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const naloxoneId = item(naloxone).id;
    const expired = addLot(db, writer, naloxoneId, 'OLD-1', '2026-01-31');
    const soon = addLot(db, writer, naloxoneId, 'SOON-1', '2026-12-31');
    const later = addLot(db, writer, naloxoneId, 'LATER-1', '2027-06-30');
    stockUp(db, writer, { siteId: site.id, itemId: naloxoneId, lotId: expired, units: 5 });
    stockUp(db, writer, { siteId: site.id, itemId: naloxoneId, lotId: later, units: 20 });
    stockUp(db, writer, { siteId: site.id, itemId: naloxoneId, lotId: soon, units: 10 });

    const first = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      lines: [{ itemId: naloxoneId, quantity: 15 }],
    });
    expect(first.shortfalls).toEqual([]);
    expect([
      balance(db, site.id, naloxoneId, soon),
      balance(db, site.id, naloxoneId, later),
      balance(db, site.id, naloxoneId, expired),
    ]).toEqual([0, 15, 5]);

    const chosen = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T11:00:00Z',
      lines: [{ itemId: naloxoneId, quantity: 2, lotId: expired }],
    });
    expect(chosen.lines[0]).toMatchObject({ lotId: expired, lotNumber: 'OLD-1' });
    expect(balance(db, site.id, naloxoneId, expired)).toBe(3);

    const short = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T12:00:00Z',
      lines: [{ itemId: naloxoneId, quantity: 20 }],
    });
    expect(short.shortfalls).toEqual([{ itemId: naloxoneId, units: 5 }]);
    expect(balance(db, site.id, naloxoneId, later)).toBe(0);
    expect(balance(db, site.id, naloxoneId, null)).toBe(-5); // flagged for a count
    rollupsHold(db);
  });

  it('records history before the stock start date in reports without moving stock', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    setProgramSettings(core, { stock_start_date: '2026-11-01' });
    const history = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-10-15T10:00:00Z',
      lines: [{ itemId: item(syringe).id, quantity: 50 }],
    });
    expect(history.movesStock).toBe(false);
    expect(history.shortfalls).toEqual([]);
    expect(countRows(core, 'stock_movements')).toBe(0);
    expect(itemDay(db, item(syringe).id, '2026-10-15')).toMatchObject({ units: 50 });
    rollupsHold(db);
  });
});

describe('corrections and voids', () => {
  it('writes a new revision, reverses the old stock movements and keeps the history', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    stockUp(db, writer, { siteId: site.id, itemId: item(syringe).id, units: 100 });
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'CD34',
      lines: [{ itemId: item(syringe).id, quantity: 30 }],
    });
    const corrected = perform(db, writer, 'encounters.correct', {
      id: saved.id,
      expectedRevision: 1,
      reason: 'typed 30 instead of 20',
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'CD34',
      lines: [{ itemId: item(syringe).id, quantity: 20 }],
    });
    expect(corrected).toMatchObject({ revision: 2, changeReason: 'typed 30 instead of 20' });
    expect(balance(db, site.id, item(syringe).id)).toBe(80);
    expect(itemDay(db, item(syringe).id, '2026-11-20')).toMatchObject({ units: 20 });
    expect(countRows(core, 'field_entry_revisions')).toBe(2);
    const audit = entryAudit(db, saved.id);
    expect(audit.map((row) => row.action)).toEqual(['encounters.log', 'encounters.correct']);
    // Both sides of the correction are kept as facts: the revision it replaced, and its own (digested).
    expect(audit[1]).toMatchObject({ before_json: null, after_json: null });
    expect(Buffer.from(audit[1]!.after_digest!)).toEqual(digestOf({ ...corrected, shortfalls: [] }));
    const revisions = db.all(
      db.query
        .selectFrom('field_entry_revisions as r')
        .innerJoin('field_entry_lines as l', 'l.revision_key', 'r.key')
        .select(['r.key', 'r.revision', 'r.replaces_revision_key', 'l.units'])
        .where('r.entry_key', '=', keyOfExisting(db, 'field_entries', saved.id))
        .orderBy('r.revision'),
    );
    expect(revisions).toEqual([
      { key: revisions[0]!.key, revision: 1, replaces_revision_key: null, units: 30 },
      { key: revisions[1]!.key, revision: 2, replaces_revision_key: revisions[0]!.key, units: 20 },
    ]);
    rollupsHold(db);

    expectRefused(
      () =>
        perform(db, writer, 'encounters.correct', {
          id: saved.id,
          expectedRevision: 1,
          reason: 'stale screen',
          siteId: site.id,
          occurredAt: '2026-11-20T10:00:00Z',
          contactOnly: true,
          lines: [],
        }),
      'entry_changed_meanwhile',
      'expectedRevision',
    );
    expect(read(db, 'encounters.get', { id: saved.id }).revision).toBe(2);
  });

  it('moves the participant, the day and the site when those are corrected', async () => {
    const { db, writer, site } = await openFieldCore();
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'WRONG1',
      contactOnly: true,
      lines: [],
    });
    perform(db, writer, 'encounters.correct', {
      id: saved.id,
      expectedRevision: 1,
      reason: 'wrong code and day',
      siteId: site.id,
      occurredAt: '2026-11-18T10:00:00Z',
      participantCode: 'RIGHT1',
      contactOnly: true,
      lines: [],
    });
    expect(dayCounts(db, site.id, '2026-11-20')).toMatchObject({ encounters: 0 });
    expect(dayCounts(db, site.id, '2026-11-18')).toMatchObject({ encounters: 1 });
    const participants = db.all(db.query.selectFrom('participants').select(['code', 'first_seen_on']).orderBy('code'));
    expect(participants).toEqual([
      { code: 'RIGHT1', first_seen_on: '2026-11-18' },
      { code: 'WRONG1', first_seen_on: null },
    ]);
    rollupsHold(db);
  });

  it('voids with a reason: stock comes back, reports drop it, nothing is deleted', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    stockUp(db, writer, { siteId: site.id, itemId: item(strips).id, units: 10 });
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'EF56',
      lines: [{ itemId: item(strips).id, quantity: 4 }],
    });
    const voided = perform(db, writer, 'encounters.void', { id: saved.id, reason: 'undone' });
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'undone' });
    expect(balance(db, site.id, item(strips).id)).toBe(10);
    expect(dayCounts(db, site.id, '2026-11-20')).toMatchObject({ encounters: 0 });
    expect(read(db, 'encounters.list', {})).toEqual([]);
    expect(read(db, 'encounters.list', { includeVoided: true }).map((encounter) => encounter.id)).toEqual([saved.id]);
    expect(countRows(core, 'field_entry_revisions')).toBe(1);
    expect(db.first(db.query.selectFrom('participants').select('first_seen_on'))).toEqual({ first_seen_on: null });
    expectRefused(
      () => perform(db, writer, 'encounters.void', { id: saved.id, reason: 'again' }),
      'entry_voided',
      'id',
    );
    expectRefused(
      () =>
        perform(db, writer, 'encounters.correct', {
          id: saved.id,
          expectedRevision: 1,
          reason: 'x',
          siteId: site.id,
          occurredAt: '2026-11-20T10:00:00Z',
          contactOnly: true,
          lines: [],
        }),
      'entry_voided',
    );
    expectRefused(
      () => perform(db, writer, 'encounters.void', { id: saved.id, reason: '  ' }),
      'reason_required',
      'reason',
    );
    rollupsHold(db);
  });

  it('never lets facts be changed or deleted in the database itself', async () => {
    const { db, writer, site } = await openFieldCore();
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      contactOnly: true,
      lines: [],
    });
    expect(() => db.sqlite.prepare('UPDATE field_entry_revisions SET contacts = 5').run()).toThrow(/never changed/);
    expect(() => db.sqlite.prepare('DELETE FROM field_entry_revisions').run()).toThrow(/never deleted/);
    expect(() => db.sqlite.prepare('DELETE FROM field_entries WHERE id = ?').run(saved.id)).toThrow(/never deleted/);
    expect(() => db.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/never deleted/);
    expect(() => db.sqlite.prepare('UPDATE stock_movements SET units = 1').run()).not.toThrow(); // no rows yet: nothing to refuse
  });
});

describe('first-seen dates', () => {
  it('move earlier with a back-dated entry and later when the first visit is voided', async () => {
    const { db, writer, site } = await openFieldCore();
    const firstSeen = () =>
      db.first(db.query.selectFrom('participants').select('first_seen_on').where('code', '=', 'GH78'))?.first_seen_on;
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'GH78',
      contactOnly: true,
      lines: [],
    });
    expect(firstSeen()).toBe('2026-11-20');
    const backDated = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-02T10:00:00Z',
      participantCode: 'GH78',
      contactOnly: true,
      lines: [],
    });
    expect(firstSeen()).toBe('2026-11-02');
    perform(db, writer, 'encounters.void', { id: backDated.id, reason: 'entered twice' });
    expect(firstSeen()).toBe('2026-11-20');
    rollupsHold(db);
  });
});

describe('kits', () => {
  it('counts a distributed kit by its contents as they were, even after the kit changes', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const kit = item('Safer smoking kit');
    const defineKit = (components: [string, number][]) =>
      perform(db, writer, 'items.setKitContents', {
        itemId: kit.id,
        components: components.map(([name, units]) => ({ itemId: item(name).id, units })),
      });
    defineKit([
      [syringe, 10],
      [strips, 2],
    ]);
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      lines: [{ itemId: kit.id, quantity: 2 }],
    });
    defineKit([[syringe, 5]]);
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T11:00:00Z',
      lines: [{ itemId: kit.id, quantity: 1 }],
    });

    expect(itemDay(db, kit.id, '2026-11-20')).toMatchObject({ units: 3, units_in_kits: 0 });
    expect(itemDay(db, item(syringe).id, '2026-11-20')).toMatchObject({ units: 0, units_in_kits: 25 });
    expect(itemDay(db, item(strips).id, '2026-11-20')).toMatchObject({ units_in_kits: 4 });
    rollupsHold(db);
  });
});

describe('tallies', () => {
  it('records a street shift in one record, correctable and voidable, listed apart from encounters', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const tally = perform(db, writer, 'tallies.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T22:00:00-08:00',
      contacts: 37,
      lines: [
        { itemId: item(syringe).id, quantity: 400 },
        { itemId: item(naloxone).id, quantity: 12 },
        { itemId: item(strips).id, quantity: 60 },
      ],
      collected: { containers: 3 },
    });
    expect(tally).toMatchObject({ kind: 'tally', contacts: 37, localDate: '2026-11-20' });
    expect(dayCounts(db, site.id, '2026-11-20')).toMatchObject({
      encounters: 0,
      tallies: 1,
      tally_contacts: 37,
      collected_estimated: 300,
    });
    expect(read(db, 'encounters.list', {})).toEqual([]);
    expect(read(db, 'tallies.list', {}).map((entry) => entry.id)).toEqual([tally.id]);

    const corrected = perform(db, writer, 'tallies.correct', {
      id: tally.id,
      expectedRevision: 1,
      reason: 'recounted contacts',
      siteId: site.id,
      occurredAt: '2026-11-20T22:00:00-08:00',
      contacts: 41,
      lines: [{ itemId: item(syringe).id, quantity: 400 }],
    });
    expect(corrected.revision).toBe(2);
    expect(dayCounts(db, site.id, '2026-11-20')).toMatchObject({ tally_contacts: 41 });
    expectRefused(() => read(db, 'encounters.get', { id: tally.id }), 'wrong_kind');
    perform(db, writer, 'tallies.void', { id: tally.id, reason: 'entered on the wrong laptop' });
    expect(dayCounts(db, site.id, '2026-11-20')).toMatchObject({ tallies: 0, tally_contacts: 0 });
    expectRefused(
      () =>
        perform(db, writer, 'tallies.log', {
          siteId: site.id,
          occurredAt: '2026-11-20T22:00:00Z',
          contacts: 0,
          lines: [],
        }),
      'contacts_invalid',
      'contacts',
    );
    rollupsHold(db);
  });
});

describe('listing encounters', () => {
  it('filters by date range, site, staff, item and participant code', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const log = (occurredAt: string, participantCode: string | null, itemName: string) =>
      perform(db, writer, 'encounters.log', {
        siteId: site.id,
        occurredAt,
        participantCode,
        lines: [{ itemId: item(itemName).id, quantity: 1 }],
      }).id;
    const a = log('2026-11-01T18:00:00Z', 'AA11', syringe);
    const b = log('2026-11-03T18:00:00Z', 'BB22', strips);
    const c = log('2026-11-02T18:00:00Z', null, syringe);
    expect(read(db, 'encounters.list', {}).map((encounter) => encounter.id)).toEqual([b, c, a]);
    expect(
      read(db, 'encounters.list', { from: '2026-11-02', to: '2026-11-02' }).map((encounter) => encounter.id),
    ).toEqual([c]);
    expect(read(db, 'encounters.list', { itemId: item(syringe).id }).map((encounter) => encounter.id)).toEqual([c, a]);
    expect(read(db, 'encounters.list', { participantCode: 'bb22' }).map((encounter) => encounter.id)).toEqual([b]);
    expect(read(db, 'encounters.list', { staffId: writer.staffId })).toHaveLength(3);
    expect(read(db, 'encounters.list', { siteId: newId() })).toEqual([]);
    expect(read(db, 'encounters.list', { limit: 1 })).toHaveLength(1);
    expectRefused(() => read(db, 'encounters.list', { from: '20261102' }), 'date_invalid', 'from');
  });
});

describe('the whole database', () => {
  it('verifies after a mix of work, and the audit chain detects tampering', async () => {
    const { db, writer, site, item } = await openFieldCore();
    const saved = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'ZZ1',
      lines: [{ itemId: item(syringe).id, quantity: 9 }],
    });
    perform(db, writer, 'encounters.void', { id: saved.id, reason: 'undone' });
    perform(db, writer, 'tallies.log', { siteId: site.id, occurredAt: '2026-11-20T10:00:00Z', contacts: 4, lines: [] });
    expect((await verifyDatabase(db)).ok).toBe(true);

    db.sqlite.exec('DROP TRIGGER audit_log_no_update');
    db.sqlite.prepare(`UPDATE audit_log SET after_json = '{}' WHERE seq = (SELECT max(seq) - 1 FROM audit_log)`).run();
    const chain = verifyAuditChain(db);
    expect(chain.intact).toBe(false);
    expect((await verifyDatabase(db)).ok).toBe(false);
  });
});
