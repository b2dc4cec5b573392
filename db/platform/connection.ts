/**
 * The settings every SQLite connection gets, in one place: the database's own connections, the
 * read-only lane's, and the new file a conversion fills.
 */
import type { SqliteConnection } from './sqlite-driver';

/**
 * Sorts and temporary tables stay in memory, never in a file beside the database: a file there
 * would hold decrypted rows. Queries are shaped so that no sort grows with the data.
 */
const keepTemporaryDataInMemory = 'temp_store = MEMORY';

/**
 * How many pages the write-ahead log may hold before the commit that crosses it copies them into
 * the file itself (SQLite's own checkpoint, in that commit). The database checkpoints between
 * writes long before (`OutpostDatabase.checkpointSoon`); this is the backstop for work that never
 * lets the event loop turn, such as a bulk load, and keeps the log under about 40 MiB.
 */
export const walBackstopPages = 10_000;

/** A connection that writes: durability first (a crash loses nothing saved), then speed. */
export function configureConnection(sqlite: SqliteConnection): void {
  sqlite.pragma(keepTemporaryDataInMemory);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`wal_autocheckpoint = ${walBackstopPages}`);
}

/**
 * A connection that only reads: it waits for the writer, and keeps its temporary data in memory
 * too. A list, so a connection opened on a thread of its own (verify's SQLite checks) is set up
 * from the same one.
 */
export const readOnlyPragmas: readonly string[] = ['busy_timeout = 5000', keepTemporaryDataInMemory];

export function configureReadOnlyConnection(sqlite: SqliteConnection): void {
  for (const pragma of readOnlyPragmas) sqlite.pragma(pragma);
}
