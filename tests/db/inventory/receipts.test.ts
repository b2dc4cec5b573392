import { describe, expect, it } from 'vitest';
import { checkBalances } from '../../../db/inventory/ledger';
import { keyOfExisting } from '../../../db/platform/keys';
import { storedCodes } from '../../../db/platform/stored-codes';
import { verifyDatabase } from '../../../db/system/system';
import { openFieldCore, perform, read } from '../../support/core';
import { auditRows } from '../../support/audit';
import { callError, callOk } from '../../support/contract';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const missing = '01900000-0000-7000-8000-000000000000';
const syringe = 'Syringe 1 mL 28G 1/2in';
const naloxone = 'Naloxone nasal 4 mg (box of 2)';
/** 12:00 in Los Angeles, the program's time zone in these tests; stock is tracked from 2025-01-01. */
const now = new Date('2026-11-22T20:00:00Z');

async function openStockRoom() {
  const field = await openFieldCore({ clock: () => now });
  return { ...field, syringes: field.item(syringe), nasal: field.item(naloxone) };
}

describe('receiving stock', () => {
  it('in packs: units are packs x units per pack, on the receipt, in the ledger and in the audit log', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const receipt = perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: syringes.id,
      packs: 3,
      source: ' County health department ',
      receivedAt: '2026-11-20T09:30:00-08:00',
      note: 'Grant 2026-14',
    });
    expect(receipt).toMatchObject({
      siteId: site.id,
      siteName: site.name,
      itemId: syringes.id,
      itemName: syringe,
      unit: 'syringe',
      lotId: null,
      lotNumber: null,
      expiresOn: null,
      source: 'County health department',
      packs: 3,
      unitsPerPack: 100,
      units: 300,
      receivedAt: '2026-11-20T17:30:00.000Z',
      localDate: '2026-11-20',
      note: 'Grant 2026-14',
      receivedBy: 'Default staff member',
    });
    const movements = db.all(
      db.query
        .selectFrom('stock_movements')
        .selectAll()
        .where('source_type', '=', storedCodes.movementSource.code('receipt'))
        .where('source_key', '=', keyOfExisting(db, 'receipts', receipt.id)),
    );
    expect(movements).toEqual([
      expect.objectContaining({
        kind: storedCodes.movementKind.code('receipt'),
        site_key: keyOfExisting(db, 'sites', site.id),
        item_key: keyOfExisting(db, 'items', syringes.id),
        lot_key: null,
        units: 300,
        shortfall: 0,
        occurred_ms: Date.parse('2026-11-20T17:30:00.000Z'),
        local_date: '2026-11-20',
        source_type: storedCodes.movementSource.code('receipt'),
        source_revision_key: null,
      }),
    ]);
    expect(JSON.parse(auditRows(db, 'inventory.receive')[0]!.after_json!)).toEqual(receipt);
    expect(read(db, 'inventory.onHand', { siteId: site.id, itemId: syringes.id })[0]).toMatchObject({
      units: 300,
      unitsWithoutLot: 300,
      lots: [],
    });
  });

  it('in units: no packs, and the units per pack of the day kept even when the catalog changes', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const receipt = perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, units: 50 });
    expect(receipt).toMatchObject({
      packs: null,
      unitsPerPack: 100,
      units: 50,
      receivedAt: now.toISOString(),
      localDate: '2026-11-22',
    });
    perform(db, writer, 'items.update', { id: syringes.id, unitsPerPack: 10 });
    expect(db.sqlite.prepare('SELECT units_per_pack FROM receipts WHERE id = ?').get(receipt.id)).toEqual({
      units_per_pack: 100,
    });
    expect(perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 2 }).units).toBe(20);
  });

  it('dates the receipt in the program time zone', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    // 06:30 UTC on November 1st is still October 31st in Los Angeles.
    expect(
      perform(db, writer, 'inventory.receive', {
        siteId: site.id,
        itemId: syringes.id,
        units: 1,
        receivedAt: '2026-11-01T06:30:00Z',
      }).localDate,
    ).toBe('2026-10-31');
  });

  it('needs a lot number and expiry for items tracked by lot, creates the lot once and reuses it', async () => {
    const { db, writer, site, nasal } = await openStockRoom();
    const state = databaseState(db);
    const error = expectRefused(
      () => perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: nasal.id, units: 12 }),
      'lot_number_required',
      'lotNumber',
    );
    expect(error.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['lot_number_required', 'lotNumber'],
      ['expiry_required', 'expiresOn'],
    ]);
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: nasal.id, units: 12, lotNumber: 'AB123' }),
      'expiry_required',
      'expiresOn',
    );
    expectNothingChanged(db, state);

    const first = perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: nasal.id,
      units: 12,
      lotNumber: 'ab123',
      expiresOn: '2027-08-31',
    });
    expect(first).toMatchObject({ lotNumber: 'AB123', expiresOn: '2027-08-31' });
    const second = perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: nasal.id,
      packs: 1,
      lotNumber: ' AB123 ',
      expiresOn: '2027-08-31',
    });
    expect(second.lotId).toBe(first.lotId);
    expect(db.all(db.query.selectFrom('lots').selectAll().where('item_id', '=', nasal.id))).toHaveLength(1);
    expect(read(db, 'inventory.onHand', { itemId: nasal.id })[0]).toMatchObject({
      units: 13,
      unitsWithoutLot: 0,
      lots: [{ lotNumber: 'AB123', units: 13 }],
    });
  });

  it('refuses a known lot with another expiry date, and changes nothing', async () => {
    const { db, writer, site, nasal } = await openStockRoom();
    perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: nasal.id,
      units: 12,
      lotNumber: 'AB123',
      expiresOn: '2027-08-31',
    });
    const state = databaseState(db);
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receive', {
          siteId: site.id,
          itemId: nasal.id,
          units: 12,
          lotNumber: 'AB123',
          expiresOn: '2027-09-30',
        }),
      'lot_expiry_mismatch',
      'expiresOn',
    );
    expectNothingChanged(db, state);
  });

  it('receives a lot already past its expiry only when that is confirmed', async () => {
    const { db, writer, site, nasal } = await openStockRoom();
    const expired = { siteId: site.id, itemId: nasal.id, units: 4, lotNumber: 'OLD-1', expiresOn: '2026-11-21' };
    const state = databaseState(db);
    expectRefused(() => perform(db, writer, 'inventory.receive', expired), 'expiry_in_past', 'expiresOn');
    expectNothingChanged(db, state);
    expect(perform(db, writer, 'inventory.receive', { ...expired, expiredConfirmed: true })).toMatchObject({
      lotNumber: 'OLD-1',
      units: 4,
    });
    // Usable through its expiry date: today's needs no confirmation.
    expect(
      perform(db, writer, 'inventory.receive', { ...expired, lotNumber: 'TODAY-1', expiresOn: '2026-11-22' }).units,
    ).toBe(4);
  });

  it('refuses a lot or expiry for an item not tracked by lot', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const state = databaseState(db);
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, units: 5, lotNumber: 'S1' }),
      'lot_not_tracked',
      'lotNumber',
    );
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receive', {
          siteId: site.id,
          itemId: syringes.id,
          units: 5,
          expiresOn: '2030-01-01',
        }),
      'lot_not_tracked',
      'expiresOn',
    );
    expectNothingChanged(db, state);
  });

  it.each([
    [{}, 'quantity_invalid', 'packs'],
    [{ packs: 1, units: 100 }, 'quantity_packs_or_units', 'units'],
    [{ packs: 0 }, 'packs_invalid', 'packs'],
    [{ packs: 1.5 }, 'packs_invalid', 'packs'],
    [{ packs: 100_001 }, 'packs_invalid', 'packs'],
    [{ units: 0 }, 'units_invalid', 'units'],
    [{ units: 10_000_001 }, 'units_invalid', 'units'],
    [{ units: 1, receivedAt: 'yesterday' }, 'occurred_at_invalid', 'receivedAt'],
    [{ units: 1, receivedAt: '2026-02-30T10:00:00Z' }, 'occurred_at_invalid', 'receivedAt'],
    [{ units: 1, receivedAt: '2026-11-20T10:00' }, 'occurred_at_invalid', 'receivedAt'],
    [{ units: 1, expiresOn: '2027-02-30' }, 'date_invalid', 'expiresOn'],
    [{ units: 1, source: 'x'.repeat(121) }, 'source_too_long', 'source'],
    [{ units: 1, note: 'x'.repeat(501) }, 'note_too_long', 'note'],
    [{ units: 1, lotNumber: 'x'.repeat(61) }, 'lot_number_too_long', 'lotNumber'],
    [{ units: 1, siteId: 'main' }, 'site_required', 'siteId'],
    [{ units: 1, itemId: undefined }, 'item_required', 'itemId'],
    [{ units: 1, price: 4 }, 'unknown_field', undefined],
  ])('refuses %j at its field and changes nothing', async (fields, code, field) => {
    const { db, writer, site, syringes } = await openStockRoom();
    const state = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, ...fields } as never),
      code,
      field,
    );
    expectNothingChanged(db, state);
  });

  it('refuses a receipt over ten million units', async () => {
    const { db, writer, site, item } = await openStockRoom();
    // Alcohol pads come 200 to a box.
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: item('Alcohol pad').id, packs: 100_000 }),
      'receipt_too_large',
      'packs',
    );
  });

  it('refuses a receipt dated before the stock start date, in the program time zone', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const state = databaseState(db);
    // 07:30 UTC on the start date is 23:30 the evening before in Los Angeles.
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receive', {
          siteId: site.id,
          itemId: syringes.id,
          units: 5,
          receivedAt: '2025-01-01T07:30:00Z',
        }),
      'received_before_stock_start',
      'receivedAt',
    );
    expectNothingChanged(db, state);
    expect(
      perform(db, writer, 'inventory.receive', {
        siteId: site.id,
        itemId: syringes.id,
        units: 5,
        receivedAt: '2025-01-01T00:30:00-08:00',
      }).localDate,
    ).toBe('2025-01-01');
  });

  it('refuses a receipt more than a day in the future', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receive', {
          siteId: site.id,
          itemId: syringes.id,
          units: 5,
          receivedAt: '2026-11-24T20:00:00Z',
        }),
      'occurred_at_future',
      'receivedAt',
    );
  });

  it('refuses unknown or inactive sites and items', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    expectRefused(
      () => perform(db, writer, 'inventory.receive', { siteId: missing, itemId: syringes.id, units: 1 }),
      'site_not_found',
      'siteId',
    );
    expectRefused(
      () => perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: missing, units: 1 }),
      'item_not_found',
      'itemId',
    );
    perform(db, writer, 'items.update', { id: syringes.id, active: false });
    expectRefused(
      () => perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, units: 1 }),
      'item_inactive',
      'itemId',
    );
    const van = perform(db, writer, 'sites.create', { name: 'Van', siteType: 'mobile_van' });
    perform(db, writer, 'sites.update', { id: van.id, active: false });
    expectRefused(
      () => perform(db, writer, 'inventory.receive', { siteId: van.id, itemId: syringes.id, units: 1 }),
      'site_inactive',
      'siteId',
    );
  });

  it('is for coordinators and admins', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    expect(
      perform(db, staffWithRole(db, writer, 'coordinator'), 'inventory.receive', {
        siteId: site.id,
        itemId: syringes.id,
        units: 5,
      }).units,
    ).toBe(5);
    for (const role of ['outreach_worker', 'viewer'] as const) {
      const other = staffWithRole(db, writer, role);
      const state = databaseState(db);
      expectRefused(
        () => perform(db, other, 'inventory.receive', { siteId: site.id, itemId: syringes.id, units: 5 }),
        'not_permitted',
      );
      expectNothingChanged(db, state);
    }
  });

  it('writes the receipt, its lot and its movement together or not at all', async () => {
    const { db, writer, site, nasal } = await openStockRoom();
    db.sqlite.exec(
      `CREATE TEMP TRIGGER fail_movement BEFORE INSERT ON stock_movements BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    );
    const state = databaseState(db);
    expect(() =>
      perform(db, writer, 'inventory.receive', {
        siteId: site.id,
        itemId: nasal.id,
        units: 6,
        lotNumber: 'Z9',
        expiresOn: '2027-01-01',
      }),
    ).toThrow('simulated failure');
    expectNothingChanged(db, state);
  });
});

describe('on hand', () => {
  async function stockedRoom() {
    const room = await openStockRoom();
    const { db, writer, site, syringes, nasal } = room;
    const van = perform(db, writer, 'sites.create', { name: 'Van 1', siteType: 'mobile_van' });
    const receive = (siteId: string, lotNumber: string, expiresOn: string, units: number) =>
      perform(db, writer, 'inventory.receive', {
        siteId,
        itemId: nasal.id,
        units,
        lotNumber,
        expiresOn,
        expiredConfirmed: true,
      });
    // Today is 2026-11-22 in Los Angeles; the warning window of 60 days ends on 2027-01-21.
    receive(site.id, 'LATE', '2027-06-30', 10);
    receive(site.id, 'SOON', '2027-01-21', 4);
    receive(site.id, 'TODAY', '2026-11-22', 2);
    receive(site.id, 'GONE', '2026-11-21', 1);
    receive(van.id, 'LATE', '2027-06-30', 3);
    receive(van.id, 'AFTER', '2027-01-22', 5);
    perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 2 });
    return { ...room, van };
  }

  it('totals each item at each site, with lots first to expire first and their expiry flags', async () => {
    const { db, site, van, nasal } = await stockedRoom();
    const rows = read(db, 'inventory.onHand', {});
    expect(rows.map((row) => [row.siteName, row.itemName, row.units])).toEqual([
      ['Main site', naloxone, 17],
      ['Main site', syringe, 200],
      ['Van 1', naloxone, 8],
    ]);
    expect(read(db, 'inventory.onHand', { siteId: site.id, itemId: nasal.id })[0]!.lots).toEqual([
      {
        lotId: expect.any(String),
        lotNumber: 'GONE',
        expiresOn: '2026-11-21',
        units: 1,
        expiresSoon: false,
        expired: true,
        onHold: false,
      },
      {
        lotId: expect.any(String),
        lotNumber: 'TODAY',
        expiresOn: '2026-11-22',
        units: 2,
        expiresSoon: true,
        expired: false,
        onHold: false,
      },
      {
        lotId: expect.any(String),
        lotNumber: 'SOON',
        expiresOn: '2027-01-21',
        units: 4,
        expiresSoon: true,
        expired: false,
        onHold: false,
      },
      {
        lotId: expect.any(String),
        lotNumber: 'LATE',
        expiresOn: '2027-06-30',
        units: 10,
        expiresSoon: false,
        expired: false,
        onHold: false,
      },
    ]);
    expect(
      read(db, 'inventory.onHand', { siteId: van.id })[0]!.lots.map((lot) => [lot.lotNumber, lot.expiresSoon]),
    ).toEqual([
      ['AFTER', false],
      ['LATE', false],
    ]);
    expect(checkBalances(db)).toEqual({ balances: 7, mismatches: 0 });
    expect((await verifyDatabase(db)).ok).toBe(true);
  });

  it('are checked against the ledger: a balance off, missing or with no movements is a mismatch', async () => {
    const { db, site, syringes } = await stockedRoom();
    const syringesAtSite = `site_key = ${keyOfExisting(db, 'sites', site.id)} AND item_key = ${keyOfExisting(db, 'items', syringes.id)} AND lot_key = 0`;
    db.sqlite.exec(`UPDATE stock_balances SET units = units + 1 WHERE ${syringesAtSite}`);
    // Off: the ledger's sum has no equal balance, and the balance no equal sum.
    expect(checkBalances(db)).toEqual({ balances: 7, mismatches: 2 });
    db.sqlite.exec(`DELETE FROM stock_balances WHERE ${syringesAtSite}`);
    expect(checkBalances(db)).toEqual({ balances: 6, mismatches: 1 });
    db.sqlite.exec(`INSERT INTO stock_balances (site_key, item_key, lot_key, units)
      SELECT ${keyOfExisting(db, 'sites', site.id)}, key, 0, 5 FROM items WHERE id <> '${syringes.id}' LIMIT 1`);
    expect(checkBalances(db)).toEqual({ balances: 7, mismatches: 2 });
    expect((await verifyDatabase(db)).ok).toBe(false);
  });

  it('warns by the warning days in settings', async () => {
    const { db, writer, van } = await stockedRoom();
    perform(db, writer, 'settings.update', { expiryWarningDays: 61 });
    expect(
      read(db, 'inventory.onHand', { siteId: van.id })[0]!.lots.map((lot) => [lot.lotNumber, lot.expiresSoon]),
    ).toEqual([
      ['AFTER', true],
      ['LATE', false],
    ]);
  });

  it("lists an item's lots with what is on hand across sites", async () => {
    const { db, nasal } = await stockedRoom();
    expect(
      read(db, 'inventory.lots', { itemId: nasal.id }).map((lot) => [
        lot.lotNumber,
        lot.expiresOn,
        lot.units,
        lot.expiresSoon,
        lot.expired,
      ]),
    ).toEqual([
      ['GONE', '2026-11-21', 1, false, true],
      ['TODAY', '2026-11-22', 2, true, false],
      ['SOON', '2027-01-21', 4, true, false],
      ['AFTER', '2027-01-22', 5, false, false],
      ['LATE', '2027-06-30', 13, false, false],
    ]);
    expectRefused(() => read(db, 'inventory.lots', { itemId: missing }), 'item_not_found', 'itemId');
  });

  it('is empty for a new program', async () => {
    const { db } = await openStockRoom();
    expect(read(db, 'inventory.onHand', {})).toEqual([]);
  });
});

describe('inventory channels', () => {
  it('answer with data matching the contract', async () => {
    const { core, db, writer, actor, site, nasal } = await openStockRoom();
    const receipt = callOk(
      core,
      'inventory.receive',
      {
        siteId: site.id,
        itemId: nasal.id,
        packs: 2,
        lotNumber: 'N1',
        expiresOn: '2027-03-01',
        source: 'State naloxone program',
      },
      actor,
    );
    expect(receipt.units).toBe(2);
    expect(callOk(core, 'inventory.onHand', { itemId: nasal.id }, actor)[0]!.units).toBe(2);
    expect(callOk(core, 'inventory.lots', { itemId: nasal.id }, actor)[0]!.lotNumber).toBe('N1');
    expect(callError(core, 'inventory.receive', { siteId: site.id, itemId: nasal.id, units: 1 }, actor)).toMatchObject({
      code: 'lot_number_required',
      field: 'lotNumber',
    });
    const viewer = staffWithRole(db, writer, 'viewer');
    expect(
      callError(
        core,
        'inventory.receive',
        { siteId: site.id, itemId: nasal.id, units: 1 },
        { staffId: viewer.staffId },
      ),
    ).toMatchObject({
      code: 'not_permitted',
    });
  });
});
