/**
 * Migration 0001 starts from an empty file (there is no N-1 to seed), so its test checks what it
 * creates and the constraints that protect the data. Later migrations follow the pattern:
 * migrate to N-1, seed, migrate to N, check the seeded data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { configureConnection } from '../../../../db/platform/connection';
import { runMigrations } from '../../../../db/platform/migrate';
import { SqliteDriver, type SqliteConnection } from '../../../../db/platform/sqlite-driver';
import { removeTempDirs, tempDatabasePath } from '../../../support/temp-files';

afterEach(removeTempDirs);

async function migratedTo(target: string): Promise<SqliteConnection> {
  const sqlite = new SqliteDriver(tempDatabasePath());
  configureConnection(sqlite);
  await runMigrations(sqlite, { target });
  return sqlite;
}

const now = '2026-11-22T00:00:00.000Z';

function seedSkeleton(sqlite: SqliteConnection) {
  const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
  run(`INSERT INTO device (id, created_at) VALUES ('d', ?)`, now);
  run(`INSERT INTO staff VALUES ('s', 'Sam', 'admin', 1, 'd', NULL, ?, ?)`, now, now);
  run(`INSERT INTO sites VALUES ('site', 'Main', 'fixed', 1, 'd', 's', ?, ?)`, now, now);
  run(
    `INSERT INTO items (id, name, category, unit, origin_device_id, created_by, created_at, updated_at)
     VALUES ('item', 'Syringe', 'syringe', 'syringe', 'd', 's', ?, ?)`,
    now,
    now,
  );
  run(`INSERT INTO field_entries VALUES ('e', 'encounter', 'active', 1, 'd', 's', ?, ?)`, now, now);
  run(
    `INSERT INTO field_entry_revisions (id, entry_id, revision, site_id, occurred_at, local_date, contacts, syringes_per_container,
      syringes_per_pound, moves_stock, origin_device_id, created_by, created_at)
     VALUES ('r', 'e', 1, 'site', ?, '2026-11-22', 1, 100, 281, 1, 'd', 's', ?)`,
    now,
    now,
  );
  return run;
}

describe('0001_core_model', () => {
  it('enforces quantities, categories, naloxone details, dates and references', async () => {
    const sqlite = await migratedTo('0001_core_model');
    const run = seedSkeleton(sqlite);
    const line = (id: string, itemId: string, units: unknown) =>
      run(
        `INSERT INTO field_entry_lines (id, revision_id, line_no, item_id, units) VALUES (?, 'r', ?, ?, ?)`,
        id,
        Number(id.slice(1)),
        itemId,
        units,
      );
    line('l1', 'item', 10);
    expect(() => line('l2', 'item', 0)).toThrow(/CHECK/);
    expect(() => line('l3', 'nope', 1)).toThrow(/FOREIGN KEY/);
    expect(() => line('l4', 'item', 'ten')).toThrow(/cannot store TEXT/);
    expect(() => run(`INSERT INTO sites VALUES ('x', 'Van', 'spaceship', 1, 'd', 's', ?, ?)`, now, now)).toThrow(
      /CHECK/,
    );
    expect(() => run(`INSERT INTO sites VALUES ('y', 'MAIN', 'fixed', 1, 'd', 's', ?, ?)`, now, now)).toThrow(/UNIQUE/);
    const item = (id: string, category: string, form: string | null, doses: number | null) =>
      run(
        `INSERT INTO items (id, name, category, unit, naloxone_form, doses_per_unit, origin_device_id, created_by, created_at, updated_at)
         VALUES (?, ?, ?, 'unit', ?, ?, 'd', 's', ?, ?)`,
        id,
        `Item ${id}`,
        category,
        form,
        doses,
        now,
        now,
      );
    // Naloxone needs a form and doses per unit; other items may have neither.
    expect(() => item('n0', 'naloxone', null, null)).toThrow(/CHECK/);
    item('n1', 'naloxone', 'nasal', 2);
    expect(() => item('c1', 'safer_sex', null, 2)).toThrow(/CHECK/);
    expect(() =>
      run(
        `INSERT INTO lots (id, item_id, lot_number, expires_on, origin_device_id, created_by, created_at) VALUES ('lot', 'n1', 'A1', '31/12/2027', 'd', 's', ?)`,
        now,
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      run(
        `INSERT INTO participants (id, code, formula, canonical_id, origin_device_id, created_by, created_at, updated_at)
         VALUES ('p', 'jane doe', 'free', 'p', 'd', 's', ?, ?)`,
        now,
        now,
      ),
    ).toThrow(/CHECK/);
    sqlite.close();
  });

  it('makes facts append-only and records undeletable', async () => {
    const sqlite = await migratedTo('0001_core_model');
    const run = seedSkeleton(sqlite);
    expect(() => run(`UPDATE field_entry_revisions SET contacts = 2`)).toThrow(/never changed/);
    expect(() => run(`DELETE FROM field_entry_revisions`)).toThrow(/never deleted/);
    expect(() => run(`DELETE FROM field_entries`)).toThrow(/never deleted/);
    expect(() => run(`DELETE FROM sites`)).toThrow(/never deleted/);
    expect(() => run(`DELETE FROM staff`)).toThrow(/never deleted/);
    run(`UPDATE sites SET active = 0`); // records change (deactivate); facts do not
    sqlite.close();
  });

  it('shows only the current revision of active entries in current_revisions', async () => {
    const sqlite = await migratedTo('0001_core_model');
    const run = seedSkeleton(sqlite);
    run(
      `INSERT INTO field_entry_revisions (id, entry_id, revision, site_id, occurred_at, local_date, contacts, syringes_per_container,
        syringes_per_pound, moves_stock, origin_device_id, created_by, created_at)
       VALUES ('r2', 'e', 2, 'site', ?, '2026-11-21', 1, 100, 281, 1, 'd', 's', ?)`,
      now,
      now,
    );
    expect(sqlite.prepare('SELECT id FROM current_revisions').all()).toEqual([{ id: 'r' }]);
    run(`UPDATE field_entries SET current_revision = 2`);
    expect(sqlite.prepare('SELECT id, kind FROM current_revisions').all()).toEqual([{ id: 'r2', kind: 'encounter' }]);
    run(`UPDATE field_entries SET status = 'voided'`);
    expect(sqlite.prepare('SELECT id FROM current_revisions').all()).toEqual([]);
    sqlite.close();
  });
});
