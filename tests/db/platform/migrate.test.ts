import { SqliteDriver as BetterSqlite3, type SqliteConnection } from '../../../db/platform/sqlite-driver';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/platform/database';
import { DatabaseTooNewError, OutpostError } from '../../../db/contract/errors';
import { appliedMigrations, runMigrations } from '../../../db/platform/migrate';
import { latestSchemaVersion, migrations } from '../../../db/platform/migrations';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(removeTempDirs);

function tables(sqlite: SqliteConnection): { name: string; strict: number }[] {
  return sqlite
    .prepare(
      `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string; strict: number }[];
}

describe('opening a database', () => {
  it('creates and migrates a new file to the latest schema, durable and strict', async () => {
    const path = tempDatabasePath();
    const db = await openDatabase(path);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(appliedMigrations(db.sqlite)).toEqual(Object.keys(migrations));
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // Sorts and temporary tables never go to a file beside the database.
    expect(db.sqlite.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    const domainTables = tables(db.sqlite).filter((table) => !table.name.startsWith('schema_migrations'));
    expect(domainTables.map((table) => table.name)).toEqual([
      'adjustment_lines',
      'adjustment_reasons',
      'adjustments',
      'audit_log',
      'collection_revisions',
      'collection_voids',
      'collections',
      'count_entries',
      'count_events',
      'count_lines',
      'count_reviews',
      'counts',
      'daily_item_units',
      'daily_service_counts',
      'daily_site_counts',
      'daily_unmet_requests',
      'device',
      'field_entries',
      'field_entry_item_times',
      'field_entry_lines',
      'field_entry_reversals',
      'field_entry_revisions',
      'field_entry_services',
      'field_entry_unmet_requests',
      'field_entry_voids',
      'item_gtins',
      'items',
      'kit_components',
      'kit_versions',
      'lot_holds',
      'lots',
      'monthly_item_units',
      'monthly_service_counts',
      'monthly_site_counts',
      'monthly_unmet_requests',
      'participant_code_variants',
      'participant_merges',
      'participant_site_days',
      'participants',
      'period_participants',
      'presets',
      'program_settings',
      'receipts',
      'service_types',
      'sites',
      'staff',
      'stock_balances',
      'stock_movements',
      'transfer_event_lines',
      'transfer_events',
      'transfer_lines',
      'transfers',
    ]);
    expect(domainTables.every((table) => table.strict === 1)).toBe(true);
    db.close();
  });

  it("keeps the planner's statistics: tables with rows are analysed by the time the file is opened again", async () => {
    const path = tempDatabasePath();
    const writer = await openDatabase(path);
    const statistics = (db: { sqlite: SqliteConnection }) =>
      db.sqlite.prepare(`SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl`).pluck().all();
    // Opening analysed what had rows then: the migration bookkeeping.
    expect(statistics(writer)).toContain('schema_migrations');
    writer.sqlite.prepare(`INSERT INTO device (id, created_at) VALUES ('d1', '2026-11-22T12:00:00Z')`).run();
    writer.sqlite.prepare(`SELECT * FROM device WHERE id = 'd1'`).get();
    writer.close();
    const reopened = await openDatabase(path);
    expect(statistics(reopened)).toContain('device');
    reopened.close();
  });

  it('opens an up-to-date database again without changing it', async () => {
    const path = tempDatabasePath();
    (await openDatabase(path)).close();
    const again = await openDatabase(path);
    expect(appliedMigrations(again.sqlite)).toHaveLength(latestSchemaVersion);
    again.close();
  });

  it('refuses a database written by a newer Outpost and leaves it untouched', async () => {
    const path = tempDatabasePath();
    (await openDatabase(path)).close();
    const raw = new BetterSqlite3(path);
    raw.prepare(`INSERT INTO schema_migrations (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')`).run();
    raw.close();

    await expect(openDatabase(path)).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(openDatabase(path)).rejects.toThrow(/newer version of Outpost/);
    const check = new BetterSqlite3(path, { readonly: true });
    expect(appliedMigrations(check)).toContain('9999_from_the_future');
    check.close();
  });

  it('refuses a database whose user_version is ahead of this version', async () => {
    const path = tempDatabasePath();
    (await openDatabase(path)).close();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    await expect(openDatabase(path)).rejects.toMatchObject({ code: 'database_too_new' });
  });

  it('runs all pending migrations in one transaction: a failure leaves nothing behind', async () => {
    const sqlite = new BetterSqlite3(tempDatabasePath());
    const failing = {
      ...migrations,
      '9000_adds_a_table': {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT`.execute(db);
        },
      },
      '9001_breaks': {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE broken (`.execute(db);
        },
      },
    };
    await expect(runMigrations(sqlite, { migrations: failing })).rejects.toBeInstanceOf(OutpostError);
    await expect(runMigrations(sqlite, { migrations: failing })).rejects.toThrow(/9001_breaks/);
    const names = tables(sqlite).map((table) => table.name);
    expect(names).not.toContain('half_done');
    expect(names).not.toContain('field_entries');
    expect(appliedMigrations(sqlite)).toEqual([]);
    sqlite.close();
  });

  it('checks a definition rewritten in place against the rows already there, and rolls back when they break it', async () => {
    const sqlite = new BetterSqlite3(tempDatabasePath());
    await runMigrations(sqlite);
    sqlite.prepare(`INSERT INTO device (id, created_at) VALUES ('d1', '2026-11-22T12:00:00Z')`).run();
    const definition = () =>
      sqlite.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'device'`).pluck().get() as string;
    const before = definition();
    const tightening = {
      ...migrations,
      '9000_no_device_ids_of_two_characters': {
        rewritesDefinitions: ['device'],
        up: async (db: Kysely<unknown>) => {
          await sql`UPDATE sqlite_schema SET sql = replace(sql, 'id TEXT NOT NULL UNIQUE', 'id TEXT NOT NULL UNIQUE CHECK (length(id) <> 2)')
                    WHERE type = 'table' AND name = 'device'`.execute(db);
        },
      },
    };
    await expect(runMigrations(sqlite, { migrations: tightening })).rejects.toThrow(
      /9000_no_device_ids_of_two_characters: device does not hold to its rewritten definition/,
    );
    expect(definition()).toBe(before);
    expect(appliedMigrations(sqlite)).toEqual(Object.keys(migrations));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();
  });
});
