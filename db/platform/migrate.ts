/**
 * Schema migrations with Kysely's Migrator, made stricter in two ways:
 * - all pending migrations run in ONE transaction (Kysely's SQLite adapter says SQLite lacks
 *   transactional DDL; it does not), so a failure leaves the database exactly as it was;
 * - a database migrated by a newer Outpost is refused before anything is touched.
 * A migration may also rewrite table definitions in place (`rewritesDefinitions`), checked before
 * the transaction commits.
 */
import type { SqliteConnection } from './sqlite-driver';
import { Kysely, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { DatabaseTooNewError, OutpostError } from '../contract/errors';
import { migrations as allMigrations } from './migrations';
import type { Conversion } from './conversion';

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
}

const migrationTable = 'schema_migrations';

export interface MigrateOptions {
  /** Stop after this migration (tests migrate to N-1, seed, then migrate on). */
  target?: string;
  migrations?: Record<string, Migration>;
}

/** Names of migrations this database has already run, oldest first. */
export function appliedMigrations(sqlite: SqliteConnection): string[] {
  const table = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(migrationTable);
  if (!table) return [];
  return (sqlite.prepare(`SELECT name FROM ${migrationTable} ORDER BY name`).all() as { name: string }[]).map(
    (row) => row.name,
  );
}

/** A migration that reshapes the file: it is converted into a new one, never changed in place. */
export function conversionOf(migration: Migration | undefined): Conversion | undefined {
  return (migration as { conversion?: Conversion } | undefined)?.conversion;
}

/**
 * The tables a migration rewrites the definitions of in place (`UPDATE sqlite_schema`), for a
 * change no stored row is touched by, such as loosening a CHECK: a rebuild would need foreign keys
 * off, which SQLite allows only outside a transaction.
 */
export function rewrittenDefinitionsOf(migration: Migration | undefined): readonly string[] | undefined {
  return (migration as { rewritesDefinitions?: readonly string[] } | undefined)?.rewritesDefinitions;
}

/**
 * Runs such a migration as SQLite documents ("Making Other Kinds Of Table Schema Changes"), in the
 * one transaction: the schema made writable (defensive mode, on by default in the driver, refuses
 * it), the definitions rewritten, the schema version bumped so every connection reads them again,
 * then each rewritten table checked against its new definition. A failed check throws, and the
 * whole transaction rolls back.
 */
function rewritingDefinitions(sqlite: SqliteConnection, migration: Migration, tables: readonly string[]): Migration {
  return {
    up: async (db) => {
      const version = sqlite.pragma('schema_version', { simple: true }) as number;
      sqlite.unsafeMode(true);
      try {
        sqlite.pragma('writable_schema = ON');
        await migration.up(db);
        sqlite.pragma(`schema_version = ${version + 1}`);
      } finally {
        sqlite.pragma('writable_schema = OFF');
        sqlite.unsafeMode(false);
      }
      for (const table of tables) {
        const found = sqlite.pragma(`integrity_check(${JSON.stringify(table)})`, { simple: true });
        if (found !== 'ok') throw new Error(`${table} does not hold to its rewritten definition: ${String(found)}`);
      }
    },
  };
}

/** Raised when the next migration converts the file: the caller closes it and converts (openDatabase). */
export class ConversionNeeded extends Error {
  constructor(readonly conversion: Conversion) {
    super(`The database needs converting (${conversion.name}).`);
  }
}

/**
 * A new database starts from the newest conversion's schema, which is the whole schema at that
 * level: the migrations before it are recorded as run without building older shapes first, in the
 * same one transaction as any migration after it.
 */
function fromBaseline(
  migrations: Record<string, Migration>,
  known: string[],
  baseline: string,
): Record<string, Migration> {
  const schema = conversionOf(migrations[baseline])!.schema;
  const nothing: Migration = { up: async () => undefined };
  return Object.fromEntries(
    known.map((name) => {
      if (name > baseline) return [name, migrations[name]!];
      if (name < baseline) return [name, nothing];
      const create: Migration = {
        up: async (db) => {
          for (const statement of schema) await sql.raw(statement).execute(db);
        },
      };
      return [name, create];
    }),
  );
}

export async function runMigrations(
  sqlite: SqliteConnection,
  options: MigrateOptions = {},
): Promise<{ applied: string[]; schemaVersion: number }> {
  const given = options.migrations ?? allMigrations;
  const known = Object.keys(given).sort();
  const alreadyApplied = appliedMigrations(sqlite);
  const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
  const unknown = alreadyApplied.filter((name) => !known.includes(name));
  if (unknown.length > 0 || userVersion > known.length) {
    throw new DatabaseTooNewError(known.length, unknown.at(-1) ?? userVersion);
  }

  const withinTarget = (name: string) => options.target === undefined || name <= options.target;
  const baseline = known.filter((name) => withinTarget(name) && conversionOf(given[name])).at(-1);
  const fresh = alreadyApplied.length === 0;
  const steps = fresh && baseline !== undefined ? fromBaseline(given, known, baseline) : given;
  const migrations = Object.fromEntries(
    Object.entries(steps).map(([name, migration]) => {
      const tables = rewrittenDefinitionsOf(migration);
      return [name, tables ? rewritingDefinitions(sqlite, migration, tables) : migration];
    }),
  );
  const convertNext = fresh
    ? undefined
    : known.find((name) => withinTarget(name) && !alreadyApplied.includes(name) && conversionOf(given[name]));

  // The migrator's Kysely is never destroyed: destroying it would close the shared connection.
  const kysely = new Kysely<unknown>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({
    db: kysely,
    migrationTableName: migrationTable,
    migrationLockTableName: `${migrationTable}_lock`,
    provider: { getMigrations: async () => migrations },
  });
  const stopAt = convertNext !== undefined ? known[known.indexOf(convertNext) - 1] : options.target;
  const alreadyThere = stopAt !== undefined && stopAt === alreadyApplied.at(-1);
  const result = alreadyThere
    ? { results: [], error: undefined }
    : stopAt === undefined
      ? await migrator.migrateToLatest()
      : await migrator.migrateTo(stopAt);
  if (result.error) {
    const failed = result.results?.find((step) => step.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new OutpostError('migration_failed', {
      message: `Updating the database failed at migration ${failed}: ${reason}. The database was left as it was.`,
    });
  }
  const applied = appliedMigrations(sqlite);
  // user_version lets any SQLite tool (and an older Outpost) see the schema level at a glance. A
  // file about to be converted is written only if migrations before the conversion just ran: a
  // file already at that level is kept exactly as it was.
  if (convertNext === undefined || !alreadyThere) sqlite.pragma(`user_version = ${applied.length}`);
  if (convertNext !== undefined) throw new ConversionNeeded(conversionOf(given[convertNext])!);
  return {
    applied: (result.results ?? []).filter((step) => step.status === 'Success').map((step) => step.migrationName),
    schemaVersion: applied.length,
  };
}
