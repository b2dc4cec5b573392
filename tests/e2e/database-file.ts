/** Reads the SQLite file a spec's page wrote, read-only, so a flow is checked in the file and not just on screen. */
import { SqliteDriver as BetterSqlite3 } from '../../db/platform/sqlite-driver';

export function query<T>(databasePath: string, sql: string, ...params: unknown[]): T[] {
  const file = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  try {
    return file.prepare(sql).all(...params) as T[];
  } finally {
    file.close();
  }
}
