/**
 * The demo databases the benchmark runs on, built once and kept outside the repository (the large
 * one is gigabytes and takes minutes). A file's name holds what it was made from: its size, the
 * seed and the schema version, so a new migration builds afresh instead of timing a migration.
 * Runs work on copies; the cached files are only ever read by the copying.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { latestSchemaVersion } from '../../db/platform/migrations';
import type { DatabaseLabel } from './measure';
import { runOwnProcess } from './own-process';

export const demoSeed = 20_261_122;

export const demoSizes: Record<DatabaseLabel, { sites: number; years: number; buildsIn: string }> = {
  small: { sites: 2, years: 1, buildsIn: 'about 10 seconds' },
  large: { sites: 20, years: 5, buildsIn: 'about 6 minutes, 1.7 GB' },
};

export interface DemoBuild {
  sites: number;
  years: number;
  seed: number;
  schemaVersion: number;
  builtAt: string;
  buildSeconds: number;
  /** What the generator reports it wrote (encounters, supply lines, ...). */
  summary: Record<string, number>;
}

export interface DemoDatabase {
  label: DatabaseLabel;
  path: string;
  build: DemoBuild | null;
  /** True when this run built it (and so timed its generation). */
  builtNow: boolean;
}

export function cacheFolder(): string {
  return resolve(process.env['OUTPOST_BENCH_CACHE'] ?? join(homedir(), '.cache', 'outpost-bench'));
}

function baseName(label: DatabaseLabel): string {
  const { sites, years } = demoSizes[label];
  return `demo-${label}-${sites}sites-${years}y-seed${demoSeed}`;
}

/** Every file SQLite may keep next to a database. */
export function databaseFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`, `${path}-journal`];
}

export function removeDatabase(path: string): void {
  for (const file of databaseFiles(path)) rmSync(file, { force: true });
}

/** Runs the command line's demo generator in a process of its own, so its memory is not the benchmark's. */
function generate(path: string, label: DatabaseLabel): Promise<Record<string, number>> {
  const { sites, years } = demoSizes[label];
  const args = ['demo', '--db', path, '--sites', String(sites), '--years', String(years), '--seed', String(demoSeed)];
  return runOwnProcess('The demo generator', 'db/cli/cli.ts', args);
}

/** The cached demo database of this size, built (and its generation timed) when it is missing. */
export async function ensureDemoDatabase(label: DatabaseLabel): Promise<DemoDatabase> {
  const folder = cacheFolder();
  mkdirSync(folder, { recursive: true });
  const name = `${baseName(label)}-schema${latestSchemaVersion}`;
  const path = join(folder, `${name}.sqlite`);
  const buildFile = join(folder, `${name}.json`);
  if (existsSync(path)) {
    const build = existsSync(buildFile) ? (JSON.parse(readFileSync(buildFile, 'utf8')) as DemoBuild) : null;
    return { label, path, build, builtNow: false };
  }

  // Files of older schema versions would never be used again, and the large one is gigabytes.
  for (const file of readdirSync(folder)) {
    if (file.startsWith(`${baseName(label)}-schema`)) rmSync(join(folder, file), { force: true });
  }
  const building = join(folder, `${name}.building-${process.pid}.sqlite`);
  removeDatabase(building);
  const { sites, years } = demoSizes[label];
  console.log(
    `Building the ${label} demo database (${sites} sites, ${years} year(s): ${demoSizes[label].buildsIn})...`,
  );
  const started = Date.now();
  try {
    const summary = await generate(building, label);
    const buildSeconds = (Date.now() - started) / 1000;
    // The generator closes its database, which checkpoints: a WAL left behind would hold data a copy misses.
    if (existsSync(`${building}-wal`)) throw new Error(`The demo generator left ${building}-wal behind.`);
    const build: DemoBuild = {
      sites,
      years,
      seed: demoSeed,
      schemaVersion: latestSchemaVersion,
      builtAt: new Date().toISOString(),
      buildSeconds,
      summary,
    };
    writeFileSync(buildFile, `${JSON.stringify(build, null, 2)}\n`);
    renameSync(building, path);
    console.log(`Built ${path} in ${buildSeconds.toFixed(1)} s.`);
    return { label, path, build, builtNow: true };
  } finally {
    removeDatabase(building);
  }
}

/**
 * A copy of the cached database for one run to write to, flushed to disk so its pages are clean
 * (the page cache cannot drop dirty pages, and a cold open needs them gone).
 */
export function workingCopy(demo: DemoDatabase): string {
  const size = statSync(demo.path).size;
  const free = statfsSync(cacheFolder());
  const spare = free.bavail * free.bsize;
  if (spare < size * 1.2) {
    throw new Error(`Copying ${demo.path} needs ${size} bytes and ${cacheFolder()} has ${spare} free.`);
  }
  const copy = join(cacheFolder(), `run-${process.pid}-${demo.label}.sqlite`);
  removeDatabase(copy);
  copyFileSync(demo.path, copy);
  const handle = openSync(copy, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  return copy;
}
