/**
 * Migrate to 0006, seed it with raw SQL of that schema (daily rollups over November and December
 * at two sites, one participant seen at both), migrate to 0007: the monthly twins hold the daily
 * sums by month, each period counts the participant once per site and once for all sites, the
 * corrected entry's second revision names its first, and nothing else changed.
 */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { checkRollups } from '../../../../db/reports/rollup-checks';
import { openTestCore } from '../../../support/core';
import { allRows, seeded, seeded0004, seededAt, seedSchema0006, tablesOf0001 } from './seeds';

const untouched = [
  ...tablesOf0001.filter((table) => table !== 'field_entry_revisions'),
  'presets',
  'field_entry_voids',
];
/** Rollup tables have no rowid: read in key order instead. */
const dailyTables = ['daily_site_counts', 'daily_item_units', 'daily_unmet_requests', 'participant_site_days'];

describe('0007_monthly_figures', () => {
  it('sums the days into months, counts people per period, and links corrections, changing nothing else', async () => {
    const { path, sqlite } = await seededAt('0006_code_variants', seedSchema0006);
    const before = allRows(sqlite, untouched);
    const daily = () => dailyTables.map((table) => sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all());
    const dailyBefore = daily();
    const revisionsBefore = sqlite.prepare('SELECT * FROM field_entry_revisions ORDER BY id').all();
    await runMigrations(sqlite, { target: '0007_monthly_figures' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0007_monthly_figures');
    expect(allRows(sqlite, untouched)).toEqual(before);
    expect(daily()).toEqual(dailyBefore);

    const { site, item } = seeded;
    const { otherSite, otherItem, corrected } = seeded0004;
    const rows = (sqlText: string) => sqlite.prepare(sqlText).all();
    expect(
      rows(
        'SELECT month, site_id, encounters, tallies, tally_contacts FROM monthly_site_counts ORDER BY month, site_id',
      ),
    ).toEqual(
      [
        { month: '2026-11', site_id: site, encounters: 3, tallies: 1, tally_contacts: 7 },
        { month: '2026-11', site_id: otherSite, encounters: 1, tallies: 0, tally_contacts: 0 },
        { month: '2026-12', site_id: site, encounters: 1, tallies: 0, tally_contacts: 0 },
      ].sort((a, b) => (a.month + a.site_id < b.month + b.site_id ? -1 : 1)),
    );
    expect(
      rows('SELECT month, site_id, item_id, units, doses FROM monthly_item_units ORDER BY month, site_id, item_id'),
    ).toEqual(
      [
        { month: '2026-11', site_id: site, item_id: item, units: 64, doses: 0 },
        { month: '2026-11', site_id: otherSite, item_id: otherItem, units: 2, doses: 4 },
      ].sort((a, b) => (a.site_id < b.site_id ? -1 : 1)),
    );
    expect(rows('SELECT month, site_id, item_id, count FROM monthly_unmet_requests')).toEqual([
      { month: '2026-11', site_id: otherSite, item_id: item, count: 1 },
    ]);
    expect(rows('SELECT * FROM monthly_service_counts')).toEqual([]);
    const periods = rows('SELECT period, site_id, participants FROM period_participants ORDER BY period, site_id');
    const expected = [
      ...['2026', '2026-Q4', '2026-11'].flatMap((period) => [
        { period, site_id: '', participants: 1 },
        { period, site_id: site, participants: 1 },
        { period, site_id: otherSite, participants: 1 },
      ]),
      { period: '2026-12', site_id: '', participants: 1 },
      { period: '2026-12', site_id: site, participants: 1 },
    ].sort((a, b) => (a.period === b.period ? (a.site_id < b.site_id ? -1 : 1) : a.period < b.period ? -1 : 1));
    expect(periods).toEqual(expected);

    const revisions = sqlite.prepare('SELECT * FROM field_entry_revisions ORDER BY id').all() as Record<
      string,
      unknown
    >[];
    expect(revisions.map(({ replaces_revision_id, ...rest }) => ({ rest, replaces_revision_id }))).toEqual(
      (revisionsBefore as Record<string, unknown>[]).map((rest) => ({
        rest,
        replaces_revision_id:
          rest['entry_id'] === corrected && rest['revision'] === 2 ? `${corrected.slice(0, -4)}r106` : null,
      })),
    );
    expect(() => sqlite.prepare('UPDATE field_entry_revisions SET note = 1').run()).toThrow(/never changed/);
    sqlite.close();

    // The seed's daily rows are figures of their own (not the facts'); the monthly twins and the
    // period counts agree with what they are kept from.
    const core = await openTestCore({ databasePath: path });
    const checks = checkRollups(core.context.db);
    expect(
      checks.filter((check) => /^monthly_|^period_/.test(check.table)).map((check) => [check.table, check.mismatches]),
    ).toEqual([
      ['monthly_site_counts', 0],
      ['monthly_item_units', 0],
      ['monthly_service_counts', 0],
      ['monthly_unmet_requests', 0],
      ['period_participants', 0],
    ]);
  });
});
