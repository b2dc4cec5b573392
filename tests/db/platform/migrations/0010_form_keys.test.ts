/**
 * Migrate to 0009, seed it with raw SQL of that schema, migrate to 0010: entries gain a form key,
 * empty for the ones already there, and one form key names at most one entry.
 */
import { describe, expect, it } from 'vitest';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { allRows, seeded0009, seededAt, seedSchema0009 } from './seeds';

describe('0010_form_keys', () => {
  it('adds an empty form key to every entry, unique where it is set, changing nothing else', async () => {
    const { sqlite } = await seededAt('0009_compact_file', seedSchema0009);
    const before = allRows(sqlite, ['field_entries']) as { field_entries: Record<string, unknown>[] };
    await runMigrations(sqlite, { target: '0010_form_keys' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0010_form_keys');
    const after = allRows(sqlite, ['field_entries']) as { field_entries: Record<string, unknown>[] };
    expect(after.field_entries).toEqual(before.field_entries.map((row) => ({ ...row, form_key: null })));

    const key = Buffer.alloc(16, 7);
    const entry = sqlite.prepare(`SELECT * FROM field_entries WHERE id = ?`).get(seeded0009.entry) as Record<
      string,
      unknown
    >;
    sqlite.prepare(`UPDATE field_entries SET form_key = ? WHERE key = 1`).run(key);
    const copy = { ...entry, key: 2, id: '0190f5a0-0000-7000-8000-000000000e10', form_key: key };
    const insert = sqlite.prepare(
      `INSERT INTO field_entries (${Object.keys(copy).join(', ')}) VALUES (${Object.keys(copy)
        .map(() => '?')
        .join(', ')})`,
    );
    expect(() => insert.run(...Object.values(copy))).toThrow(/UNIQUE/);
    expect(() => insert.run(...Object.values({ ...copy, form_key: Buffer.alloc(8) }))).toThrow(/CHECK/);
    // Entries without one are many.
    insert.run(...Object.values({ ...copy, form_key: null }));
    insert.run(...Object.values({ ...copy, key: 3, id: '0190f5a0-0000-7000-8000-000000000e11', form_key: null }));
    sqlite.close();
  });
});
