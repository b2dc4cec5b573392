/** Migrate to 0002, seed it with raw SQL of that schema, migrate to 0003: the data is untouched and pages use the new index. */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { openTestCore, read } from '../../../support/core';
import { allRows, seeded, seededAt, seedSchema0002, tablesOf0001 } from './seeds';

const tables = [...tablesOf0001, 'presets'];

describe('0003_entry_list_order', () => {
  it('indexes revisions in list order on a database that already holds field work, changing none of it', async () => {
    const { path, sqlite } = await seededAt('0002_presets', seedSchema0002);
    const before = allRows(sqlite, tables);
    const indexes = () =>
      (
        sqlite
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'field_entry_revisions'`)
          .all() as { name: string }[]
      ).map((row) => row.name);
    expect(indexes()).not.toContain('field_entry_revisions_by_occurred_at');

    await runMigrations(sqlite, { target: '0003_entry_list_order' });
    expect(appliedMigrations(sqlite)).toEqual(['0001_core_model', '0002_presets', '0003_entry_list_order']);
    expect(allRows(sqlite, tables)).toEqual(before);
    expect(indexes()).toContain('field_entry_revisions_by_occurred_at');
    expect(
      (sqlite.prepare(`PRAGMA index_info('field_entry_revisions_by_occurred_at')`).all() as { name: string }[]).map(
        (column) => column.name,
      ),
    ).toEqual(['occurred_at', 'entry_id']);
    sqlite.close();

    // The entries seeded before the migration page through it in order, once the app opens the file.
    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-21T12:00:00Z') });
    const db = core.context.db;
    const first = read(db, 'encounters.list', { limit: 1 });
    expect(first.map((entry) => entry.id)).toEqual([seeded.tiedHigh]);
    const rest = read(db, 'encounters.list', { before: { occurredAt: first[0]!.occurredAt, id: first[0]!.id } });
    expect(rest.map((entry) => entry.id)).toEqual([seeded.tiedLow, seeded.earlier]);
  });
});
