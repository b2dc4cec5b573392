/**
 * Migrate to 0013, seed it with raw SQL of that schema (a drop-in's naloxone, part of it in transit
 * to the van), migrate to 0014: items gain GTINs, receipts gain their delivery, reference, GTIN and
 * form key (empty on every receipt already there), counts arrive, every row already there stays as
 * it was, the seeded transfer can still be received through the core, and the new tables hold only
 * what they may.
 */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { verifyDatabase } from '../../../../db/system/system';
import { openTestCore, perform } from '../../../support/core';
import { allRows, seeded, seeded0012, seeded0013, seededAt, seedSchema0013 } from './seeds';

const unchangedTables = [
  'device',
  'staff',
  'program_settings',
  'sites',
  'items',
  'lots',
  'stock_movements',
  'transfers',
];
const keyedOnly = (sqlite: { prepare: (text: string) => { all: () => unknown[] } }) => ({
  balances: sqlite.prepare('SELECT * FROM stock_balances ORDER BY site_key, item_key, lot_key').all(),
  lines: sqlite.prepare('SELECT * FROM transfer_lines ORDER BY transfer_key, line').all(),
});

describe('0014_counts_and_barcodes', () => {
  it('adds counts and GTINs, leaves every row as it was, and receipts gain empty delivery columns', async () => {
    const { path, sqlite } = await seededAt('0013_stock_room', seedSchema0013);
    const before = allRows(sqlite, unchangedTables);
    const beforeKeyed = keyedOnly(sqlite);
    const receipts = sqlite.prepare('SELECT * FROM receipts ORDER BY key').all() as Record<string, unknown>[];
    await runMigrations(sqlite, { target: '0014_counts_and_barcodes' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0014_counts_and_barcodes');
    expect(allRows(sqlite, unchangedTables)).toEqual(before);
    expect(keyedOnly(sqlite)).toEqual(beforeKeyed);
    expect(sqlite.prepare('SELECT * FROM receipts ORDER BY key').all()).toEqual(
      receipts.map((receipt) => ({
        ...receipt,
        delivery_id: null,
        delivery_line: null,
        reference: null,
        gtin: null,
        form_key: null,
      })),
    );
    sqlite.close();

    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-22T20:00:00Z') });
    const { db } = core.context;
    const admin = { deviceId: seeded.device, staffId: seeded.admin };
    const received = perform(db, admin, 'inventory.receiveTransfer', { transferId: seeded0013.transfer });
    expect(received.status).toBe('received');
    const onHand = perform(db, admin, 'inventory.onHand', { itemId: seeded0012.naloxone });
    expect(onHand.map((holding) => [holding.siteName, holding.units])).toEqual([
      ['Main site', 7],
      ['Van 1', 5],
    ]);
    const report = await verifyDatabase(db, { sqliteChecksBeside: false });
    expect(report.ledger.mismatches).toBe(0);
    core.close();
  });

  it('holds only what a GTIN and a count may be, and never changes or deletes their facts', async () => {
    const { sqlite } = await seededAt('0013_stock_room', seedSchema0013);
    await runMigrations(sqlite, { target: '0014_counts_and_barcodes' });
    const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
    const stamp = '2026-11-20T00:00:00.000Z';
    const gtin = (key: number, value: string, units = 12) =>
      run(
        `INSERT INTO item_gtins (key, id, item_key, gtin, units_per_pack, label, origin_device_id, created_by,
           created_at, updated_at)
         VALUES (?, ?, 1, ?, ?, 'Box', ?, ?, ?, ?)`,
        key,
        `0190f5a0-0000-7000-8000-0000000014${String(key).padStart(2, '0')}`,
        value,
        units,
        seeded.device,
        seeded.admin,
        stamp,
        stamp,
      );
    expect(() => gtin(1, '0361958010115')).toThrow(/CHECK constraint failed/);
    expect(() => gtin(1, '0036195801011X')).toThrow(/CHECK constraint failed/);
    expect(() => gtin(1, '00361958010115', 0)).toThrow(/CHECK constraint failed/);
    gtin(1, '00361958010115');
    expect(() => gtin(2, '00361958010115')).toThrow(/UNIQUE constraint failed/);
    run(`UPDATE item_gtins SET active = 0, units_per_pack = 24 WHERE key = 1`);
    expect(() => run(`UPDATE item_gtins SET gtin = '10361958010112' WHERE key = 1`)).toThrow(/stays with its item/);
    expect(() => run(`DELETE FROM item_gtins`)).toThrow(/never deleted/);
    expect(() =>
      run(
        `INSERT INTO receipts (key, id, site_id, item_id, lot_id, units_per_pack, units, received_at, local_date, gtin,
           origin_device_id, created_by, created_at)
         SELECT 2, '0190f5a0-0000-7000-8000-000000001499', site_id, item_id, lot_id, 12, 12, received_at, local_date,
           '123', origin_device_id, created_by, created_at FROM receipts WHERE key = 1`,
      ),
    ).toThrow(/CHECK constraint failed/);

    const count = (key: number, scope: string, category: string | null, lot: number | null) =>
      run(
        `INSERT INTO counts (key, id, site_key, scope, category, lot_key, counted_ms, local_date, origin_device_key,
           created_by_key, created_ms)
         VALUES (?, ?, 1, ?, ?, ?, ?, '2026-11-21', 1, 1, ?)`,
        key,
        `0190f5a0-0000-7000-8000-0000000015${String(key).padStart(2, '0')}`,
        scope,
        category,
        lot,
        seeded0012.at,
        seeded0012.at,
      );
    expect(() => count(1, 'shelf', null, null)).toThrow(/CHECK constraint failed/);
    expect(() => count(1, 'category', null, null)).toThrow(/CHECK constraint failed/);
    expect(() => count(1, 'site', 'naloxone', null)).toThrow(/CHECK constraint failed/);
    expect(() => count(1, 'lot', null, null)).toThrow(/CHECK constraint failed/);
    count(1, 'site', null, null);
    count(2, 'lot', null, 1);
    expect(sqlite.prepare(`SELECT status FROM counts WHERE key = 1`).get()).toEqual({ status: 'open' });
    run(`UPDATE counts SET status = 'posted' WHERE key = 1`);
    expect(() => run(`UPDATE counts SET status = 'done' WHERE key = 1`)).toThrow(/CHECK constraint failed/);
    expect(() => run(`UPDATE counts SET counted_ms = 1 WHERE key = 1`)).toThrow(/only its status changes/);
    expect(() => run(`DELETE FROM counts`)).toThrow(/never deleted/);

    const line = (lineNumber: number, lot: number | null) =>
      run(
        `INSERT INTO count_lines (count_key, line, item_key, lot_key, origin_device_key, created_by_key, created_ms)
         VALUES (1, ?, 1, ?, 1, 1, 0)`,
        lineNumber,
        lot,
      );
    line(1, 1);
    expect(() => line(2, 1)).toThrow(/UNIQUE constraint failed/);
    line(2, null);
    expect(() => line(3, null)).toThrow(/UNIQUE constraint failed/);
    const entry = (key: number, units: number) =>
      run(
        `INSERT INTO count_entries (key, id, count_key, line, counted_units, origin_device_key, created_by_key, created_ms)
         VALUES (?, ?, 1, 1, ?, 1, 1, 0)`,
        key,
        `0190f5a0-0000-7000-8000-0000000016${String(key).padStart(2, '0')}`,
        units,
      );
    expect(() => entry(1, -1)).toThrow(/CHECK constraint failed/);
    entry(1, 0);
    entry(2, 6);
    const event = (key: number, kind: string) =>
      run(
        `INSERT INTO count_events (key, id, count_key, kind, occurred_ms, origin_device_key, created_by_key, created_ms)
         VALUES (?, ?, 1, ?, 0, 1, 1, 0)`,
        key,
        `0190f5a0-0000-7000-8000-0000000017${String(key).padStart(2, '0')}`,
        kind,
      );
    expect(() => event(1, 'closed')).toThrow(/CHECK constraint failed/);
    event(1, 'posted');
    expect(() => event(2, 'cancelled')).toThrow(/UNIQUE constraint failed/);
    run(
      `INSERT INTO count_reviews (key, count_key, line, movement_key, correction_key, origin_device_key, created_by_key,
         created_ms)
       VALUES (1, 1, 1, 2, 1, 1, 1, 0)`,
    );
    for (const table of ['count_lines', 'count_entries', 'count_events', 'count_reviews']) {
      expect(() =>
        run(`UPDATE ${table} SET line = 9`.replace('SET line', table === 'count_events' ? 'SET note' : 'SET line')),
      ).toThrow(/never changed/);
      expect(() => run(`DELETE FROM ${table}`)).toThrow(/never deleted/);
    }
    sqlite.close();
  });
});
