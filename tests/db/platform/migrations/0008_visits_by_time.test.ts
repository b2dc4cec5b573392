/**
 * Migrate to 0007, seed it with raw SQL of that schema, migrate to 0008: the revisions are indexed
 * by participant and instant instead of by participant alone, no row changed, and a participant's
 * last visit is found through the new index.
 */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { openTestCore, read } from '../../../support/core';
import { allRows, seeded, seededAt, seedSchema0006, tablesOf0001 } from './seeds';

describe('0008_visits_by_time', () => {
  it('indexes visits by participant and time, changing no row', async () => {
    const { path, sqlite } = await seededAt('0007_monthly_figures', seedSchema0006);
    const tables = [...tablesOf0001, 'presets', 'field_entry_voids'];
    const before = allRows(sqlite, tables);
    await runMigrations(sqlite, { target: '0008_visits_by_time' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0008_visits_by_time');
    expect(allRows(sqlite, tables)).toEqual(before);
    const indexes = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'field_entry_revisions'`)
      .pluck()
      .all();
    expect(indexes).toContain('field_entry_revisions_by_participant_time');
    expect(indexes).not.toContain('field_entry_revisions_by_participant');
    sqlite.close();

    // MG01's newest active encounter: the two at the same instant, the higher id first.
    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-22T12:00:00Z') });
    const [found] = read(core.context.db, 'participants.search', { query: 'MG01' });
    expect(found).toMatchObject({ code: 'MG01', lastVisit: { occurredAt: seeded.at, siteName: 'Main site' } });
  });
});
