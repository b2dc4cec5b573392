/** Migrate to 0002, put field work in, migrate to 0003: the data is untouched and pages use the new index. */
import { afterEach, describe, expect, it } from 'vitest';
import { ensureIdentity } from '../../../../db/system/bootstrap';
import { configureConnection, OutpostDatabase } from '../../../../db/platform/database';
import { listEncounters, logEncounter } from '../../../../db/field-entries/field-entries';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { SqliteDriver } from '../../../../db/platform/sqlite-driver';
import { verifyDatabase } from '../../../../db/system/system';
import { removeTempDirs, tempDatabasePath } from '../../../support/temp-files';

afterEach(removeTempDirs);

describe('0003_entry_list_order', () => {
  it('indexes revisions in list order on a database that already holds field work, changing none of it', async () => {
    const sqlite = new SqliteDriver(tempDatabasePath());
    configureConnection(sqlite);
    await runMigrations(sqlite, { target: '0002_presets' });
    const db = new OutpostDatabase(sqlite, 'test');
    const identity = ensureIdentity(db);
    const writer = { deviceId: identity.deviceId, staffId: identity.defaultStaffId };
    const site = db.first(db.query.selectFrom('sites').select('id'))!;
    const at = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    // Two at the same instant and one an hour earlier.
    const saved = [at, at, new Date(Date.parse(at) - 60 * 60 * 1000).toISOString()].map((occurredAt) =>
      logEncounter(db, writer, { siteId: site.id, occurredAt, lines: [] }),
    );
    const before = sqlite.prepare('SELECT * FROM field_entry_revisions ORDER BY id').all();
    const indexes = () =>
      (
        sqlite
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'field_entry_revisions'`)
          .all() as { name: string }[]
      ).map((row) => row.name);
    expect(indexes()).not.toContain('field_entry_revisions_by_occurred_at');

    await runMigrations(sqlite, { target: '0003_entry_list_order' });
    expect(appliedMigrations(sqlite)).toEqual(['0001_core_model', '0002_presets', '0003_entry_list_order']);
    expect(sqlite.prepare('SELECT * FROM field_entry_revisions ORDER BY id').all()).toEqual(before);
    expect(indexes()).toContain('field_entry_revisions_by_occurred_at');
    expect(
      (sqlite.prepare(`PRAGMA index_info('field_entry_revisions_by_occurred_at')`).all() as { name: string }[]).map(
        (column) => column.name,
      ),
    ).toEqual(['occurred_at', 'entry_id']);

    // The entries logged before the migration page through it in order.
    const [tiedHigh, tiedLow] = [saved[0]!.id, saved[1]!.id].sort().reverse();
    const first = listEncounters(db, { limit: 1 });
    expect(first.map((entry) => entry.id)).toEqual([tiedHigh]);
    const rest = listEncounters(db, { before: { occurredAt: first[0]!.occurredAt, id: first[0]!.id } });
    expect(rest.map((entry) => entry.id)).toEqual([tiedLow, saved[2]!.id]);
    expect(verifyDatabase(db).ok).toBe(true);
    sqlite.close();
  });
});
