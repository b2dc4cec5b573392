/**
 * Syringes collected, worked out by hand, with collections beside encounters: an encounter that
 * collected 40 counted, a kiosk of 120 counted and a sweep of 2 containers at 100 a container
 * make a month of 160 counted and 200 estimated. Voiding the kiosk takes it back to 40; a
 * correction moves the figure; verify recomputes it from the facts and catches a tampered rollup.
 */
import { describe, expect, it } from 'vitest';
import { monthlySeries, periodFigures } from '../../../db/reports/figures';
import { checkRollups } from '../../../db/reports/rollup-checks';
import { rebuildRollups } from '../../../db/reports/rollups';
import { verifyDatabase } from '../../../db/system/system';
import { openFieldCore, perform, setProgramSettings } from '../../support/core';

const now = new Date('2026-12-02T20:00:00Z');

async function program() {
  const field = await openFieldCore({ clock: () => now });
  const { core, db, writer, site } = field;
  setProgramSettings(core, { syringes_per_container: 100, syringes_per_pound: 281 });
  perform(db, writer, 'encounters.log', {
    siteId: site.id,
    occurredAt: '2026-11-20T20:00:00Z',
    lines: [],
    collected: { counted: 40 },
  });
  const kiosk = perform(db, writer, 'collections.log', {
    siteId: site.id,
    collectedOn: '2026-11-20',
    source: 'kiosk',
    collected: { counted: 120 },
  });
  const sweep = perform(db, writer, 'collections.log', {
    siteId: site.id,
    collectedOn: '2026-11-28',
    source: 'community_sweep',
    collected: { containers: 2 },
  });
  return { ...field, kiosk, sweep };
}

const wrongTables = (db: Parameters<typeof checkRollups>[0]) =>
  checkRollups(db)
    .filter((check) => check.mismatches > 0)
    .map((check) => check.table);

describe('syringes collected with collections', () => {
  it('adds collections to the encounters’ returns, counted and estimated apart', async () => {
    const { db, site } = await program();
    expect(periodFigures(db, '2026-11').syringesCollected).toEqual({ counted: 160, estimated: 200 });
    expect(periodFigures(db, '2026-11', site.id).syringesCollected).toEqual({ counted: 160, estimated: 200 });
    expect(periodFigures(db, '2026-Q4').syringesCollected).toEqual({ counted: 160, estimated: 200 });
    // A collection is no contact: the encounter counts once.
    expect(periodFigures(db, '2026-11').encounters).toBe(1);
    expect(monthlySeries(db, '2026-10', '2026-12').map((month) => month.syringesCollected)).toEqual([
      { counted: 0, estimated: 0 },
      { counted: 160, estimated: 200 },
      { counted: 0, estimated: 0 },
    ]);
    const day = db
      .statement(
        `SELECT collected_counted, collected_estimated, encounters FROM daily_site_counts WHERE local_date = '2026-11-20'`,
      )
      .get();
    expect(day).toEqual({ collected_counted: 160, collected_estimated: 0, encounters: 1 });
    expect(wrongTables(db)).toEqual([]);
  });

  it('moves the figure when a collection is voided or corrected', async () => {
    const { db, writer, site, kiosk, sweep } = await program();
    perform(db, writer, 'collections.void', { id: kiosk.id, reason: 'logged twice' });
    expect(periodFigures(db, '2026-11').syringesCollected).toEqual({ counted: 40, estimated: 200 });
    // The sweep was three containers, and in December.
    perform(db, writer, 'collections.correct', {
      id: sweep.id,
      expectedRevision: 1,
      reason: 'recounted the containers',
      siteId: site.id,
      collectedOn: '2026-12-01',
      source: 'community_sweep',
      collected: { containers: 3 },
    });
    expect(periodFigures(db, '2026-11').syringesCollected).toEqual({ counted: 40, estimated: 0 });
    expect(periodFigures(db, '2026-12').syringesCollected).toEqual({ counted: 0, estimated: 300 });
    expect(wrongTables(db)).toEqual([]);
  });

  it('rebuilds from the facts to the figures the saves kept', async () => {
    const { core, db } = await program();
    const kept = db.statement(`SELECT * FROM daily_site_counts ORDER BY site_key, local_date`).all();
    core.context.db.sqlite.transaction(() => rebuildRollups(core.context.db))();
    expect(db.statement(`SELECT * FROM daily_site_counts ORDER BY site_key, local_date`).all()).toEqual(kept);
    expect(periodFigures(db, '2026-11').syringesCollected).toEqual({ counted: 160, estimated: 200 });
  });

  it('verifies, and catches a tampered figure on a day only a collection is on', async () => {
    const { core, db } = await program();
    expect((await verifyDatabase(db)).ok).toBe(true);
    const sqlite = core.context.db.sqlite;
    sqlite.prepare(`UPDATE daily_site_counts SET collected_estimated = 199 WHERE local_date = '2026-11-28'`).run();
    expect(wrongTables(db)).toEqual(['daily_site_counts', 'monthly_site_counts']);
    sqlite.prepare(`UPDATE daily_site_counts SET collected_estimated = 200 WHERE local_date = '2026-11-28'`).run();
    sqlite.prepare(`UPDATE monthly_site_counts SET collected_counted = 40 WHERE month = '2026-11'`).run();
    expect(wrongTables(db)).toEqual(['monthly_site_counts']);
    sqlite.prepare(`UPDATE monthly_site_counts SET collected_counted = 160 WHERE month = '2026-11'`).run();
    // A collection's row taken away altogether.
    sqlite.prepare(`DELETE FROM daily_site_counts WHERE local_date = '2026-11-28'`).run();
    expect(wrongTables(db)).toContain('daily_site_counts');
    expect((await verifyDatabase(db)).ok).toBe(false);
  });
});
