/**
 * The SQLite driver (better-sqlite3 with SQLCipher-capable encryption), typed. The package's own
 * typings are not reachable through its "exports" map, so they are attached here once; every
 * other module imports the driver from this file.
 */
import untypedDriver from 'better-sqlite3-multiple-ciphers';
import type DriverTypes from '../../node_modules/better-sqlite3-multiple-ciphers/index';

export const SqliteDriver = untypedDriver as typeof DriverTypes;
export type SqliteConnection = DriverTypes.Database;
export type SqliteStatement = DriverTypes.Statement;
