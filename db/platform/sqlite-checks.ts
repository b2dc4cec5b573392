/**
 * SQLite's own checks of a database file, integrity and foreign keys, on a read-only connection
 * and a thread of their own. They are a good part of `verify` (about 60 s of 150 on two million
 * encounters on a slow 2-core machine) and need nothing from the other checks, so they run on the
 * second core while the rest run on the first: verify takes about as long as the longer of the
 * two, not their sum.
 */
import { readOnlyPragmas } from './connection';
import { startSideThread, type SideThread } from './side-thread';

/**
 * The thread's source (a side thread: plain JavaScript). It loads the driver from the path the
 * caller resolved, not by name, since an evaluated thread resolves names from the working folder,
 * not from this file.
 */
const checkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Driver = require(workerData.driverPath);
const sqlite = new Driver(workerData.path, { readonly: true, fileMustExist: true });
try {
  for (const pragma of workerData.pragmas) sqlite.pragma(pragma);
  sqlite.pragma('cache_size = ' + -workerData.cacheKiB);
  const integrity = sqlite.pragma('integrity_check').map((row) => row.integrity_check);
  const foreignKeyViolations = sqlite.pragma('foreign_key_check').length;
  parentPort.postMessage({ integrity, foreignKeyViolations });
} finally {
  sqlite.close();
}
`;

export interface SqliteChecks {
  /** What `PRAGMA integrity_check` answered, a line per problem ('ok' alone when there is none). */
  integrity: string[];
  /** How many rows `PRAGMA foreign_key_check` found pointing at nothing. */
  foreignKeyViolations: number;
}

/**
 * Starts SQLite's checks of the database file at `path`, with a page cache of `cacheMiB`. The
 * result rejects if the thread cannot open or check the file: the caller then runs the checks on
 * its own connection instead.
 */
export function startSqliteChecks(path: string, cacheMiB: number): SideThread<SqliteChecks> {
  return startSideThread<SqliteChecks>(checkerSource, {
    path,
    driverPath: require.resolve('better-sqlite3-multiple-ciphers'),
    pragmas: readOnlyPragmas,
    cacheKiB: Math.round(cacheMiB * 1024),
  });
}
