/**
 * Migrate to 0012, seed it with raw SQL of that schema (a drop-in with a lot of naloxone, a van),
 * migrate to 0013: the stock room gets transfers, adjustments and lot holds, every row already
 * there stays as it was (lots gain their hold, off), the seeded stock can be sent and received
 * through the core, and the tables hold only what they may: a transfer goes to another site, only
 * its status changes, events, lines and holds are never changed or deleted, an adjustment has one
 * kind of reason, reasons are never deleted.
 */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { verifyDatabase } from '../../../../db/system/system';
import { openTestCore, perform } from '../../../support/core';
import { allRows, seeded, seeded0012, seededAt, seedSchema0012 } from './seeds';

const tablesOf0012 = ['device', 'staff', 'program_settings', 'sites', 'items', 'receipts', 'stock_movements'];

describe('0013_stock_room', () => {
  it('adds transfers and adjustments, changing no row already there, and the seeded stock can move', async () => {
    const { path, sqlite } = await seededAt('0012_naloxone_kits', seedSchema0012);
    const before = allRows(sqlite, tablesOf0012);
    const balances = sqlite.prepare('SELECT * FROM stock_balances').all();
    const lots = sqlite.prepare('SELECT * FROM lots ORDER BY key').all() as Record<string, unknown>[];
    await runMigrations(sqlite, { target: '0013_stock_room' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0013_stock_room');
    expect(allRows(sqlite, tablesOf0012)).toEqual(before);
    // Every lot as it was, not on hold.
    expect(sqlite.prepare('SELECT * FROM lots ORDER BY key').all()).toEqual(
      lots.map((lot) => ({ ...lot, on_hold: 0 })),
    );
    expect(sqlite.prepare('SELECT * FROM stock_balances').all()).toEqual(balances);
    sqlite.close();

    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-22T20:00:00Z') });
    const { db } = core.context;
    const admin = { deviceId: seeded.device, staffId: seeded.admin };
    const transfer = perform(db, admin, 'inventory.transfer', {
      fromSiteId: seeded.site,
      toSiteId: seeded0012.van,
      lines: [{ itemId: seeded0012.naloxone, units: 5 }],
    });
    expect(transfer.lines).toMatchObject([{ lotId: seeded0012.lot, sent: 5, inTransit: 5 }]);
    perform(db, admin, 'inventory.receiveTransfer', { transferId: transfer.id });
    perform(db, admin, 'inventory.adjust', {
      siteId: seeded0012.van,
      reason: 'damaged',
      lines: [{ itemId: seeded0012.naloxone, units: 1 }],
    });
    const onHand = perform(db, admin, 'inventory.onHand', { itemId: seeded0012.naloxone });
    expect(onHand.map((holding) => [holding.siteName, holding.units])).toEqual([
      ['Main site', 7],
      ['Van 1', 4],
    ]);
    const report = await verifyDatabase(db, { sqliteChecksBeside: false });
    expect(report.rollups.filter((check) => check.mismatches !== 0)).toEqual([]);
    expect(report.ledger.mismatches).toBe(0);
    core.close();
  });

  it('holds only what a transfer and an adjustment may be, and never changes or deletes their facts', async () => {
    const { sqlite } = await seededAt('0012_naloxone_kits', seedSchema0012);
    await runMigrations(sqlite, { target: '0013_stock_room' });
    const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
    const transfer = (key: number, from: number, to: number) =>
      run(
        `INSERT INTO transfers (key, id, from_site_key, to_site_key, sent_ms, sent_local_date, origin_device_key,
           created_by_key, created_ms)
         VALUES (?, ?, ?, ?, ?, '2026-11-20', 1, 1, ?)`,
        key,
        `0190f5a0-0000-7000-8000-0000000007${String(key).padStart(2, '0')}`,
        from,
        to,
        seeded0012.at,
        seeded0012.at,
      );
    expect(() => transfer(1, 1, 1)).toThrow(/CHECK constraint failed/);
    transfer(1, 1, 2);
    run(`INSERT INTO transfer_lines (transfer_key, line, item_key, lot_key, units) VALUES (1, 1, 1, 1, 5)`);
    expect(() =>
      run(`INSERT INTO transfer_lines (transfer_key, line, item_key, lot_key, units) VALUES (1, 2, 1, 1, 0)`),
    ).toThrow(/CHECK constraint failed/);
    run(`UPDATE transfers SET status = 'received' WHERE key = 1`);
    expect(() => run(`UPDATE transfers SET to_site_key = 1 WHERE key = 1`)).toThrow(/only its status changes/);
    expect(() => run(`UPDATE transfers SET status = 'gone' WHERE key = 1`)).toThrow(/CHECK constraint failed/);
    expect(() => run(`DELETE FROM transfers WHERE key = 1`)).toThrow(/never deleted/);
    expect(() => run(`UPDATE transfer_lines SET units = 4`)).toThrow(/never changed/);
    expect(() => run(`DELETE FROM transfer_lines`)).toThrow(/never deleted/);
    run(
      `INSERT INTO transfer_events (key, id, transfer_key, kind, occurred_ms, local_date, origin_device_key,
         created_by_key, created_ms)
       VALUES (1, '0190f5a0-0000-7000-8000-000000000801', 1, 'received', ?, '2026-11-20', 1, 1, ?)`,
      seeded0012.at,
      seeded0012.at,
    );
    expect(() => run(`INSERT INTO transfer_event_lines (event_key, line, units, reason) VALUES (1, 1, 5, 4)`)).toThrow(
      /CHECK constraint failed/,
    );
    run(`INSERT INTO transfer_event_lines (event_key, line, units, reason) VALUES (1, 1, 5, NULL)`);
    expect(() => run(`DELETE FROM transfer_event_lines`)).toThrow(/never deleted/);
    expect(() => run(`UPDATE transfer_events SET kind = 'cancelled'`)).toThrow(/never changed/);

    run(
      `INSERT INTO adjustment_reasons (key, id, name, direction, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, '0190f5a0-0000-7000-8000-000000000901', 'Given to a partner', 'remove', ?, ?, ?, ?)`,
      seeded.device,
      seeded.admin,
      '2026-11-20T00:00:00.000Z',
      '2026-11-20T00:00:00.000Z',
    );
    expect(() => run(`DELETE FROM adjustment_reasons`)).toThrow(/never deleted/);
    const adjustment = (key: number, reason: number | null, custom: number | null) =>
      run(
        `INSERT INTO adjustments (key, id, site_key, reason, custom_reason_key, occurred_ms, local_date,
           origin_device_key, created_by_key, created_ms)
         VALUES (?, ?, 1, ?, ?, ?, '2026-11-20', 1, 1, ?)`,
        key,
        `0190f5a0-0000-7000-8000-0000000009${String(key).padStart(2, '0')}`,
        reason,
        custom,
        seeded0012.at,
        seeded0012.at,
      );
    expect(() => adjustment(1, 1, 1)).toThrow(/CHECK constraint failed/);
    expect(() => adjustment(1, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => adjustment(1, 9, null)).toThrow(/CHECK constraint failed/);
    adjustment(1, 1, null);
    adjustment(2, null, 1);
    expect(() => run(`INSERT INTO adjustment_lines VALUES (1, 1, 1, 1, 0)`)).toThrow(/CHECK constraint failed/);
    run(`INSERT INTO adjustment_lines VALUES (1, 1, 1, 1, -2)`);
    expect(() => run(`UPDATE adjustments SET note = 'x'`)).toThrow(/never changed/);
    expect(() => run(`DELETE FROM adjustment_lines`)).toThrow(/never deleted/);

    run(
      `INSERT INTO lot_holds (key, id, lot_key, held, reason, occurred_ms, origin_device_key, created_by_key, created_ms)
       VALUES (1, '0190f5a0-0000-7000-8000-000000000a01', 1, 1, 'Recall', ?, 1, 1, ?)`,
      seeded0012.at,
      seeded0012.at,
    );
    expect(() => run(`UPDATE lot_holds SET held = 0`)).toThrow(/never changed/);
    expect(() => run(`UPDATE lots SET on_hold = 2`)).toThrow(/CHECK constraint failed/);
    sqlite.close();
  });
});
