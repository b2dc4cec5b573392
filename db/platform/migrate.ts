/**
 * Schema migrations with Kysely's Migrator, made stricter in two ways:
 * - all pending migrations run in ONE transaction (Kysely's SQLite adapter says SQLite lacks
 *   transactional DDL; it does not), so a failure leaves the database exactly as it was;
 * - a database migrated by a newer Outpost is refused before anything is touched.
 */
import type { SqliteConnection } from './sqlite-driver';
import { Kysely, SqliteAdapter, SqliteDialect } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { DatabaseTooNewError, OutpostError } from '../contract/errors';
import { migrations as allMigrations } from './migrations';

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

export async function runMigrations(
  sqlite: SqliteConnection,
  options: MigrateOptions = {},
): Promise<{ applied: string[]; schemaVersion: number }> {
  const migrations = options.migrations ?? allMigrations;
  const known = Object.keys(migrations).sort();
  const alreadyApplied = appliedMigrations(sqlite);
  const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
  const unknown = alreadyApplied.filter((name) => !known.includes(name));
  if (unknown.length > 0 || userVersion > known.length) {
    throw new DatabaseTooNewError(known.length, unknown.at(-1) ?? userVersion);
  }

  // The migrator's Kysely is never destroyed: destroying it would close the shared connection.
  const kysely = new Kysely<unknown>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({
    db: kysely,
    migrationTableName: migrationTable,
    migrationLockTableName: `${migrationTable}_lock`,
    provider: { getMigrations: async () => migrations },
  });
  const result = options.target ? await migrator.migrateTo(options.target) : await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((step) => step.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new OutpostError('migration_failed', {
      message: `Updating the database failed at migration ${failed}: ${reason}. The database was left as it was.`,
    });
  }
  const applied = appliedMigrations(sqlite);
  // user_version lets any SQLite tool (and an older Outpost) see the schema level at a glance.
  sqlite.pragma(`user_version = ${applied.length}`);
  return {
    applied: (result.results ?? []).filter((step) => step.status === 'Success').map((step) => step.migrationName),
    schemaVersion: applied.length,
  };
}
