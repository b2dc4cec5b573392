/**
 * Converting a database into a new file, checked, then swapped in. Schema changes that reshape big
 * tables are not done in place: the original is never rewritten, so a crash at any moment leaves
 * either the old file or the whole new one at the path, and the old one is kept beside it.
 */
import type { ConversionPhase } from '../contract/opening';
import {
  closeSync,
  copyFileSync,
  constants,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { OutpostError } from '../contract/errors';
import { configureConnection } from './connection';
import { SqliteDriver, type SqliteConnection } from './sqlite-driver';

export interface TableCopy {
  /** The table filled in the new file (named in progress). */
  table: string;
  /** SQL run with the old file attached as `old`; returns one row { n }: the rows to copy (progress total). */
  count: string;
  /**
   * An INSERT … SELECT into the new file's table, reading from `old.<table>`. With `chunkedBy`, it
   * takes :after and :upTo and selects only source rows with `<column> > :after AND <column> <= :upTo`.
   */
  copy: string;
  /** The source table (e.g. 'old.field_entry_lines') and its integer column (usually rowid) walked in chunks. */
  chunkedBy?: { table: string; column: string };
  /** One row { n } in the new file that must equal `count` (default: its row count); null when it may differ. */
  expect?: string | null;
}

export interface Conversion {
  /** The migration name this conversion is recorded under (e.g. '0009_compact_file'). */
  name: string;
  /** Frozen DDL statements creating the whole schema after the conversion (run in the new, empty file). */
  schema: readonly string[];
  copies: readonly TableCopy[];
  /** Statements run in the new file after all copies (e.g. rebuilding a derived table, ANALYZE). */
  finish?: readonly string[];
  /** Each must return NO rows in the new file; a row found is a failure described by `name`. */
  checks?: readonly { name: string; sql: string }[];
  /** SQL functions the copies call, made afresh for each run (they may keep state from row to row). */
  functions?: () => Record<string, (...args: never[]) => unknown>;
}

export interface ConversionProgress {
  phase: ConversionPhase;
  table?: string;
  done: number;
  total: number;
}

export interface ConvertOptions {
  onProgress?: (progress: ConversionProgress) => void;
  /** Rows per chunk (default 50_000). */
  chunkRows?: number;
  /** Free bytes on the folder's file system; injectable for tests (default: statfsSync). */
  freeBytes?: (folder: string) => number;
  /** Deterministic functions registered on the new connection before copying (e.g. uuid_blob). */
  functions?: Record<string, (...args: never[]) => unknown>;
  /** The migration bookkeeping table (default 'schema_migrations'). */
  migrationTable?: string;
}

export interface ConversionResult {
  path: string;
  keptOriginalAt: string;
  bytesBefore: number;
  bytesAfter: number;
  rowsCopied: number;
  seconds: number;
}

const megabyte = 1024 * 1024;

function freeBytesOnDisk(folder: string): number {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function nonEmptyFile(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0;
}

function flushToDisk(path: string): void {
  const handle = openSync(path, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

function countOf(sqlite: SqliteConnection, sql: string): number {
  const row = sqlite.prepare(sql).get() as { n?: unknown } | undefined;
  if (typeof row?.n !== 'number' && typeof row?.n !== 'bigint') throw new Error(`"${sql}" did not return a count n`);
  return Number(row.n);
}

function failed(conversion: Conversion, reason: string): OutpostError {
  return new OutpostError('conversion_failed', {
    message: `Converting the database (${conversion.name}) failed: ${reason}. The database was left as it was.`,
  });
}

/**
 * Converts the database at `path`, which no connection may have open, into a new file and swaps
 * it in. The original stays at the returned `keptOriginalAt` (a hard link: no space, no copying).
 */
export function convertDatabase(path: string, conversion: Conversion, options: ConvertOptions = {}): ConversionResult {
  const started = performance.now();
  const report = options.onProgress ?? (() => {});
  const converting = `${path}.converting`;

  if (!existsSync(path)) throw failed(conversion, `there is no database file at ${path}`);
  // Changes still in the WAL belong to the old file; after the swap SQLite would apply them to the new one.
  if (nonEmptyFile(`${path}-wal`)) {
    throw new OutpostError('conversion_unclean_file', {
      message: `The database at ${path} has changes not yet written into its file (a -wal file beside it). Open and close it once with Outpost first. Nothing was changed.`,
    });
  }
  removeDatabaseFiles(converting);

  report({ phase: 'space', done: 0, total: 1 });
  // With no WAL the file's size is page_count × page_size. The new file is never bigger in
  // practice; the 10% is headroom for its WAL.
  const bytesBefore = statSync(path).size;
  const needed = Math.ceil(bytesBefore * 1.1);
  const free = (options.freeBytes ?? freeBytesOnDisk)(dirname(path));
  if (free < needed) {
    throw new OutpostError('not_enough_space', {
      message: `Updating the database needs about ${Math.ceil(needed / megabyte)} MB free on its disk, and ${Math.floor(free / megabyte)} MB are free. Make room and open Outpost again. Nothing was changed.`,
    });
  }
  report({ phase: 'space', done: 1, total: 1 });

  let keptOriginalAt: string | undefined;
  let rowsCopied: number;
  try {
    rowsCopied = buildNewFile(converting, path, conversion, options, report);
    // Either WAL left beside the path after the swap would be read as the new file's.
    for (const wal of [`${converting}-wal`, `${path}-wal`]) {
      if (nonEmptyFile(wal)) throw failed(conversion, `${wal} was still written after closing`);
    }
    flushToDisk(converting);
    keptOriginalAt = keepOriginal(path, conversion.name);
    renameSync(converting, path);
  } catch (error) {
    removeDatabaseFiles(converting);
    if (keptOriginalAt !== undefined) rmSync(keptOriginalAt, { force: true });
    if (error instanceof OutpostError) throw error;
    throw failed(conversion, error instanceof Error ? error.message : String(error));
  }
  flushFolder(dirname(path));
  report({ phase: 'swap', done: 1, total: 1 });
  return {
    path,
    keptOriginalAt,
    bytesBefore,
    bytesAfter: statSync(path).size,
    rowsCopied,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Fills and checks the new file, then closes it with its WAL written in; returns the rows copied. */
function buildNewFile(
  converting: string,
  path: string,
  conversion: Conversion,
  options: ConvertOptions,
  report: (progress: ConversionProgress) => void,
): number {
  const sqlite = new SqliteDriver(converting);
  try {
    // Like every connection, except foreign keys: off while copying, so tables fill in any order;
    // foreign_key_check follows.
    configureConnection(sqlite);
    sqlite.pragma('foreign_keys = OFF');
    for (const [name, implementation] of Object.entries(options.functions ?? {})) {
      const callback = implementation as (...args: unknown[]) => unknown;
      // A function declared with rest parameters has length 0: let SQLite pass it any number.
      sqlite.function(name, { deterministic: true, varargs: callback.length === 0 }, callback);
    }
    // A conversion's own functions may keep state (a chain walked row by row): never folded as constants.
    for (const [name, implementation] of Object.entries(conversion.functions?.() ?? {})) {
      const callback = implementation as (...args: unknown[]) => unknown;
      sqlite.function(name, { deterministic: false, varargs: callback.length === 0 }, callback);
    }
    sqlite.transaction(() => conversion.schema.forEach((statement) => sqlite.exec(statement)))();
    // Better-sqlite3 is built without URI filenames, so `mode=ro` cannot be asked for: nothing here writes to old.
    sqlite.prepare('ATTACH DATABASE ? AS old').run(path);
    const { counts, rowsCopied } = copyTables(sqlite, conversion, options.chunkRows ?? 50_000, report);
    copyMigrationRecords(sqlite, options.migrationTable ?? 'schema_migrations', conversion.name);
    sqlite.exec('DETACH DATABASE old');

    const finish = conversion.finish ?? [];
    report({ phase: 'finish', done: 0, total: finish.length });
    finish.forEach((statement, index) => {
      sqlite.exec(statement);
      report({ phase: 'finish', done: index + 1, total: finish.length });
    });

    const checks = checksOf(sqlite, conversion, counts);
    report({ phase: 'check', done: 0, total: checks.length });
    checks.forEach((check, index) => {
      const failure = check();
      if (failure !== undefined) throw failed(conversion, failure);
      report({ phase: 'check', done: index + 1, total: checks.length });
    });

    report({ phase: 'swap', done: 0, total: 1 });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return rowsCopied;
  } finally {
    sqlite.close();
  }
}

/** Copies every table; progress counts rows across all copies so the bar moves evenly. */
function copyTables(
  sqlite: SqliteConnection,
  conversion: Conversion,
  chunkRows: number,
  report: (progress: ConversionProgress) => void,
): { counts: number[]; rowsCopied: number } {
  const counts = conversion.copies.map((copy) => countOf(sqlite, copy.count));
  const total = counts.reduce((sum, n) => sum + n, 0);
  let done = 0;
  let rowsCopied = 0;
  conversion.copies.forEach((copy, index) => {
    const tableDone = done + counts[index]!;
    const step = (changes: number) => {
      rowsCopied += changes;
      // A copy may insert more rows than it counts (expect: null); the bar still never moves back.
      done = Math.min(done + changes, tableDone);
      report({ phase: 'copy', table: copy.table, done, total });
    };
    report({ phase: 'copy', table: copy.table, done, total });
    const insert = sqlite.prepare(copy.copy);
    if (!copy.chunkedBy) {
      step(sqlite.transaction(() => insert.run().changes)());
    } else {
      const { table, column } = copy.chunkedBy;
      const range = sqlite.prepare(`SELECT min(${column}) AS low, max(${column}) AS high FROM ${table}`).get() as {
        low: number | null;
        high: number | null;
      };
      // Chunk ends found by walking the column, so gaps in it never make chunks empty or huge.
      const chunkEnd = sqlite.prepare(
        `SELECT ${column} AS n FROM ${table} WHERE ${column} > :after ORDER BY ${column} LIMIT 1 OFFSET :skip`,
      );
      for (let after = (range.low ?? 0) - 1; range.high !== null && after < range.high;) {
        const upTo = (chunkEnd.get({ after, skip: chunkRows - 1 }) as { n: number } | undefined)?.n ?? range.high;
        step(sqlite.transaction(() => insert.run({ after, upTo }).changes)());
        after = upTo;
      }
    }
    if (done === tableDone) return;
    done = tableDone;
    report({ phase: 'copy', table: copy.table, done, total });
  });
  return { counts, rowsCopied };
}

/** Each check returns what it found wrong, or undefined. */
function checksOf(sqlite: SqliteConnection, conversion: Conversion, counts: number[]): (() => string | undefined)[] {
  const rowCounts = conversion.copies.flatMap((copy, index) => {
    if (copy.expect === null) return [];
    const sql = copy.expect ?? `SELECT count(*) AS n FROM ${copy.table}`;
    const expected = counts[index]!;
    return [
      () => {
        const found = countOf(sqlite, sql);
        return found === expected ? undefined : `${copy.table} has ${found} rows, ${expected} expected`;
      },
    ];
  });
  const queries = (conversion.checks ?? []).map(
    (check) => () =>
      sqlite.prepare(check.sql).get() === undefined ? undefined : `the check "${check.name}" found a row`,
  );
  const foreignKeys = () => {
    const broken = sqlite.pragma('main.foreign_key_check') as { table: string; parent: string }[];
    const first = broken[0];
    return first && `${broken.length} rows have no matching parent (first: ${first.table} → ${first.parent})`;
  };
  const integrity = () => {
    const result = sqlite.pragma('main.integrity_check', { simple: true }) as string;
    return result === 'ok' ? undefined : `the integrity check found: ${result}`;
  };
  return [...rowCounts, ...queries, foreignKeys, integrity];
}

/** The migrator's tables exactly as Kysely creates them, so runMigrations carries on from the new file. */
function copyMigrationRecords(sqlite: SqliteConnection, table: string, name: string): void {
  const exists = (schema: string, tableName: string) =>
    sqlite.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(tableName) !==
    undefined;
  sqlite.transaction(() => {
    if (!exists('main', table)) {
      sqlite.exec(
        `CREATE TABLE "${table}" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null)`,
      );
    }
    if (!exists('main', `${table}_lock`)) {
      sqlite.exec(
        `CREATE TABLE "${table}_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null)`,
      );
    }
    sqlite.exec(`INSERT OR IGNORE INTO main."${table}_lock" (id, is_locked) VALUES ('migration_lock', 0)`);
    if (exists('old', table)) {
      sqlite.exec(`INSERT INTO main."${table}" (name, timestamp) SELECT name, timestamp FROM old."${table}"`);
    }
    sqlite.prepare(`INSERT INTO main."${table}" (name, timestamp) VALUES (?, ?)`).run(name, new Date().toISOString());
    const applied = countOf(sqlite, `SELECT count(*) AS n FROM main."${table}"`);
    // user_version lets any SQLite tool (and an older Outpost) see the schema level at a glance.
    sqlite.pragma(`user_version = ${applied}`);
  })();
}

/** Keeps the original under a name of its own: a hard link where the file system allows, else a copy. */
function keepOriginal(path: string, name: string): string {
  for (let attempt = 1; ; attempt += 1) {
    const kept = `${path}.before-${name}${attempt === 1 ? '' : `-${attempt}`}`;
    try {
      linkSync(path, kept);
      return kept;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      copyFileSync(path, kept, constants.COPYFILE_EXCL);
      flushToDisk(kept);
      return kept;
    }
  }
}

/** The rename is durable only once the folder is on disk; some platforms (Windows) cannot open one. */
function flushFolder(folder: string): void {
  try {
    flushToDisk(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM') throw error;
  }
}

/**
 * Progress as lines for a log (the command line's stderr, the app's): one when a phase or table
 * begins, so a conversion of minutes says where it is without a line per chunk.
 */
export function conversionLog(write: (line: string) => void): (progress: ConversionProgress) => void {
  let last = '';
  return (progress) => {
    const step = `${progress.phase}${progress.table ? ` ${progress.table}` : ''}`;
    if (step === last) return;
    last = step;
    const share = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
    write(`Updating the database: ${step} (${share}%)`);
  };
}
