/**
 * Migrate to 0003, seed it with raw SQL of that schema (one entry undone the old way, with the
 * reason "undone", one voided with a typed reason), migrate to 0004: the undo is an undo, the void
 * a void, nothing else changed, the audit log untouched, and voids are facts again.
 */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { openTestCore, read } from '../../../support/core';
import { allRows, seeded, seededAt, seedSchema0002, tablesOf0001 } from './seeds';

const untouched = [...tablesOf0001.filter((table) => table !== 'field_entry_voids'), 'presets'];

describe('0004_void_kinds', () => {
  it('marks the old "undone" voids as undos and every other void as a void, changing nothing else', async () => {
    const { path, sqlite } = await seededAt('0003_entry_list_order', seedSchema0002);
    const before = allRows(sqlite, untouched);
    const voidsBefore = sqlite.prepare('SELECT * FROM field_entry_voids ORDER BY id').all();

    await runMigrations(sqlite, { target: '0004_void_kinds' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0004_void_kinds');
    expect(allRows(sqlite, untouched)).toEqual(before);
    const voids = sqlite.prepare('SELECT * FROM field_entry_voids ORDER BY id').all() as Record<string, unknown>[];
    expect(voids.map(({ kind, ...rest }) => ({ rest, kind }))).toEqual([
      { rest: voidsBefore[0], kind: 'undo' },
      { rest: voidsBefore[1], kind: 'void' },
    ]);
    expect(voids.map((row) => row['entry_id'])).toEqual([seeded.undone, seeded.voided]);
    expect(() => sqlite.prepare(`UPDATE field_entry_voids SET kind = 'void'`).run()).toThrow(/never changed/);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO field_entry_voids (id, entry_id, kind, reason, origin_device_id, created_by, created_at)
           VALUES ('x', ?, 'deleted', 'r', 'd', ?, 'now')`,
        )
        .run(seeded.tiedLow, seeded.admin),
    ).toThrow(/CHECK/);
    sqlite.close();

    // The app shows how each was taken back.
    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-21T12:00:00Z') });
    const db = core.context.db;
    expect(read(db, 'encounters.get', { id: seeded.undone })).toMatchObject({ status: 'voided', voidKind: 'undo' });
    expect(read(db, 'encounters.get', { id: seeded.voided })).toMatchObject({
      status: 'voided',
      voidKind: 'void',
      voidReason: 'entered twice',
    });
  });
});
