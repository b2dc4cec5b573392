/**
 * `npm run bench`: the project's one benchmark. On a small (2 sites x 1 year) and a large
 * (20 sites x 5 years) demo database, cached outside the repository, it times saving an encounter
 * against the fair floor SQLite sets for the same rows, the same save through the worker threads,
 * every list and search the screens use, opening to the first screen warm and cold, and verify;
 * and reports bytes per encounter and peak memory. A full run writes bench/results.json and
 * bench/README.md. `--quick` (CI) runs the small database only, with few runs, and writes its
 * JSON to the cache folder, so a CI run never changes the repository. Targets are printed next to
 * each figure and never asserted: the exit code is non-zero only when something failed to run.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteDriver } from '../../db/platform/sqlite-driver';
import { cacheFolder, ensureDemoDatabase, removeDatabase, workingCopy, type DemoDatabase } from './demo-databases';
import { peakRssMiB, result, single, targets, type BenchResult, type DatabaseLabel } from './measure';
import { repositoryRoot } from './own-process';
import { findEvictor, type Evictor } from './page-cache';
import { describeMachine, markdownReport, textTable, writeJson, type Results } from './report';
import { measureDatabase, measureThroughWorkers, type DatabaseRun, type Plan } from './scenarios';

const plans: Record<Results['mode'], Partial<Record<DatabaseLabel, Plan>>> = {
  quick: {
    small: {
      saves: { warmup: 20, runs: 150 },
      workerSaves: { warmup: 20, runs: 100 },
      reads: { warmup: 3, runs: 20 },
      openWarm: { warmup: 1, runs: 5 },
      openCold: 3,
    },
  },
  full: {
    small: {
      saves: { warmup: 100, runs: 1000 },
      workerSaves: { warmup: 50, runs: 500 },
      reads: { warmup: 5, runs: 50 },
      openWarm: { warmup: 1, runs: 15 },
      openCold: 8,
    },
    // Fewer runs on millions of rows, so a full run stays within a quarter of an hour once the
    // database is cached (verify alone reads all of it, for minutes).
    large: {
      saves: { warmup: 50, runs: 300 },
      workerSaves: null,
      reads: { warmup: 3, runs: 30 },
      openWarm: { warmup: 1, runs: 8 },
      openCold: 5,
    },
  },
};

const usage = `Usage: npm run bench [-- --quick]
  (default)  small and large demo databases; writes bench/results.json and bench/README.md
  --quick    small database only, few runs; writes results.quick.json in the cache folder
The demo databases are cached in ${cacheFolder()} (set OUTPOST_BENCH_CACHE to move it).`;

/** Copies left by a run that was killed: the large one is gigabytes. */
function removeAbandonedCopies(): void {
  for (const file of readdirSync(cacheFolder())) {
    const pid = /^run-(\d+)-/.exec(file)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      rmSync(join(cacheFolder(), file), { force: true });
    }
  }
}

function sqliteVersion(): string {
  const memory = new SqliteDriver(':memory:');
  try {
    return memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    memory.close();
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const mode: Results['mode'] = values.quick ? 'quick' : 'full';
  const started = Date.now();
  const results: BenchResult[] = [];
  const notes: string[] = [];
  const errors: string[] = [];
  const report: Results = {
    mode,
    machine: describeMachine(sqliteVersion()),
    generatedAt: new Date().toISOString(),
    wallSeconds: 0,
    databases: {},
    results,
    notes,
    errors,
  };
  mkdirSync(cacheFolder(), { recursive: true });
  removeAbandonedCopies();

  const demos: DemoDatabase[] = [];
  for (const label of Object.keys(plans[mode]) as DatabaseLabel[]) {
    try {
      demos.push(await ensureDemoDatabase(label));
    } catch (error) {
      errors.push(`${label}: building the demo database: ${messageOf(error)}`);
    }
  }
  for (const demo of demos) {
    if (!demo.builtNow || !demo.build) continue;
    results.push(
      result({
        name: 'demo generation (npm run cli -- demo, own process)',
        database: demo.label,
        unit: 's',
        ...single(demo.build.buildSeconds),
        note: `${demo.build.summary['encounters'] ?? '?'} encounters`,
      }),
    );
  }

  let evictor: Evictor | null | undefined;
  let copyInUse: string | null = null;
  const leave = () => {
    if (copyInUse) removeDatabase(copyInUse);
    process.exit(130);
  };
  process.once('SIGINT', leave).once('SIGTERM', leave);
  /** Runs `work` on a fresh copy of the demo database, removed afterwards whatever happens. */
  const onCopy = async (demo: DemoDatabase, work: (run: DatabaseRun) => Promise<void>) => {
    console.log(`\n${demo.label}: copying ${demo.path} for this run...`);
    let path: string;
    try {
      path = workingCopy(demo);
    } catch (error) {
      errors.push(`${demo.label}: copying the demo database: ${messageOf(error)}`);
      return;
    }
    copyInUse = path;
    if (evictor === undefined) {
      evictor = findEvictor(path);
      notes.push(
        evictor
          ? `Cold opens: the database file is dropped from the page cache first with ${evictor.method}.`
          : 'Cold opens: unavailable, as neither vmtouch, GNU dd nor /proc/sys/vm/drop_caches could evict a file here.',
      );
    }
    const run: DatabaseRun = {
      label: demo.label,
      path,
      plan: plans[mode][demo.label]!,
      evictor,
      results,
      notes,
      async attempt(name, work) {
        console.log(`${demo.label}: ${name}`);
        try {
          await work();
        } catch (error) {
          errors.push(`${demo.label}: ${name}: ${messageOf(error)}`);
          console.error(`${demo.label}: ${name} FAILED: ${messageOf(error)}`);
        }
      },
    };
    try {
      await work(run);
    } finally {
      removeDatabase(path);
      copyInUse = null;
    }
  };
  const peakRss = (name: string, database: DatabaseLabel) =>
    results.push(result({ name, database, unit: 'MiB', ...single(peakRssMiB()) }, targets.peakRss));

  for (const demo of demos) {
    await onCopy(demo, async (run) => {
      const facts = await measureDatabase(run, demo.path);
      if (facts)
        report.databases[demo.label] = { path: demo.path, ...facts, build: demo.build, builtThisRun: demo.builtNow };
    });
    peakRss(`peak RSS of the process, core in process, through the ${demo.label} database`, demo.label);
  }
  for (const demo of demos) {
    const repetitions = plans[mode][demo.label]!.workerSaves;
    if (!repetitions) continue;
    await onCopy(demo, (run) => measureThroughWorkers(run, repetitions));
  }
  report.wallSeconds = (Date.now() - started) / 1000;

  console.log(`\n${textTable(results)}\n`);
  for (const note of notes) console.log(`note: ${note}`);
  for (const error of errors) console.error(`error: ${error}`);
  if (mode === 'full') {
    const folder = join(repositoryRoot, 'bench');
    mkdirSync(folder, { recursive: true });
    await writeJson(join(folder, 'results.json'), report);
    writeFileSync(join(folder, 'README.md'), markdownReport(report));
    console.log(`\nWrote bench/results.json and bench/README.md in ${report.wallSeconds.toFixed(0)} s.`);
  } else {
    const path = join(cacheFolder(), 'results.quick.json');
    await writeJson(path, report);
    console.log(`\nQuick run done in ${report.wallSeconds.toFixed(0)} s; its figures are in ${path}.`);
  }
  return errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
