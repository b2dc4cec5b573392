/**
 * Converting a database into a new file: the new file has the new shape and the same data, the
 * original is kept byte for byte, and any failure leaves the original at its path and nothing beside it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  conversionLog,
  convertDatabase,
  type Conversion,
  type ConversionProgress,
  type ConvertOptions,
} from '../../../db/platform/conversion';
import { SqliteDriver } from '../../../db/platform/sqlite-driver';
import { expectRefused } from '../../support/refusal';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(() => removeTempDirs());

const thingCount = 3000;

function uuidOf(index: number): string {
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  return `${hex(index, 8)}-0000-4000-8000-${hex(index * 7919, 12)}`;
}

function madeAtOf(index: number): string {
  return new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
}

/** The "old" schema, written with raw SQL as it stood before the conversion, in WAL mode like Outpost's files. */
function makeOldDatabase(): string {
  const path = tempDatabasePath();
  const sqlite = new SqliteDriver(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec(`
    CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT, made_at TEXT NOT NULL);
    CREATE TABLE notes (id INTEGER PRIMARY KEY, thing_id TEXT NOT NULL REFERENCES things (id), body TEXT);
    CREATE TABLE "schema_migrations" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null);
    CREATE TABLE "schema_migrations_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null);
    INSERT INTO schema_migrations_lock VALUES ('migration_lock', 0);
    INSERT INTO schema_migrations VALUES ('0001_things', '2026-01-01T00:00:00.000Z'), ('0002_notes', '2026-02-01T00:00:00.000Z');
    PRAGMA user_version = 2;
  `);
  const thing = sqlite.prepare('INSERT INTO things (id, name, made_at) VALUES (?, ?, ?)');
  const note = sqlite.prepare('INSERT INTO notes (thing_id, body) VALUES (?, ?)');
  sqlite.transaction(() => {
    for (let index = 1; index <= thingCount; index += 1) {
      thing.run(uuidOf(index), `thing ${index}`, madeAtOf(index));
      if (index % 3 === 0) note.run(uuidOf(index), `note on thing ${index}`);
    }
  })();
  sqlite.close();
  return path;
}

const notesCount = thingCount / 3;

/** Things keyed by an integer with 16-byte ids and times in milliseconds; notes keyed by their thing's key. */
function thingsByKey(overrides: Partial<Conversion> = {}): Conversion {
  return {
    name: '0003_things_by_key',
    schema: [
      'CREATE TABLE things (key INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, name TEXT, made_at INTEGER NOT NULL)',
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, thing_key INTEGER NOT NULL REFERENCES things (key), body TEXT)',
      'CREATE INDEX notes_by_thing ON notes (thing_key)',
    ],
    copies: [
      {
        table: 'things',
        count: 'SELECT count(*) AS n FROM old.things',
        copy: `INSERT INTO things (key, id, name, made_at)
               SELECT rowid, uuid_blob(id), name, iso_ms(made_at) FROM old.things
               WHERE rowid > :after AND rowid <= :upTo`,
        chunkedBy: { table: 'old.things', column: 'rowid' },
      },
      {
        table: 'notes',
        count: 'SELECT count(*) AS n FROM old.notes',
        copy: `INSERT INTO notes (id, thing_key, body)
               SELECT notes.id, things.rowid, notes.body FROM old.notes JOIN old.things ON things.id = notes.thing_id`,
      },
    ],
    finish: ['ANALYZE'],
    checks: [{ name: 'every id is 16 bytes', sql: 'SELECT 1 FROM things WHERE length(id) <> 16' }],
    ...overrides,
  };
}

const functions: ConvertOptions['functions'] = {
  uuid_blob: (text: string) => Buffer.from(text.replaceAll('-', ''), 'hex'),
  iso_ms: (iso: string) => Date.parse(iso),
};

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function filesBeside(path: string): string[] {
  return readdirSync(dirname(path)).sort();
}

/** Runs a conversion expected to fail and proves it left the original exactly as it was, alone in its folder. */
function expectLeftAsItWas(path: string, work: () => unknown, code: string): string {
  const before = sha256(path);
  const error = expectRefused(work, code);
  expect(sha256(path)).toBe(before);
  expect(filesBeside(path)).toEqual([basename(path)]);
  return error.message;
}

describe('converting a database into a new file', () => {
  it('swaps in a file of the new shape with the same data, and keeps the original byte for byte', () => {
    const path = makeOldDatabase();
    const before = sha256(path);
    const result = convertDatabase(path, thingsByKey(), { functions });

    const kept = `${path}.before-0003_things_by_key`;
    expect(result).toMatchObject({ path, keptOriginalAt: kept, rowsCopied: thingCount + notesCount });
    expect(result.bytesBefore).toBeGreaterThan(0);
    expect(result.bytesAfter).toBe(readFileSync(path).length);
    expect(filesBeside(path)).toEqual([basename(path), basename(kept)]);
    expect(sha256(kept)).toBe(before);

    const sqlite = new SqliteDriver(path, { readonly: true });
    try {
      const columns = (table: string) =>
        (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      expect(columns('things')).toEqual(['key', 'id', 'name', 'made_at']);
      expect(columns('notes')).toEqual(['id', 'thing_key', 'body']);
      expect(sqlite.prepare('SELECT count(*) AS n FROM things').get()).toEqual({ n: thingCount });
      expect(sqlite.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: notesCount });
      const thing = sqlite.prepare('SELECT key, hex(id) AS id, name, made_at FROM things WHERE name = ?');
      expect(thing.get('thing 1234')).toEqual({
        key: 1234,
        id: uuidOf(1234).replaceAll('-', '').toUpperCase(),
        name: 'thing 1234',
        made_at: Date.parse(madeAtOf(1234)),
      });
      expect(
        sqlite
          .prepare('SELECT things.name FROM notes JOIN things ON things.key = notes.thing_key WHERE body = ?')
          .get('note on thing 2001'),
      ).toEqual({ name: 'thing 2001' });

      expect(sqlite.pragma('user_version', { simple: true })).toBe(3);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      const migrations = sqlite.prepare('SELECT name, timestamp FROM schema_migrations ORDER BY name').all() as {
        name: string;
        timestamp: string;
      }[];
      expect(migrations.map((row) => row.name)).toEqual(['0001_things', '0002_notes', '0003_things_by_key']);
      expect(migrations[0]!.timestamp).toBe('2026-01-01T00:00:00.000Z');
      expect(Date.now() - Date.parse(migrations[2]!.timestamp)).toBeLessThan(60_000);
      expect(sqlite.prepare('SELECT * FROM schema_migrations_lock').all()).toEqual([
        { id: 'migration_lock', is_locked: 0 },
      ]);
    } finally {
      sqlite.close();
    }
  });

  it('creates the migration tables as Kysely does when the old file has none', () => {
    const path = tempDatabasePath();
    const old = new SqliteDriver(path);
    old.exec(
      "CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT, made_at TEXT NOT NULL); CREATE TABLE notes (id INTEGER PRIMARY KEY, thing_id TEXT, body TEXT); INSERT INTO things VALUES ('00000001-0000-4000-8000-000000000001', 'one', '2026-01-01T00:00:00.000Z')",
    );
    old.close();
    convertDatabase(path, thingsByKey(), { functions });

    const sqlite = new SqliteDriver(path, { readonly: true });
    try {
      expect(
        sqlite
          .prepare("SELECT sql FROM sqlite_master WHERE name LIKE 'schema_migrations%' ORDER BY name")
          .pluck()
          .all(),
      ).toEqual([
        'CREATE TABLE "schema_migrations" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null)',
        'CREATE TABLE "schema_migrations_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null)',
      ]);
      expect(sqlite.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual(['0003_things_by_key']);
      expect(sqlite.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      sqlite.close();
    }
  });

  it('keeps the original under a numbered name when an earlier one is already kept', () => {
    const path = makeOldDatabase();
    writeFileSync(`${path}.before-0003_things_by_key`, 'kept from an earlier run');
    const result = convertDatabase(path, thingsByKey(), { functions });
    expect(result.keptOriginalAt).toBe(`${path}.before-0003_things_by_key-2`);
    expect(readFileSync(`${path}.before-0003_things_by_key`, 'utf8')).toBe('kept from an earlier run');
  });

  it('reports its phases in order, and the copy moving steadily to its total in chunks', () => {
    const path = makeOldDatabase();
    const progress: ConversionProgress[] = [];
    convertDatabase(path, thingsByKey(), { functions, chunkRows: 500, onProgress: (step) => progress.push(step) });

    const phases = progress.map((step) => step.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(phases).toEqual(['space', 'copy', 'finish', 'check', 'swap']);
    const copying = progress.filter((step) => step.phase === 'copy');
    const total = thingCount + notesCount;
    expect(new Set(copying.map((step) => step.total))).toEqual(new Set([total]));
    copying.forEach((step, index) => expect(step.done).toBeGreaterThanOrEqual(copying[index - 1]?.done ?? 0));
    expect(copying.at(-1)?.done).toBe(total);
    const thingSteps = new Set(copying.filter((step) => step.table === 'things').map((step) => step.done));
    expect(thingSteps.size).toBeGreaterThanOrEqual(thingCount / 500);
    for (const phase of ['space', 'finish', 'check', 'swap'] as const) {
      const last = progress.filter((step) => step.phase === phase).at(-1);
      expect(last?.done, phase).toBe(last?.total);
    }
  });

  it('logs one line as each phase and table begins, not one per chunk', () => {
    const path = makeOldDatabase();
    const lines: string[] = [];
    convertDatabase(path, thingsByKey(), {
      functions,
      chunkRows: 500,
      onProgress: conversionLog((line) => lines.push(line)),
    });
    expect(lines[0]).toBe('Updating the database: space (0%)');
    expect(lines.filter((line) => line.startsWith('Updating the database: copy things'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^Updating the database: swap \(\d+%\)$/);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('refuses with not_enough_space before writing anything when the disk is too full', () => {
    const path = makeOldDatabase();
    const message = expectLeftAsItWas(
      path,
      () => convertDatabase(path, thingsByKey(), { functions, freeBytes: () => 1024 }),
      'not_enough_space',
    );
    expect(message).toMatch(/needs about \d+ MB free .* 0 MB are free/);
  });

  it('fails as conversion_failed, naming the check, when a check finds a row', () => {
    const path = makeOldDatabase();
    const conversion = thingsByKey({
      checks: [{ name: 'no thing 7', sql: "SELECT 1 FROM things WHERE name = 'thing 7'" }],
    });
    const message = expectLeftAsItWas(
      path,
      () => convertDatabase(path, conversion, { functions }),
      'conversion_failed',
    );
    expect(message).toContain('no thing 7');
  });

  it('fails as conversion_failed when a copy loses rows, naming the table and both counts', () => {
    const path = makeOldDatabase();
    const [things, notes] = thingsByKey().copies;
    const conversion = thingsByKey({
      copies: [
        { ...things!, copy: `${things!.copy} AND rowid % 100 <> 0` },
        { ...notes!, expect: null },
      ],
    });
    const message = expectLeftAsItWas(
      path,
      () => convertDatabase(path, conversion, { functions }),
      'conversion_failed',
    );
    expect(message).toContain(`things has ${thingCount - 30} rows, ${thingCount} expected`);
  });

  it('fails as conversion_failed when a copied row points at a parent that is not there', () => {
    const path = makeOldDatabase();
    const [things, notes] = thingsByKey().copies;
    const conversion = thingsByKey({
      copies: [things!, { ...notes!, copy: notes!.copy.replace('things.rowid', 'things.rowid + 100000') }],
    });
    const message = expectLeftAsItWas(
      path,
      () => convertDatabase(path, conversion, { functions }),
      'conversion_failed',
    );
    expect(message).toContain('notes → things');
  });

  it('fails as conversion_failed with the cause when the SQL of a copy fails', () => {
    const path = makeOldDatabase();
    const [things] = thingsByKey().copies;
    const conversion = thingsByKey({
      copies: [things!, { table: 'notes', count: 'SELECT 1 AS n', copy: 'INSERT INTO notes SELECT * FROM old.nope' }],
    });
    const message = expectLeftAsItWas(
      path,
      () => convertDatabase(path, conversion, { functions }),
      'conversion_failed',
    );
    expect(message).toContain('no such table: old.nope');
  });

  it('refuses with conversion_unclean_file while changes wait in a WAL beside the file', () => {
    const path = makeOldDatabase();
    const open = new SqliteDriver(path);
    try {
      open.pragma('wal_autocheckpoint = 0');
      open.prepare("UPDATE things SET name = 'renamed' WHERE rowid = 1").run();
      const before = sha256(path);
      const files = filesBeside(path);
      expectRefused(() => convertDatabase(path, thingsByKey(), { functions }), 'conversion_unclean_file');
      expect(sha256(path)).toBe(before);
      expect(filesBeside(path)).toEqual(files);
    } finally {
      open.close();
    }
  });

  it('removes what an interrupted earlier attempt left and converts', () => {
    const path = makeOldDatabase();
    writeFileSync(`${path}.converting`, 'half a file from a crash');
    writeFileSync(`${path}.converting-wal`, 'its log');
    writeFileSync(`${path}.converting-journal`, 'its journal');
    convertDatabase(path, thingsByKey(), { functions });
    expect(filesBeside(path)).toEqual([basename(path), `${basename(path)}.before-0003_things_by_key`]);
  });
});
