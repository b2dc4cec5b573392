/**
 * Migrate to 0005, seed it with raw SQL of that schema (a participant with a code), migrate to
 * 0006: the code is indexed under exactly its one- and two-character deletions, a participant
 * added later by raw SQL is indexed too (by the trigger), nothing else changed, and a typo finds
 * both through the core.
 */
import { describe, expect, it } from 'vitest';
import { checkCodeVariants } from '../../../../db/participants/search';
import { appliedMigrations, runMigrations } from '../../../../db/platform/migrate';
import { openTestCore, read } from '../../../support/core';
import { allRows, seeded, seededAt, seedSchema0004, tablesOf0001 } from './seeds';

const untouched = [...tablesOf0001, 'presets', 'field_entry_voids'];

describe('0006_code_variants', () => {
  it('indexes every code under its deletions, now and for each participant added after, changing nothing else', async () => {
    const { path, sqlite } = await seededAt('0005_list_paths', seedSchema0004);
    const before = allRows(sqlite, untouched);
    await runMigrations(sqlite, { target: '0006_code_variants' });
    expect(appliedMigrations(sqlite).at(-1)).toBe('0006_code_variants');
    expect(allRows(sqlite, untouched)).toEqual(before);

    const variantsOf = (code: string) =>
      sqlite.prepare('SELECT variant FROM participant_code_variants WHERE code = ? ORDER BY variant').pluck().all(code);
    // MG01 (the seed's code), by hand: one deletion, then two.
    expect(variantsOf('MG01')).toEqual(['01', 'G0', 'G01', 'G1', 'M0', 'M01', 'M1', 'MG', 'MG0', 'MG1']);

    sqlite
      .prepare(
        `INSERT INTO participants (id, code, formula, canonical_id, origin_device_id, created_by, created_at, updated_at)
         VALUES ('0190f5a0-0000-7000-8000-00000000f002', 'MA0785', 'free', '0190f5a0-0000-7000-8000-00000000f002', ?, ?, ?, ?)`,
      )
      .run(seeded.device, seeded.admin, seeded.at, seeded.at);
    expect(variantsOf('MA0785')).toHaveLength(6 + 15);
    sqlite.close();

    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-22T12:00:00Z') });
    const db = core.context.db;
    expect(checkCodeVariants(db)).toEqual({ rows: 10 + 21, mismatches: 0 });
    const found = (query: string) =>
      read(db, 'participants.search', { query }).map((result) => [result.code, result.match]);
    expect(found('MA0758')).toEqual([['MA0785', 'near']]);
    expect(found('MG1')).toEqual([['MG01', 'near']]);
  });
});
