/**
 * SQLite's own check inside `verify`: it runs on a thread and connection of its own beside the
 * other checks, and what it finds reaches the report.
 */
import { describe, expect, it } from 'vitest';
import { openReadOnlyDatabase } from '../../../db/platform/database';
import { SqliteDriver } from '../../../db/platform/sqlite-driver';
import { verifyDatabase } from '../../../db/system/system';
import { openFieldCore, perform } from '../../support/core';

describe("verify's integrity check", () => {
  it('reports an index that no longer matches its table, and the database as not ok', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    for (const participantCode of ['MA0785', 'JO1162', 'LU0493'])
      perform(db, writer, 'encounters.log', {
        siteId: site.id,
        occurredAt: '2026-11-22T18:00:00Z',
        participantCode,
        lines: [{ itemId: item('Naloxone nasal 4 mg (box of 2)').id, quantity: 1 }],
      });
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, integrity: 'ok' });

    // Another connection rewrites the index's recorded definition, as damage would: its entries
    // now disagree with the rows. Only a connection opened after this sees it, as the check's does.
    const other = new SqliteDriver(db.path);
    other.unsafeMode(true);
    other.pragma('writable_schema = ON');
    other
      .prepare(
        "UPDATE sqlite_schema SET sql = replace(sql, '(local_date, site_key)', '(site_key, local_date)') WHERE name = ?",
      )
      .run('field_entry_revisions_by_date');
    other.close();

    const report = await verifyDatabase(db);
    expect(report.ok).toBe(false);
    expect(report.integrity).toMatch(/field_entry_revisions_by_date/);
    // The other checks found nothing: it is the file's own check that caught it.
    expect(report.ledger.mismatches).toBe(0);
    expect(report.audit.intact).toBe(true);

    // On one thread (one core), on a connection opened after the damage, the same is found.
    const fresh = openReadOnlyDatabase(db.path);
    const alone = await verifyDatabase(fresh, { sqliteChecksBeside: false });
    fresh.close();
    expect(alone.ok).toBe(false);
    expect(alone.integrity).toBe(report.integrity);
    core.close();
  });
});
