/**
 * The rollup checks catch what is wrong, each in its own table: a changed figure, a missing row,
 * a row on a day no fact is on, in the daily tables, their monthly twins, the period counts and
 * first-seen dates. And they read the facts in index order, never sorting into temporary files.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkRollups } from '../../../db/reports/rollup-checks';
import { openFieldCore, perform } from '../../support/core';

async function program() {
  const field = await openFieldCore();
  const { db, writer, site, item } = field;
  const syringe = item('Syringe 1 mL 28G 1/2in').id;
  const service = db.first(db.query.selectFrom('service_types').select('id').limit(1))!.id;
  for (const [day, code] of [
    ['2026-01-05', 'AA01'],
    ['2026-01-05', 'BB02'],
    ['2026-02-10', 'AA01'],
  ] as const) {
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: `${day}T20:00:00Z`,
      participantCode: code,
      lines: [{ itemId: syringe, quantity: 3 }],
      services: [service],
      unmetRequests: [{ itemId: syringe, reason: 'out_of_stock' }],
    });
  }
  return { ...field, syringe, service };
}

const wrongTables = (db: Parameters<typeof checkRollups>[0]) =>
  checkRollups(db)
    .filter((check) => check.mismatches > 0)
    .map((check) => check.table);

describe('the rollup checks', () => {
  it('find nothing wrong in a database kept by the core', async () => {
    const { db } = await program();
    expect(wrongTables(db)).toEqual([]);
  });

  it.each([
    [
      'a changed daily figure',
      `UPDATE daily_site_counts SET encounters = encounters + 1 WHERE local_date = '2026-01-05'`,
      ['daily_site_counts', 'monthly_site_counts'],
    ],
    [
      'a missing item row',
      `DELETE FROM daily_item_units WHERE local_date = '2026-02-10'`,
      ['daily_item_units', 'monthly_item_units'],
    ],
    [
      'a service on a day with no visit',
      `INSERT INTO daily_service_counts SELECT site_key, '2026-03-03', service_type_key, 1 FROM daily_service_counts LIMIT 1`,
      ['daily_service_counts', 'monthly_service_counts'],
    ],
    [
      'a changed unmet request count',
      `UPDATE daily_unmet_requests SET count = 7 WHERE local_date = '2026-01-05'`,
      ['daily_unmet_requests', 'monthly_unmet_requests'],
    ],
    [
      'a visit day of someone never seen then',
      `UPDATE participant_site_days SET first_ms = ${Date.parse('2026-01-05T01:00:00.000Z')} WHERE local_date = '2026-01-05'`,
      ['participant_site_days'],
    ],
    ['a monthly figure alone', `UPDATE monthly_item_units SET units = units + 1`, ['monthly_item_units']],
    [
      'a period count',
      `UPDATE period_participants SET participants = participants + 1 WHERE period = '2026-Q1' AND site_key = 0`,
      ['period_participants'],
    ],
    ['a first-seen date', `UPDATE participants SET first_seen_on = '2025-12-31'`, ['participants.first_seen']],
  ])('name the table when there is %s', async (_what, damage, tables) => {
    const { db } = await program();
    db.sqlite.prepare(damage).run();
    expect(wrongTables(db)).toEqual(tables);
  });

  it('read the facts in the date index order, sorting nothing', async () => {
    const { db } = await program();
    const statement = vi.spyOn(db, 'statement');
    checkRollups(db);
    const factQueries = statement.mock.calls
      .map(([sqlText]) => sqlText)
      .filter((sqlText) => /INDEXED BY/.test(sqlText));
    statement.mockRestore();
    // One walk per daily table, and one of the collections beside the site counts'.
    expect(factQueries).toHaveLength(6);
    const plans = factQueries.map((sqlText) =>
      (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('\n'),
    );
    for (const plan of plans) {
      expect(plan).toMatch(/SCAN r USING INDEX (field_entry_revisions_by_date|collection_revisions_by_date)/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    expect(plans.filter((plan) => /collection_revisions_by_date/.test(plan))).toHaveLength(1);
  });
});
