import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../db/runtime/core';
import { seedDemoData } from '../../../db/demo/demo';
import { runCli } from '../../../db/cli/cli';
import { storedCodes } from '../../../db/platform/stored-codes';
import { verifyDatabase } from '../../../db/system/system';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(removeTempDirs);

const today = new Date('2026-11-22T12:00:00Z');
const small = { sites: 8, years: 0.1, seed: 7, today, stockDays: 20, timeZone: 'America/Chicago' };
const encounter = storedCodes.entryKind.code('encounter');
const distribution = storedCodes.movementKind.code('distribution');

async function demoDatabase(path = tempDatabasePath()) {
  return openCore({ databasePath: path, appVersion: 'test', clock: () => today });
}

describe('demo data', () => {
  it('is realistic, internally consistent, and verifies', async () => {
    const core = await demoDatabase();
    const summary = seedDemoData(core.context, { staffId: core.info.defaultStaffId }, small)!;
    expect(summary.sites).toBe(8);
    expect(summary.encounters).toBeGreaterThan(1000);
    expect(summary.tallies).toBeGreaterThan(0);
    expect(summary.voided).toBeGreaterThan(0);
    expect(summary.corrected).toBeGreaterThan(0);
    const count = (sqlText: string) => (core.context.db.sqlite.prepare(sqlText).get() as { n: number }).n;
    expect(count(`SELECT count(DISTINCT site_type) AS n FROM sites`)).toBe(6);
    expect(
      count(`SELECT count(*) AS n FROM current_revisions WHERE participant_key IS NULL AND kind = ${encounter}`),
    ).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM current_revisions WHERE on_behalf_of > 0`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM field_entry_reversals`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM field_entry_unmet_requests`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM field_entry_services`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM lots`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM current_revisions WHERE moves_stock = 0`)).toBeGreaterThan(0);
    expect(
      count(`SELECT count(*) AS n FROM stock_movements WHERE kind = ${distribution} AND lot_key IS NOT NULL`),
    ).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM participants WHERE first_seen_on IS NOT NULL`)).toBe(summary.participants);
    expect(
      count(
        `SELECT count(*) AS n FROM current_revisions WHERE strftime('%w', local_date) = '0' AND kind = ${encounter}`,
      ),
    ).toBe(0);
    expect((await verifyDatabase(core.context.db)).ok).toBe(true);
    core.close();
  });

  it('gives the same database for the same seed and day, ids included', async () => {
    const [first, second] = [await demoDatabase(), await demoDatabase()];
    seedDemoData(first.context, { staffId: first.info.defaultStaffId }, small);
    seedDemoData(second.context, { staffId: second.info.defaultStaffId }, small);
    // Corrections made afterwards the ordinary way get fresh ids, and so do setup's sites and catalog;
    // everything the generator wrote is compared (sites and items by name).
    const generated = [
      `SELECT r.key, r.id, e.id AS entry_id, e.kind, s.name AS site, r.occurred_ms, r.local_date, p.id AS participant_id,
         r.contacts, r.on_behalf_of, r.moves_stock FROM field_entry_revisions r JOIN field_entries e ON e.key = r.entry_key
         JOIN sites s ON s.key = r.site_key LEFT JOIN participants p ON p.key = r.participant_key WHERE r.revision = 1 ORDER BY r.key`,
      `SELECT l.revision_key, l.line_no, i.name, l.units, l.lot_key, l.doses_per_unit FROM field_entry_lines l
         JOIN field_entry_revisions r ON r.key = l.revision_key JOIN items i ON i.key = l.item_key WHERE r.revision = 1
         ORDER BY l.revision_key, l.line_no`,
      `SELECT p.key, p.id, p.code, p.first_seen_on, s.name AS first_seen_site FROM participants p
         LEFT JOIN sites s ON s.id = p.first_seen_site_id ORDER BY p.key`,
      `SELECT l.key, l.id, l.lot_number, l.expires_on FROM lots l ORDER BY l.key`,
      `SELECT c.key, c.id, c.created_ms, r.id AS revision_id, r.site_key, r.local_date, r.source, r.collected_counted,
         r.collected_containers, r.collected_pounds, r.collected_estimated FROM collections c
         JOIN collection_revisions r ON r.collection_key = c.key ORDER BY c.key`,
      `SELECT m.key, m.kind, m.site_key, i.name, m.lot_key, m.units, m.shortfall, m.occurred_ms, m.source_type, m.source_key,
         m.source_revision_key, m.reverses_movement_key FROM stock_movements m JOIN items i ON i.key = m.item_key
         WHERE m.source_revision_key IS NULL OR m.source_revision_key IN (SELECT key FROM field_entry_revisions WHERE revision = 1)
         ORDER BY m.key`,
      // Generated saves and voids (their digests cover the catalog's ids, made at first open, so differ).
      `SELECT a.seq, a.at_ms, a.staff_key, a.action, a.entity_type, a.entity_key, a.after_json FROM audit_log a
         WHERE a.action IN ('encounters.log', 'tallies.log', 'encounters.void', 'tallies.void', 'collections.log')
         ORDER BY a.seq`,
    ];
    for (const query of generated) {
      const a = first.context.db.sqlite.prepare(query).all();
      expect(a.length, query).toBeGreaterThan(0);
      expect(a, query).toEqual(second.context.db.sqlite.prepare(query).all());
    }
    first.close();
    second.close();
  });

  it('never adds to a database that already has field entries', async () => {
    const core = await demoDatabase();
    expect(seedDemoData(core.context, { staffId: core.info.defaultStaffId }, small)).not.toBeNull();
    const entries = (core.context.db.sqlite.prepare('SELECT count(*) AS n FROM field_entries').get() as { n: number })
      .n;
    expect(seedDemoData(core.context, { staffId: core.info.defaultStaffId }, small)).toBeNull();
    expect((core.context.db.sqlite.prepare('SELECT count(*) AS n FROM field_entries').get() as { n: number }).n).toBe(
      entries,
    );
    core.close();
  });
});

describe('the command line', () => {
  it('verify exits 0 on a healthy database and 1 on a damaged one', async () => {
    const path = tempDatabasePath();
    const core = await demoDatabase(path);
    seedDemoData(core.context, { staffId: core.info.defaultStaffId }, { ...small, sites: 2 });
    core.close();
    const lines: string[] = [];
    const printed = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    expect(await runCli(['verify', '--db', path])).toBe(0);
    printed.mockRestore();
    // A line per step of the verify job, in order, as a person reads them: SQLite's own checks
    // start first and, running beside the others, are the last ones waited for.
    expect(lines[0]).toMatch(/^verify 0\/\d+ Checking the database file and the links between records$/);
    expect(lines.some((line) => line.endsWith('Checking the audit trail'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^verify (\d+)\/\1 Checking the database file and the links between records$/);
    expect(lines.some((line) => line.includes('Checking stock balances against the ledger'))).toBe(true);

    const damaged = await demoDatabase(path);
    damaged.context.db.sqlite
      .prepare(
        `UPDATE daily_site_counts SET encounters = encounters + 1 WHERE (site_key, local_date) IN (SELECT site_key, local_date FROM daily_site_counts LIMIT 1)`,
      )
      .run();
    damaged.close();
    expect(await runCli(['verify', '--db', path])).toBe(1);
  });

  it('refuses to put demo data into a database that has data, and explains bad arguments', async () => {
    const path = tempDatabasePath();
    const core = await demoDatabase(path);
    seedDemoData(core.context, { staffId: core.info.defaultStaffId }, { ...small, sites: 1 });
    core.close();
    expect(await runCli(['demo', '--db', path, '--sites', '1'])).toBe(1);
    await expect(runCli(['demo', '--db', path, '--sites', 'many'])).rejects.toThrow(/--sites must be a whole number/);
    await expect(runCli(['verify'])).rejects.toThrow(/verify needs --db/);
    expect(await runCli(['explode'])).toBe(2);
  });
});
