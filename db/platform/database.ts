/**
 * Opening, configuring and querying the one SQLite database.
 *
 * Queries are built with Kysely but executed synchronously through better-sqlite3 prepared
 * statements: a write and its checks then run inside one real SQLite transaction with no await in
 * between, and nothing else can interleave. Migrations use Kysely's Migrator (async) at open time.
 */
import { SqliteDriver, type SqliteConnection, type SqliteStatement } from './sqlite-driver';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type Insertable,
} from 'kysely';
import { DatabaseTooNewError, OutpostError } from '../contract/errors';
import { configureConnection, configureReadOnlyConnection } from './connection';
import { convertDatabase, type ConversionProgress } from './conversion';
import { ConversionNeeded, runMigrations } from './migrate';
import { latestSchemaVersion } from './migrations';
import type { Database } from './schema';

export type Sqlite = SqliteConnection;

export interface OpenOptions {
  /** Returns the current time; injectable so tests can back-date and freeze time. */
  clock?: () => Date;
  readonly?: boolean;
  /** Told how converting the file into a new shape goes, when a migration needs that (minutes on years of data). */
  onConversion?: (progress: ConversionProgress) => void;
}

/** A Kysely instance that only compiles queries; execution goes through better-sqlite3. */
const queryBuilder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/**
 * What a read may use: queries and plain SELECTs through cached statements, and the clock. Domain
 * functions for read channels take this, so a read cannot write (the read lane may later run on a
 * read-only connection of its own).
 */
export interface ReadableDatabase {
  readonly query: Kysely<Database>;
  readonly path: string;
  all<Row>(query: Compilable<Row>): Row[];
  first<Row>(query: Compilable<Row>): Row | undefined;
  /** A cached prepared statement for fixed SQL (hot paths, and what Kysely cannot say). */
  statement(sqlText: string): SqliteStatement;
  now(): Date;
  nowIso(): string;
  /** Now in milliseconds since 1970 (UTC), as the compact tables store instants. */
  nowMs(): number;
  /** The read-only pragmas a check needs. */
  readPragma(name: 'integrity_check' | 'foreign_key_check'): unknown[];
  readPragma(name: 'user_version'): number;
  /**
   * Runs `work` with a page cache of `mebibytes` instead of SQLite's 2 MiB: a check that walks
   * every b-tree (integrity, foreign keys) rereads far fewer pages. Bounded, and given back after.
   */
  withPageCache<T>(mebibytes: number, work: () => T): T;
  /**
   * Writes a consistent copy of the whole database into a new file at `path` (VACUUM INTO). Only
   * reads this database, so the read lane runs it; it cannot run inside a transaction.
   */
  copyInto(path: string): void;
}

/**
 * What a write may use, inside the one transaction dispatch opens for it: reads, plus updates and
 * inserts. It cannot open or end transactions: that is dispatch's job.
 */
export interface WritableDatabase extends ReadableDatabase {
  run(query: Compilable<unknown>): number;
  insert<Table extends keyof Database & string>(table: Table, row: Insertable<Database[Table]>): void;
}

/**
 * A checkpoint (copying the write-ahead log into the file, and syncing the file) is made between
 * writes, never inside one: after this many writes on the next turn of the event loop, or once
 * writes have paused this long. A save's answer then never waits for a checkpoint; with SQLite's
 * own, the save that crossed its threshold did, and that was the slowest save in twenty.
 */
export const checkpointAfterWrites = 8;
export const checkpointWhenIdleMs = 1000;

export class OutpostDatabase implements WritableDatabase {
  readonly query = queryBuilder;
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly inserts = new Map<string, SqliteStatement>();
  private readonly clock: () => Date;
  private writesSinceCheckpoint = 0;
  private checkpointTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly sqlite: Sqlite,
    readonly path: string,
    options: OpenOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  now(): Date {
    return this.clock();
  }

  nowIso(): string {
    return this.clock().toISOString();
  }

  nowMs(): number {
    return this.clock().getTime();
  }

  all<Row>(query: Compilable<Row>): Row[] {
    const compiled = query.compile();
    return this.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as Row[];
  }

  first<Row>(query: Compilable<Row>): Row | undefined {
    const compiled = query.compile();
    return this.prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as Row | undefined;
  }

  run(query: Compilable<unknown>): number {
    const compiled = query.compile();
    return this.prepare(compiled.sql).run(...(compiled.parameters as unknown[])).changes;
  }

  /**
   * Inserts one typed row through a cached prepared statement. Saves write dozens of rows each;
   * building and compiling each insert anew would cost more than SQLite writing it. Values are
   * bound by position, in the row's own key order (cheaper than by name, looked up per column).
   */
  insert<Table extends keyof Database & string>(table: Table, row: Insertable<Database[Table]>): void {
    const columns = Object.keys(row);
    const key = `${table}|${columns.join(',')}`;
    let statement = this.inserts.get(key);
    if (!statement) {
      statement = this.sqlite.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      this.inserts.set(key, statement);
    }
    statement.run(...Object.values(row));
  }

  readPragma(name: 'integrity_check' | 'foreign_key_check'): unknown[];
  readPragma(name: 'user_version'): number;
  readPragma(name: 'integrity_check' | 'foreign_key_check' | 'user_version'): unknown {
    return name === 'user_version' ? this.sqlite.pragma(name, { simple: true }) : this.sqlite.pragma(name);
  }

  withPageCache<T>(mebibytes: number, work: () => T): T {
    const before = this.sqlite.pragma('cache_size', { simple: true }) as number;
    this.sqlite.pragma(`cache_size = ${-Math.round(mebibytes * 1024)}`);
    try {
      return work();
    } finally {
      this.sqlite.pragma(`cache_size = ${before}`);
    }
  }

  /** Runs `work` in one immediate transaction: all of it is written, or none of it. */
  transaction<T>(work: () => T): T {
    const result = this.sqlite.transaction(work).immediate();
    this.checkpointSoon();
    return result;
  }

  /** After a write: a checkpoint once the caller has its answer (see checkpointAfterWrites). */
  private checkpointSoon(): void {
    this.writesSinceCheckpoint += 1;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    const delay = this.writesSinceCheckpoint >= checkpointAfterWrites ? 0 : checkpointWhenIdleMs;
    this.checkpointTimer = setTimeout(() => this.checkpoint(), delay);
    // A pending checkpoint never keeps a process alive: closing the connection checkpoints anyway.
    this.checkpointTimer.unref();
  }

  /**
   * Copies what the write-ahead log holds into the file, as far as readers allow (PASSIVE: it
   * never waits for them, nor they for it; a long read only defers part of it to the next one).
   */
  checkpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    this.writesSinceCheckpoint = 0;
    if (!this.sqlite.open || this.sqlite.readonly) return;
    try {
      this.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Saved work is safe in the log whatever happens here (a full disk, say); the next write tries again.
      console.error(`[outpost core] checkpoint deferred: ${(error as Error).message}`);
    }
  }

  close(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    this.statements.clear();
    this.inserts.clear();
    if (!this.sqlite.open) return;
    // What the planner learned this session is kept for the next (cheap: only tables that changed much).
    if (!this.sqlite.readonly) keepPlannerStatistics(this.sqlite, 'closing');
    this.sqlite.close();
  }

  copyInto(path: string): void {
    this.sqlite.prepare('VACUUM INTO ?').run(path);
  }

  /** A prepared statement for raw SQL, cached: hot paths reuse it instead of preparing each time. */
  statement(sqlText: string): SqliteStatement {
    return this.prepare(sqlText);
  }

  private prepare(sqlText: string): SqliteStatement {
    let statement = this.statements.get(sqlText);
    if (!statement) {
      statement = this.sqlite.prepare(sqlText);
      this.statements.set(sqlText, statement);
    }
    return statement;
  }
}

/**
 * SQLite's planner chooses indexes by statistics (sqlite_stat1) that nothing gathers unless asked.
 * On opening, `PRAGMA optimize=0x10002` analyses every table that never was (a migrated or bulk
 * loaded file); on closing, `PRAGMA optimize` refreshes those whose size changed a lot. Each reads
 * a bounded sample of every index (analysis_limit), so it takes milliseconds on any size.
 */
export function keepPlannerStatistics(sqlite: Sqlite, when: 'opening' | 'closing'): void {
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma(when === 'opening' ? 'optimize = 0x10002' : 'optimize');
}

/**
 * Opens the database at `path` to read only, on a connection of its own (the jobs' lane). The
 * writer has already opened and migrated it; a file at another schema level is refused.
 */
export function openReadOnlyDatabase(path: string, options: OpenOptions = {}): OutpostDatabase {
  const sqlite = new SqliteDriver(path, { readonly: true, fileMustExist: true });
  try {
    configureReadOnlyConnection(sqlite);
    const found = sqlite.pragma('user_version', { simple: true }) as number;
    if (found > latestSchemaVersion) throw new DatabaseTooNewError(latestSchemaVersion, found);
    // The writer converts its own file on opening; a read-only one (a copy someone chose) it cannot.
    if (found < latestSchemaVersion) throw new OutpostError('database_too_old');
    return new OutpostDatabase(sqlite, path, options);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) and migrates the database at `path`. A migration that reshapes the
 * file converts it into a new one, checked and swapped in (the old file is kept beside it); then
 * the file is opened again and any later migrations run in place.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<OutpostDatabase> {
  for (;;) {
    const sqlite = new SqliteDriver(path, { readonly: options.readonly ?? false });
    try {
      configureConnection(sqlite);
      await runMigrations(sqlite);
      if (!(options.readonly ?? false)) keepPlannerStatistics(sqlite, 'opening');
      return new OutpostDatabase(sqlite, path, options);
    } catch (error) {
      sqlite.close();
      // A file that is not SQLite at all (damaged, or something else under the database's name) says so.
      if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') throw new OutpostError('file_not_outpost');
      if (!(error instanceof ConversionNeeded)) throw error;
      convertDatabase(path, error.conversion, options.onConversion ? { onProgress: options.onConversion } : {});
    }
  }
}
