/**
 * Every migration, imported statically so bundles ship them (a folder scan would find nothing
 * inside an Electron bundle). Names sort in the order they run; never rename or edit a released one.
 */
import type { Migration } from 'kysely/migration';
import * as foundation from './0001_foundation';

export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
};

export const latestSchemaVersion = Object.keys(migrations).length;
