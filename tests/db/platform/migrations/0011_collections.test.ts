/**
 * Migrate to 0010, seed it with raw SQL of that schema, migrate to 0011: collections get their
 * tables and field entries re-filing's index, every row already there stays as it was, and the
 * tables hold only what a collection may be: something collected, counted or estimated but not
 * both, revisions and voids never changed or deleted, one void per collection, one collection per
 * form.
 */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import type { SqliteConnection } from '../../../../db/platform/sqlite-driver';
import { verifyDatabase } from '../../../../db/system/system';
import { openTestCore } from '../../../support/core';
import { allRows, seededAt, seedSchema0010 } from './seeds';

const tablesOf0010 = [
  'device',
  'staff',
  'program_settings',
  'sites',
  'field_entries',
  'field_entry_revisions',
  'audit_log',
];
/** The rollups, which have no rowid to order by. */
const rollupsOf = (sqlite: SqliteConnection) =>
  ['daily_site_counts', 'monthly_site_counts'].map((table) => sqlite.prepare(`SELECT * FROM ${table}`).all());
const at = Date.parse('2026-11-21T18:00:00.000Z');

describe('0011_collections', () => {
  it('adds collections, changing no row already there, and the figures still verify', async () => {
    const { path, sqlite } = await seededAt('0010_form_keys', seedSchema0010);
    const before = allRows(sqlite, tablesOf0010);
    const rollupsBefore = rollupsOf(sqlite);
    await runMigrations(sqlite, { target: '0011_collections' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0011_collections');
    expect(allRows(sqlite, tablesOf0010)).toEqual(before);
    expect(rollupsOf(sqlite)).toEqual(rollupsBefore);
    // Re-filing's index of active entries by day and instant, built over the entries already there.
    expect(
      sqlite
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'field_entries_by_date_time'`)
        .pluck()
        .get(),
    ).toMatch(/ON field_entries \(current_local_date, current_occurred_ms, kind\)\s+WHERE status = 'active'$/);
    const active = (reading: string) =>
      sqlite.prepare(`SELECT count(*) FROM field_entries ${reading} WHERE status = 'active'`).pluck().get();
    expect(active('INDEXED BY field_entries_by_date_time')).toBe(active('NOT INDEXED'));
    expect(active('NOT INDEXED')).toBeGreaterThan(0);
    sqlite.close();

    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-22T12:00:00Z') });
    const report = await verifyDatabase(core.context.db);
    expect(report.rollups.filter((check) => check.mismatches !== 0)).toEqual([]);
    expect(report.rollups.find((check) => check.table === 'daily_site_counts')?.rows).toBe(1);
  });

  it('holds only what a collection may be, and never changes or deletes its facts', async () => {
    const { sqlite } = await seededAt('0010_form_keys', seedSchema0010);
    await runMigrations(sqlite, { target: '0011_collections' });
    const indexes = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'collection%' ORDER BY name`)
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'collection_revisions_by_date',
        'collections_by_date',
        'collections_by_form_key',
        'collections_by_site_date',
      ]),
    );

    const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
    const collection = (key: number, formKey: Buffer | null) =>
      run(
        `INSERT INTO collections (key, id, status, current_revision, current_site_key, current_local_date, form_key,
           origin_device_key, created_by_key, created_ms, updated_ms)
         VALUES (?, ?, 'active', 1, 1, '2026-11-21', ?, 1, 1, ?, ?)`,
        key,
        `0190f5a0-0000-7000-8000-00000000c1${String(key).padStart(2, '0')}`,
        formKey,
        at,
        at,
      );
    const revision = (key: number, counted: number, containers: number, pounds: number) =>
      run(
        `INSERT INTO collection_revisions (key, id, collection_key, revision, site_key, local_date, source,
           collected_counted, collected_containers, collected_pounds, syringes_per_container, syringes_per_pound,
           collected_estimated, origin_device_key, created_by_key, created_ms)
         VALUES (?, ?, 1, ?, 1, '2026-11-21', 1, ?, ?, ?, 100, 281, ?, 1, 1, ?)`,
        key,
        `0190f5a0-0000-7000-8000-00000000c2${String(key).padStart(2, '0')}`,
        key,
        counted,
        containers,
        pounds,
        Math.round(containers * 100 + pounds * 281),
        at,
      );

    collection(1, Buffer.alloc(16, 1));
    revision(1, 120, 0, 0);
    expect(() => revision(2, 0, 0, 0)).toThrow(/CHECK/);
    expect(() => revision(2, 120, 2, 0)).toThrow(/CHECK/);
    revision(2, 0, 2, 0.5);
    expect(
      sqlite.prepare(`SELECT collected_counted FROM current_collections`).pluck().all(),
      'the view shows revision 1 while the collection says it is current',
    ).toEqual([120]);
    expect(() => run(`UPDATE collection_revisions SET collected_counted = 1 WHERE key = 1`)).toThrow(/never changed/);
    expect(() => run(`DELETE FROM collection_revisions WHERE key = 1`)).toThrow(/never deleted/);
    expect(() => run(`DELETE FROM collections WHERE key = 1`)).toThrow(/never deleted/);
    expect(() => collection(2, Buffer.alloc(16, 1))).toThrow(/UNIQUE/);
    expect(() => collection(2, Buffer.alloc(8))).toThrow(/CHECK/);
    collection(2, null);
    collection(3, null);

    const voidOf = (key: number) =>
      run(
        `INSERT INTO collection_voids (key, id, collection_key, reason, origin_device_key, created_by_key, created_ms)
         VALUES (?, ?, 1, 'logged twice', 1, 1, ?)`,
        key,
        `0190f5a0-0000-7000-8000-00000000c3${String(key).padStart(2, '0')}`,
        at,
      );
    voidOf(1);
    expect(() => voidOf(2)).toThrow(/UNIQUE/);
    expect(() => run(`UPDATE collection_voids SET reason = 'other' WHERE key = 1`)).toThrow(/never changed/);
    sqlite.close();
  });
});
