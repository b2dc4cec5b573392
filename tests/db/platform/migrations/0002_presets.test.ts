/** Migrate to 0001, seed it with raw SQL of that schema, migrate to 0002: the data is untouched and presets work. */
import { afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { removeTempDirs } from '../../../support/temp-files';
import { allRows, seeded, seededAt, seedSchema0001, tablesOf0001 } from './seeds';

afterEach(removeTempDirs);

describe('0002_presets', () => {
  it('adds presets to a database that already holds field work, changing none of it', async () => {
    const { sqlite } = await seededAt('0001_core_model', seedSchema0001);
    const before = allRows(sqlite, tablesOf0001);

    await runMigrations(sqlite, { target: '0002_presets' });
    expect(appliedMigrations(sqlite)).toEqual(['0001_core_model', '0002_presets']);
    expect(allRows(sqlite, tablesOf0001)).toEqual(before);

    const preset = (id: string, name: string, lines: string) =>
      sqlite
        .prepare(
          `INSERT INTO presets (id, name, lines_json, origin_device_id, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, name, lines, seeded.device, seeded.admin, seeded.at, seeded.at);
    preset('p1', 'Kit', JSON.stringify([{ itemId: seeded.item, quantity: 10 }]));
    expect(sqlite.prepare('SELECT name, sort_order, active FROM presets').all()).toEqual([
      { name: 'Kit', sort_order: 0, active: 1 },
    ]);
    expect(() => preset('p2', 'KIT', '[]')).toThrow(/UNIQUE/);
    expect(() => preset('p3', 'Broken', 'not json')).toThrow(/CHECK/);
    expect(() => preset('p4', ' ', '[]')).toThrow(/CHECK/);
    expect(() => sqlite.prepare(`DELETE FROM presets`).run()).toThrow(/never deleted/);
    sqlite.close();
  });
});
