/** SQLite's own checks, integrity and foreign keys, on a thread of their own (db/platform/sqlite-checks.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { startSqliteChecks } from '../../../db/platform/sqlite-checks';
import { SqliteDriver } from '../../../db/platform/sqlite-driver';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(removeTempDirs);

/**
 * A file with a table, an index on it and a table referring to it; when asked, the index made to
 * disagree with the table and two references pointing at nothing.
 */
function tableWithIndex(path: string, { damaged }: { damaged: boolean }): void {
  const sqlite = new SqliteDriver(path);
  // References pointing at nothing get in as damage would, past the driver's enforcement.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.exec(`CREATE TABLE numbers (a INTEGER PRIMARY KEY, b INTEGER); CREATE INDEX numbers_by_b ON numbers (b, a);
    CREATE TABLE mentions (number_a INTEGER REFERENCES numbers (a));`);
  const insert = sqlite.prepare('INSERT INTO numbers (a, b) VALUES (?, ?)');
  sqlite.transaction(() => {
    for (let row = 0; row < 2_000; row += 1) insert.run(row, 1_000_000 - row);
    sqlite
      .prepare('INSERT INTO mentions (number_a) VALUES (?), (?), (?)')
      .run(5, damaged ? 999_999 : 6, damaged ? 888_888 : 7);
  })();
  if (damaged) {
    // The index's recorded definition now names the other column: its entries no longer match the rows.
    sqlite.unsafeMode(true);
    sqlite.pragma('writable_schema = ON');
    sqlite.prepare("UPDATE sqlite_schema SET sql = replace(sql, '(b, a)', '(a, b)') WHERE name = 'numbers_by_b'").run();
  }
  sqlite.close();
}

describe("SQLite's checks on a thread of their own", () => {
  it('answer ok, and no broken references, for a healthy file', async () => {
    const path = tempDatabasePath();
    tableWithIndex(path, { damaged: false });
    expect(await startSqliteChecks(path, 4).result).toEqual({ integrity: ['ok'], foreignKeyViolations: 0 });
  });

  it('answer what SQLite finds wrong in a damaged one', async () => {
    const path = tempDatabasePath();
    tableWithIndex(path, { damaged: true });
    const { integrity, foreignKeyViolations } = await startSqliteChecks(path, 4).result;
    expect(integrity).not.toEqual(['ok']);
    expect(integrity.join('\n')).toMatch(/numbers_by_b/);
    expect(foreignKeyViolations).toBe(2);
  });

  it('reject where they cannot open the file, so the caller checks on its own connection', async () => {
    await expect(startSqliteChecks(`${tempDatabasePath()}.missing`, 4).result).rejects.toThrow();
  });
});
