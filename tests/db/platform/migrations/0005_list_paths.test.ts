/**
 * Migrate to 0004, seed it with raw SQL of that schema (entries at one instant and another, two
 * voided, one corrected onto another site, day and item), migrate to 0005: every entry carries
 * its current revision's instant, site and day, the item index lists each entry's current items
 * once, the old time index is gone, nothing else changed, and the lists read through the new paths.
 */
import { describe, expect, it } from 'vitest';
import { checkListPaths } from '../../../../db/field-entries/list-paths';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { openTestCore, read } from '../../../support/core';
import { allRows, seeded, seeded0004, seededAt, seedSchema0004, tablesOf0001 } from './seeds';

const untouched = [...tablesOf0001.filter((table) => table !== 'field_entries'), 'presets', 'field_entry_voids'];

describe('0005_list_paths', () => {
  it('copies each current revision onto its entry and indexes the items it holds, changing nothing else', async () => {
    const { path, sqlite } = await seededAt('0004_void_kinds', seedSchema0004);
    const before = allRows(sqlite, untouched);
    const entriesBefore = sqlite.prepare('SELECT * FROM field_entries ORDER BY id').all();

    await runMigrations(sqlite, { target: '0005_list_paths' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0005_list_paths');
    expect(allRows(sqlite, untouched)).toEqual(before);

    const entries = sqlite.prepare('SELECT * FROM field_entries ORDER BY id').all() as Record<string, unknown>[];
    expect(
      entries.map(({ current_occurred_at, current_site_id, current_local_date, ...rest }) => ({
        rest,
        current: [current_occurred_at, current_site_id, current_local_date],
      })),
    ).toEqual(
      (entriesBefore as { id: string }[]).map((rest) => ({
        rest,
        current:
          rest.id === seeded0004.corrected
            ? [seeded0004.correctedAt, seeded0004.otherSite, '2026-11-21']
            : [rest.id === seeded.earlier ? seeded.hourEarlier : seeded.at, seeded.site, '2026-11-20'],
      })),
    );
    // Voided entries keep their items: "include voided" finds them.
    expect(sqlite.prepare('SELECT item_id, kind, occurred_at, entry_id FROM field_entry_item_times').all()).toEqual([
      { item_id: seeded.item, kind: 'encounter', occurred_at: seeded.hourEarlier, entry_id: seeded.earlier },
      ...[seeded.tiedLow, seeded.tiedHigh, seeded.undone, seeded.voided].map((entryId) => ({
        item_id: seeded.item,
        kind: 'encounter',
        occurred_at: seeded.at,
        entry_id: entryId,
      })),
      {
        item_id: seeded0004.otherItem,
        kind: 'encounter',
        occurred_at: seeded0004.correctedAt,
        entry_id: seeded0004.corrected,
      },
    ]);
    const indexes = (
      sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]
    ).map((row) => row.name);
    expect(indexes).not.toContain('field_entry_revisions_by_occurred_at');
    expect(indexes).toEqual(
      expect.arrayContaining(['field_entries_by_time', 'field_entries_by_site_time', 'field_entries_by_staff_time']),
    );
    sqlite.close();

    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-22T12:00:00Z') });
    const db = core.context.db;
    expect(checkListPaths(db).mismatches).toBe(0);
    const ids = (input: object) => read(db, 'encounters.list', input).map((entry) => entry.id);
    expect(ids({ itemId: seeded0004.otherItem })).toEqual([seeded0004.corrected]);
    expect(ids({ siteId: seeded0004.otherSite })).toEqual([seeded0004.corrected]);
    expect(ids({ itemId: seeded.item })).toEqual([seeded.tiedHigh, seeded.tiedLow, seeded.earlier]);
    expect(ids({})).toEqual([seeded0004.corrected, seeded.tiedHigh, seeded.tiedLow, seeded.earlier]);
  });
});
