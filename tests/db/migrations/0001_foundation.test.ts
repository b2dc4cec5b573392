/**
 * Migration 0001 starts from an empty file (there is no N-1 to seed), so its test checks what it
 * creates and the constraints that protect the data. Later migrations follow the pattern:
 * migrate to N-1, seed, migrate to N, check the seeded data.
 */
import { SqliteDriver as BetterSqlite3, type SqliteConnection } from '../../../db/sqlite-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { configureConnection } from '../../../db/database';
import { runMigrations } from '../../../db/migrate';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(removeTempDirs);

async function migratedTo(target: string): Promise<SqliteConnection> {
  const sqlite = new BetterSqlite3(tempDatabasePath());
  configureConnection(sqlite);
  await runMigrations(sqlite, { target });
  return sqlite;
}

describe('0001_foundation', () => {
  it('creates the skeleton tables with their constraints', async () => {
    const sqlite = await migratedTo('0001_foundation');
    const now = '2026-11-22T00:00:00.000Z';
    const insert = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
    insert(`INSERT INTO device (id, created_at) VALUES ('d', ?)`, now);
    insert(`INSERT INTO staff VALUES ('s', 'Sam', 'admin', 1, 'd', ?, ?)`, now, now);
    insert(`INSERT INTO sites VALUES ('site', 'Main', 'fixed', 1, 'd', 's', ?, ?)`, now, now);
    insert(`INSERT INTO items VALUES ('item', 'Syringe', 'syringe', 'syringe', 1, 'd', 's', ?, ?)`, now, now);
    insert(`INSERT INTO encounters VALUES ('e', 'site', ?, NULL, 'd', 's', ?, ?)`, now, now, now);
    insert(`INSERT INTO encounter_lines VALUES ('l', 'e', 'item', 10, 'd', 's', ?)`, now);

    expect(() => insert(`INSERT INTO encounter_lines VALUES ('l2', 'e', 'item', 0, 'd', 's', ?)`, now)).toThrow(
      /CHECK/,
    );
    expect(() => insert(`INSERT INTO encounter_lines VALUES ('l3', 'e', 'nope', 1, 'd', 's', ?)`, now)).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => insert(`INSERT INTO sites VALUES ('x', 'Van', 'spaceship', 1, 'd', 's', ?, ?)`, now, now)).toThrow(
      /CHECK/,
    );
    expect(() =>
      insert(`INSERT INTO items VALUES ('y', 'Thing', 'snacks', 'unit', 1, 'd', 's', ?, ?)`, now, now),
    ).toThrow(/CHECK/);
    expect(() => insert(`INSERT INTO encounter_lines VALUES ('l4', 'e', 'item', 'ten', 'd', 's', ?)`, now)).toThrow(
      /cannot store TEXT/,
    );
    sqlite.close();
  });
});
