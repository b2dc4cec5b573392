import { describe, expect, it } from 'vitest';
import { listRecentEncounters, logEncounter } from '../../db/encounters';
import { OutpostError } from '../../db/errors';
import { countRows, openFieldCore } from '../support/core';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expectRefused(work: () => unknown, code: string, field?: string): OutpostError {
  let caught: unknown;
  try {
    work();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OutpostError);
  const error = caught as OutpostError;
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}

describe('logging an encounter', () => {
  it('saves the encounter and its supply lines, then lists it first', async () => {
    const { core, db, writer, site, items } = await openFieldCore();
    const [syringes, naloxone] = [items[0]!, items[1]!];
    const saved = logEncounter(db, writer, {
      siteId: site.id,
      occurredAt: '2026-11-20T10:15:00-08:00',
      participantCode: ' ma0785 ',
      lines: [
        { itemId: syringes.id, quantity: 20 },
        { itemId: naloxone.id, quantity: 1 },
      ],
    });

    expect(saved.id).toMatch(uuidV7);
    expect(saved.participantCode).toBe('MA0785');
    expect(saved.occurredAt).toBe('2026-11-20T18:15:00.000Z');
    expect(saved.siteName).toBe(site.name);
    expect(saved.loggedBy).toBe('Default staff member');
    expect(saved.lines).toEqual([
      { itemId: syringes.id, itemName: syringes.name, unit: syringes.unit, quantity: 20 },
      { itemId: naloxone.id, itemName: naloxone.name, unit: naloxone.unit, quantity: 1 },
    ]);
    expect(listRecentEncounters(db)[0]).toEqual(saved);
    expect(countRows(core, 'encounter_lines')).toBe(2);
  });

  it('records the creating device and staff member on every row', async () => {
    const { core, db, writer, site, items } = await openFieldCore();
    const saved = logEncounter(db, writer, {
      siteId: site.id,
      occurredAt: new Date().toISOString(),
      lines: [{ itemId: items[0]!.id, quantity: 5 }],
    });
    const header = core.context.db.sqlite.prepare('SELECT * FROM encounters WHERE id = ?').get(saved.id) as Record<
      string,
      unknown
    >;
    const line = core.context.db.sqlite
      .prepare('SELECT * FROM encounter_lines WHERE encounter_id = ?')
      .get(saved.id) as Record<string, unknown>;
    for (const row of [header, line]) {
      expect(row['origin_device_id']).toBe(writer.deviceId);
      expect(row['created_by']).toBe(writer.staffId);
      expect(row['id']).toMatch(uuidV7);
    }
  });

  it('saves an anonymous walk-in, and an encounter with no supplies', async () => {
    const { db, writer, site } = await openFieldCore();
    const saved = logEncounter(db, writer, {
      siteId: site.id,
      occurredAt: new Date().toISOString(),
      participantCode: null,
      lines: [],
    });
    expect(saved.participantCode).toBeNull();
    expect(saved.lines).toEqual([]);
  });

  it.each([
    [0, 'quantity_positive'],
    [-3, 'quantity_positive'],
    [1.5, 'quantity_whole'],
    [10_001, 'quantity_too_large'],
  ])('refuses quantity %s at the field and writes nothing', async (quantity, code) => {
    const { core, db, writer, site, items } = await openFieldCore();
    expectRefused(
      () =>
        logEncounter(db, writer, {
          siteId: site.id,
          occurredAt: new Date().toISOString(),
          lines: [
            { itemId: items[0]!.id, quantity: 2 },
            { itemId: items[1]!.id, quantity },
          ],
        }),
      code,
      'lines.1.quantity',
    );
    expect(countRows(core, 'encounters')).toBe(0);
    expect(countRows(core, 'encounter_lines')).toBe(0);
  });

  it('refuses an unknown site or item, naming the field', async () => {
    const { core, db, writer, site, items } = await openFieldCore();
    const missing = '01900000-0000-7000-8000-000000000000';
    expectRefused(
      () => logEncounter(db, writer, { siteId: missing, occurredAt: new Date().toISOString(), lines: [] }),
      'site_not_found',
      'siteId',
    );
    expectRefused(
      () =>
        logEncounter(db, writer, {
          siteId: site.id,
          occurredAt: new Date().toISOString(),
          lines: [
            { itemId: items[0]!.id, quantity: 1 },
            { itemId: missing, quantity: 1 },
          ],
        }),
      'item_not_found',
      'lines.1.itemId',
    );
    expect(countRows(core, 'encounters')).toBe(0);
  });

  it('refuses an inactive site', async () => {
    const { core, db, writer, site } = await openFieldCore();
    core.context.db.sqlite.prepare('UPDATE sites SET active = 0 WHERE id = ?').run(site.id);
    expectRefused(
      () => logEncounter(db, writer, { siteId: site.id, occurredAt: new Date().toISOString(), lines: [] }),
      'site_inactive',
      'siteId',
    );
  });

  it.each([
    ['not a date', 'occurred_at_invalid'],
    ['2026-11-20T10:15', 'occurred_at_invalid'],
    ['2026-02-30T10:15:00Z', 'occurred_at_invalid'],
    ['1999-12-31T23:00:00Z', 'occurred_at_too_early'],
  ])('refuses the date %s', async (occurredAt, code) => {
    const { core, db, writer, site } = await openFieldCore();
    expectRefused(() => logEncounter(db, writer, { siteId: site.id, occurredAt, lines: [] }), code, 'occurredAt');
    expect(countRows(core, 'encounters')).toBe(0);
  });

  it('refuses a date more than a day ahead of the clock', async () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const { db, writer, site } = await openFieldCore({ clock: () => now });
    expectRefused(
      () => logEncounter(db, writer, { siteId: site.id, occurredAt: '2026-11-24T12:00:00Z', lines: [] }),
      'occurred_at_future',
      'occurredAt',
    );
    expect(
      logEncounter(db, writer, { siteId: site.id, occurredAt: '2026-11-22T18:00:00Z', lines: [] }).id,
    ).toBeTruthy();
  });

  it('refuses the same item twice and a malformed participant code', async () => {
    const { db, writer, site, items } = await openFieldCore();
    const item = items[0]!.id;
    const base = { siteId: site.id, occurredAt: new Date().toISOString() };
    expectRefused(
      () =>
        logEncounter(db, writer, {
          ...base,
          lines: [
            { itemId: item, quantity: 1 },
            { itemId: item, quantity: 2 },
          ],
        }),
      'item_repeated',
      'lines.1.itemId',
    );
    expectRefused(
      () => logEncounter(db, writer, { ...base, participantCode: 'Jane Doe', lines: [] }),
      'participant_code_format',
      'participantCode',
    );
  });

  it('reports every bad field at once', async () => {
    const { db, writer, items } = await openFieldCore();
    const error = expectRefused(
      () =>
        logEncounter(db, writer, {
          siteId: 'nope',
          occurredAt: 'never',
          lines: [{ itemId: items[0]!.id, quantity: 0 }],
        }),
      'site_required',
    );
    expect(error.issues.map((issue) => issue.field)).toEqual(['siteId', 'occurredAt', 'lines.0.quantity']);
  });

  it('refuses a staff member this database does not know', async () => {
    const { core, db, writer, site } = await openFieldCore();
    expectRefused(
      () =>
        logEncounter(
          db,
          { ...writer, staffId: '01900000-0000-7000-8000-000000000001' },
          { siteId: site.id, occurredAt: new Date().toISOString(), lines: [] },
        ),
      'staff_not_found',
    );
    expect(countRows(core, 'encounters')).toBe(0);
  });

  it('writes all of an encounter or none of it', async () => {
    const { core, db, writer, site, items } = await openFieldCore();
    // Make SQLite itself fail on the second line, after the encounter row was inserted.
    core.context.db.sqlite.exec(
      `CREATE TEMP TRIGGER fail_on_seven BEFORE INSERT ON encounter_lines WHEN NEW.quantity = 7
       BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    );
    expect(() =>
      logEncounter(db, writer, {
        siteId: site.id,
        occurredAt: new Date().toISOString(),
        lines: [
          { itemId: items[0]!.id, quantity: 3 },
          { itemId: items[1]!.id, quantity: 7 },
        ],
      }),
    ).toThrow('simulated failure');
    expect(countRows(core, 'encounters')).toBe(0);
    expect(countRows(core, 'encounter_lines')).toBe(0);
  });
});

describe('listing recent encounters', () => {
  it('orders by when the encounter happened, newest first, and honours the limit', async () => {
    const { db, writer, site } = await openFieldCore();
    for (const occurredAt of ['2026-11-01T10:00:00Z', '2026-11-03T10:00:00Z', '2026-11-02T10:00:00Z']) {
      logEncounter(db, writer, { siteId: site.id, occurredAt, lines: [] });
    }
    expect(listRecentEncounters(db).map((encounter) => encounter.occurredAt)).toEqual([
      '2026-11-03T10:00:00.000Z',
      '2026-11-02T10:00:00.000Z',
      '2026-11-01T10:00:00.000Z',
    ]);
    expect(listRecentEncounters(db, { limit: 1 })).toHaveLength(1);
    expect(() => listRecentEncounters(db, { limit: 0 })).toThrow(OutpostError);
  });

  it('returns an empty list for a new database', async () => {
    const { db } = await openFieldCore();
    expect(listRecentEncounters(db)).toEqual([]);
  });
});
