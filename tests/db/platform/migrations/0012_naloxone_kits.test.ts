/**
 * Migrate to 0011, seed its catalog with raw SQL of that schema, migrate to 0012: the items CHECK
 * is rewritten in place to let a naloxone kit go without a form and doses, every row stays as it
 * was, a loose naloxone item still needs both, and a failure later in the same run leaves the old
 * definition behind.
 */
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { OutpostError } from '../../../../db/contract/errors';
import { openDatabase } from '../../../../db/platform/database';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { migrations } from '../../../../db/platform/migrations';
import type { SqliteConnection } from '../../../../db/platform/sqlite-driver';
import { tempDatabasePath } from '../../../support/temp-files';
import { allRows, seeded, seededAt, seedSchema0011 } from './seeds';

const catalogTables = ['device', 'staff', 'items', 'kit_versions', 'lots'];
/** The catalog's rows; kit_components has no rowid, so it is read in its key's order. */
const catalogRows = (sqlite: SqliteConnection) => ({
  ...allRows(sqlite, catalogTables),
  kit_components: sqlite.prepare(`SELECT * FROM kit_components ORDER BY kit_version_id, component_item_id`).all(),
});
const itemsDefinition = (sqlite: SqliteConnection) =>
  sqlite.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'items'`).pluck().get() as string;

/** Inserts an item as schema 0011 and after hold it: a kit or not, in a category, with a form and doses or none. */
function insertItem(
  sqlite: SqliteConnection,
  key: number,
  item: { category: string; isKit: boolean; form: string | null; doses: number | null },
) {
  const at = '2026-11-22T12:00:00.000Z';
  sqlite
    .prepare(
      `INSERT INTO items (key, id, name, category, unit, naloxone_form, doses_per_unit, is_kit,
         origin_device_id, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'kit', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      key,
      `0190f5a0-0000-7000-8000-00000000b2${String(key).padStart(2, '0')}`,
      `Item ${key}`,
      item.category,
      item.form,
      item.doses,
      item.isKit ? 1 : 0,
      seeded.device,
      seeded.admin,
      at,
      at,
    );
}
const naloxoneKit = { category: 'naloxone', isKit: true, form: null, doses: null };

describe('0012_naloxone_kits', () => {
  it('lets a naloxone kit go without a form and doses, changing no row and no other rule', async () => {
    const { sqlite } = await seededAt('0011_collections', seedSchema0011);
    const before = catalogRows(sqlite);
    const definitionBefore = itemsDefinition(sqlite);
    expect(() => insertItem(sqlite, 10, naloxoneKit)).toThrow(/CHECK/);

    await runMigrations(sqlite, { target: '0012_naloxone_kits' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0012_naloxone_kits');
    expect(catalogRows(sqlite)).toEqual(before);
    const definition = itemsDefinition(sqlite);
    expect(definition).toContain(
      `CHECK (is_kit = 1 OR (category = 'naloxone') = (naloxone_form IS NOT NULL AND doses_per_unit IS NOT NULL))`,
    );
    expect(definition).toContain(`CHECK (category = 'naloxone' OR (naloxone_form IS NULL AND doses_per_unit IS NULL))`);
    // Only that one rule changed.
    expect(definition.replace('CHECK (is_kit = 1 OR ', 'CHECK (')).toBe(definitionBefore);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    insertItem(sqlite, 10, naloxoneKit);
    expect(() => insertItem(sqlite, 11, { category: 'naloxone', isKit: false, form: null, doses: null })).toThrow(
      /CHECK/,
    );
    expect(() => insertItem(sqlite, 11, { category: 'naloxone', isKit: false, form: 'nasal', doses: null })).toThrow(
      /CHECK/,
    );
    expect(() => insertItem(sqlite, 11, { category: 'other', isKit: true, form: 'nasal', doses: 2 })).toThrow(/CHECK/);
    insertItem(sqlite, 11, { category: 'naloxone', isKit: false, form: 'intramuscular', doses: 1 });

    // The schema is writable only for the migration: defensive mode is back.
    expect(sqlite.pragma('writable_schema', { simple: true })).toBe(0);
    sqlite.pragma('writable_schema = ON');
    expect(() => sqlite.prepare(`UPDATE sqlite_schema SET sql = sql WHERE name = 'items'`).run()).toThrow(
      /may not be modified/,
    );
    sqlite.close();
  });

  it('gives a migrated file the definition a new file has', async () => {
    const { sqlite } = await seededAt('0011_collections', seedSchema0011);
    await runMigrations(sqlite);
    const fresh = await openDatabase(tempDatabasePath());
    expect(itemsDefinition(sqlite)).toBe(itemsDefinition(fresh.sqlite));
    fresh.close();
    sqlite.close();
  });

  it('leaves the old definition behind when a later migration in the same run fails', async () => {
    const { sqlite } = await seededAt('0011_collections', seedSchema0011);
    const before = catalogRows(sqlite);
    const definitionBefore = itemsDefinition(sqlite);
    const schemaVersion = sqlite.pragma('schema_version', { simple: true });
    const failing = {
      ...migrations,
      '9001_breaks': {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE broken (`.execute(db);
        },
      },
    };
    await expect(runMigrations(sqlite, { migrations: failing })).rejects.toBeInstanceOf(OutpostError);
    expect(appliedMigrations(sqlite).at(-1)).toBe('0011_collections');
    expect(itemsDefinition(sqlite)).toBe(definitionBefore);
    expect(sqlite.pragma('schema_version', { simple: true })).toBe(schemaVersion);
    expect(catalogRows(sqlite)).toEqual(before);
    expect(() => insertItem(sqlite, 10, naloxoneKit)).toThrow(/CHECK/);
    sqlite.close();
  });

  it('refuses, leaving the file as it was, when items is not defined as 0009 made it', async () => {
    const { sqlite } = await seededAt('0011_collections', seedSchema0011);
    await runMigrations(sqlite, { target: '0012_naloxone_kits' });
    // A definition already rewritten has no 0009 CHECK to find: run again, the migration refuses.
    const definition = itemsDefinition(sqlite);
    sqlite.prepare(`DELETE FROM schema_migrations WHERE name = '0012_naloxone_kits'`).run();
    sqlite.pragma('user_version = 11');
    await expect(runMigrations(sqlite, { target: '0012_naloxone_kits' })).rejects.toThrow(
      /0012_naloxone_kits: the items table is not defined/,
    );
    expect(itemsDefinition(sqlite)).toBe(definition);
    expect(appliedMigrations(sqlite).at(-1)).toBe('0011_collections');
    sqlite.close();
  });
});
