/** Migrate to 0001, put data in, migrate to 0002: the data is untouched and presets work. */
import { afterEach, describe, expect, it } from 'vitest';
import { configureConnection, OutpostDatabase } from '../../../../db/platform/database';
import { ensureIdentity } from '../../../../db/system/bootstrap';
import { logEncounter } from '../../../../db/field-entries/field-entries';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { createPreset } from '../../../../db/presets/presets';
import { SqliteDriver } from '../../../../db/platform/sqlite-driver';
import { verifyDatabase } from '../../../../db/system/system';
import { removeTempDirs, tempDatabasePath } from '../../../support/temp-files';

afterEach(removeTempDirs);

describe('0002_presets', () => {
  it('adds presets to a database that already holds field work, changing none of it', async () => {
    const sqlite = new SqliteDriver(tempDatabasePath());
    configureConnection(sqlite);
    await runMigrations(sqlite, { target: '0001_core_model' });
    const db = new OutpostDatabase(sqlite, 'test');
    // Seed with the tables as 0001 left them (the bootstrap and an encounter write only 0001 tables).
    const identity = ensureIdentity(db);
    const writer = { deviceId: identity.deviceId, staffId: identity.defaultStaffId };
    const site = db.first(db.query.selectFrom('sites').select('id'))!;
    const item = db.first(db.query.selectFrom('items').select('id').where('is_kit', '=', 0))!;
    const saved = logEncounter(db, writer, {
      siteId: site.id,
      occurredAt: new Date().toISOString(),
      participantCode: 'MG01',
      lines: [{ itemId: item.id, quantity: 7 }],
    });
    const before = sqlite.prepare('SELECT * FROM field_entry_revisions ORDER BY id').all();

    await runMigrations(sqlite, { target: '0002_presets' });
    expect(appliedMigrations(sqlite)).toEqual(['0001_core_model', '0002_presets']);
    expect(sqlite.prepare('SELECT * FROM field_entry_revisions ORDER BY id').all()).toEqual(before);
    expect(sqlite.prepare('SELECT id FROM field_entries').all()).toEqual([{ id: saved.id }]);
    expect(createPreset(db, writer, { name: 'Kit', lines: [{ itemId: item.id, quantity: 10 }] }).name).toBe('Kit');
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO presets (id, name, lines_json, origin_device_id, created_by, created_at, updated_at)
      VALUES ('p', 'Broken', 'not json', 'd', ?, 'now', 'now')`,
        )
        .run(writer.staffId),
    ).toThrow(/CHECK/);
    expect(verifyDatabase(db).ok).toBe(true);
    sqlite.close();
  });
});
