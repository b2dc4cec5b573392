/**
 * What is measured on each demo database: opening it to the first screen (warm and cold), every
 * list and search the screens use, verify, and saving an encounter, in process against the fair
 * floor and through the worker threads and the contract as the app calls it.
 */
import { statSync } from 'node:fs';
import type { CallChannelName, ChannelInput } from '../../db/contract';
import { monthlySeries, periodFigures } from '../../db/reports/figures';
import { openCore, type Core } from '../../db/runtime/core';
import { verifyDatabase } from '../../db/system/system';
import { databaseFiles } from './demo-databases';
import { chooseFixtures, encounterToSave, type Fixtures } from './fixtures';
import { runOwnProcess } from './own-process';
import {
  elapsedMs,
  peakRssMiB,
  result,
  single,
  summarise,
  targets,
  timeAgainst,
  timeSync,
  type BenchResult,
  type DatabaseLabel,
  type Repetitions,
  type Target,
} from './measure';
import type { Evictor } from './page-cache';
import { captureWrites, checkFloor, describeWrites, planFloor } from './save-floor';
import type { WorkerSavesReport, WorkerSavesRequest } from './worker-saves';

export interface Plan {
  saves: Repetitions;
  /** Saves through the worker threads, on this database; null to measure none here. */
  workerSaves: Repetitions | null;
  reads: Repetitions;
  openWarm: Repetitions;
  openCold: number;
}

export interface DatabaseFacts {
  sizeBytes: number;
  encounters: number;
  bytesPerEncounter: number;
}

export interface DatabaseRun {
  label: DatabaseLabel;
  /** The run's own copy of the cached database. */
  path: string;
  plan: Plan;
  evictor: Evictor | null;
  results: BenchResult[];
  notes: string[];
  /** Runs one measurement; a failure is recorded and the next measurement still runs. */
  attempt(name: string, work: () => Promise<void> | void): Promise<void>;
}

/** The Encounters screen asks for this many entries of each kind per page; the field screen's search for 6 codes. */
const pageSize = 100;
const searchLimit = 6;
const appVersion = 'bench';

/** From opening the file to having answered every read the first screen makes. */
async function openToFirstScreen(path: string): Promise<number> {
  const started = process.hrtime.bigint();
  const core = await openCore({ databasePath: path, appVersion });
  try {
    const actor = { staffId: core.identity.defaultStaffId };
    core.perform('session.current', {}, actor);
    core.perform('sites.list', {}, actor);
    core.perform('items.list', {}, actor);
    core.perform('settings.get', {}, actor);
    core.perform('presets.list', {}, actor);
    core.perform('serviceTypes.list', {}, actor);
    core.perform('encounters.list', { limit: 30 }, actor);
    core.perform('tallies.list', { limit: 30 }, actor);
    return elapsedMs(started);
  } finally {
    core.close();
  }
}

async function measureOpen(run: DatabaseRun): Promise<void> {
  await run.attempt('open to first screen, warm', async () => {
    const times: number[] = [];
    for (let index = 0; index < run.plan.openWarm.warmup; index += 1) await openToFirstScreen(run.path);
    for (let index = 0; index < run.plan.openWarm.runs; index += 1) times.push(await openToFirstScreen(run.path));
    run.results.push(
      result(
        { name: 'open to first screen, warm', database: run.label, unit: 'ms', ...summarise(times) },
        targets.openWarm,
      ),
    );
  });
  await run.attempt('open to first screen, cold', async () => {
    const name = 'open to first screen, cold (file evicted)';
    const { evictor } = run;
    if (!evictor) {
      run.notes.push(`${run.label}: no way to evict a file from the page cache here, so there is no cold figure.`);
      return;
    }
    const times: number[] = [];
    for (let index = 0; index < run.plan.openCold; index += 1) {
      evictor.evict(databaseFiles(run.path));
      times.push(await openToFirstScreen(run.path));
    }
    run.results.push(result({ name, database: run.label, unit: 'ms', ...summarise(times) }, targets.openCold));
  });
}

async function measureReads(run: DatabaseRun, core: Core, fixtures: Fixtures): Promise<void> {
  const { actor } = fixtures;
  const read = <C extends CallChannelName>(name: string, channel: C, input: ChannelInput<C>) => ({
    name,
    answer: () => core.perform(channel, input, actor) as unknown[],
  });
  const list = { limit: pageSize };
  const firstPage = core.perform('encounters.list', list, actor);
  const last = firstPage.at(-1);
  const cases = [
    read('encounters.list, no filter', 'encounters.list', list),
    read('encounters.list by site', 'encounters.list', { ...list, siteId: fixtures.siteId }),
    read('encounters.list by staff', 'encounters.list', { ...list, staffId: fixtures.staffId }),
    read('encounters.list by a common item', 'encounters.list', { ...list, itemId: fixtures.commonItemId }),
    read('encounters.list by a rare item', 'encounters.list', { ...list, itemId: fixtures.rareItemId }),
    read('encounters.list by date range (an old month)', 'encounters.list', { ...list, ...fixtures.oldMonth }),
    read('encounters.list by participant code', 'encounters.list', {
      ...list,
      participantCode: fixtures.regularCode,
    }),
    read('encounters.list including voided', 'encounters.list', { ...list, includeVoided: true }),
    ...(last
      ? [
          read('encounters.list, second page (before cursor)', 'encounters.list', {
            ...list,
            before: { occurredAt: last.occurredAt, id: last.id },
          }),
        ]
      : []),
    read('tallies.list, no filter', 'tallies.list', list),
    read('tallies.list by site', 'tallies.list', { ...list, siteId: fixtures.tallySiteId ?? fixtures.siteId }),
    read('participants.search, 2-character prefix', 'participants.search', {
      query: fixtures.searches.prefix,
      limit: searchLimit,
    }),
    read('participants.search, full code', 'participants.search', {
      query: fixtures.searches.full,
      limit: searchLimit,
    }),
    read('participants.search, swapped digits', 'participants.search', {
      query: fixtures.searches.swappedDigits,
      limit: searchLimit,
    }),
    read('participants.search, one wrong character', 'participants.search', {
      query: fixtures.searches.oneWrong,
      limit: searchLimit,
    }),
    // The Encounters list's code filter says so when a code matches no one: a search finding nothing.
    read('participants.search, a code nobody has', 'participants.search', {
      query: fixtures.searches.nobody,
      limit: searchLimit,
    }),
  ];
  for (const { name, answer } of cases) {
    await run.attempt(name, () => {
      const rows = answer().length;
      const times = timeSync(run.plan.reads, answer);
      const note = `${rows} ${rows === 1 ? 'row' : 'rows'}`;
      run.results.push(result({ name, database: run.label, unit: 'ms', ...summarise(times), note }, targets.listP95));
    });
  }
}

/** A read of a screen timed against its baseline, runs alternating, with its own target. */
interface ScreenRead {
  name: string;
  answer: () => unknown;
  baseline: { name: string; answer: () => unknown };
  target: Target;
  /** Fewer runs than the plan's reads, for a read of every entry. */
  repetitions?: Repetitions;
}

/** How many rows a list answered; what else it answered says nothing countable. */
const noteOf = (answer: unknown) => {
  if (!Array.isArray(answer)) return undefined;
  return `${answer.length} ${answer.length === 1 ? 'row' : 'rows'}`;
};

/**
 * The reads of the screens added beside the log screen, each against a fair baseline in the same
 * run: what the same page costs when nothing needs finding. Likely duplicates against the page's
 * own codes read one by one as the field screen reads a participant (visits and last visit, as
 * each side of a pair shows them); a history against the entry itself; the recent collections
 * against the same rows read straight from the date index; the re-file preview, which reads
 * every entry, against a plain read of the same columns of every active entry.
 */
async function measureScreens(run: DatabaseRun, core: Core, fixtures: Fixtures): Promise<void> {
  const { actor } = fixtures;
  const { db } = core.context;
  const call =
    <C extends CallChannelName>(channel: C, input: ChannelInput<C>) =>
    () =>
      core.perform(channel, input, actor);
  const firstPage = core.perform('participants.duplicates', {}, actor);
  const shownCodes = firstPage.flatMap((pair) => [pair.first.code, pair.second.code]);
  const bySite = core.perform('participants.duplicates', { siteId: fixtures.siteId }, actor);
  const shownAtSite = bySite.flatMap((pair) => [pair.first.code, pair.second.code]);
  const readEach = (codes: readonly string[]) => () =>
    codes.map((code) => core.perform('participants.get', { code }, actor));
  // As many as the Collections screen asks for (recentCollections in its hooks).
  const recentCollections = 50;
  const historyOf = (kind: 'encounters' | 'tallies', id: string): ScreenRead => ({
    name: `${kind}.history (the ${kind === 'encounters' ? 'encounter with most revisions' : 'newest tally'})`,
    answer: call(`${kind}.history`, { id }),
    baseline: { name: `${kind}.get of the same entry (baseline)`, answer: call(`${kind}.get`, { id }) },
    target: targets.listP95,
  });
  const cases: ScreenRead[] = [
    {
      name: 'participants.duplicates, first page (the Participants screen)',
      answer: call('participants.duplicates', {}),
      baseline: {
        name: `participants.get of the first page's ${shownCodes.length} codes, one by one (baseline)`,
        answer: readEach(shownCodes),
      },
      target: targets.screenMedian,
    },
    {
      name: 'participants.duplicates by site, first page',
      answer: call('participants.duplicates', { siteId: fixtures.siteId }),
      baseline: {
        name: `participants.get of that page's ${shownAtSite.length} codes, one by one (baseline)`,
        answer: readEach(shownAtSite),
      },
      target: targets.screenMedian,
    },
    {
      name: 'collections.list, recent (the Collections screen)',
      answer: call('collections.list', { limit: recentCollections }),
      baseline: {
        name: `the newest ${recentCollections} collections' rows from the date index (baseline)`,
        answer: () =>
          db
            .statement(
              `SELECT * FROM collections INDEXED BY collections_by_date WHERE status = 'active'
               ORDER BY current_local_date DESC, key DESC LIMIT ?`,
            )
            .all(recentCollections),
      },
      target: targets.listP95,
    },
    historyOf('encounters', fixtures.history.encounterId),
    ...(fixtures.history.tallyId ? [historyOf('tallies', fixtures.history.tallyId)] : []),
    {
      name: 'settings.refilePreview (the Program tab)',
      answer: call('settings.refilePreview', {}),
      baseline: {
        name: 'every active entry’s key, kind, instant and day, read plainly (baseline)',
        answer: () => {
          let rows = 0;
          const all = db
            .statement(
              `SELECT key, kind, current_occurred_ms, current_local_date FROM field_entries WHERE status = 'active'`,
            )
            .raw()
            .iterate();
          for (const _row of all) rows += 1;
          return rows;
        },
      },
      target: targets.screenMedian,
      // Seconds a run on millions of entries: ten runs keep a full bench within its quarter hour.
      repetitions: { warmup: 1, runs: Math.min(run.plan.reads.runs, 10) },
    },
  ];
  for (const { name, answer, baseline, target, repetitions } of cases) {
    await run.attempt(name, () => {
      const note = noteOf(answer());
      const { times, baselineTimes } = timeAgainst(repetitions ?? run.plan.reads, answer, baseline.answer);
      const baselineSummary = summarise(baselineTimes);
      const summary = summarise(times);
      run.results.push(
        result({ name: baseline.name, database: run.label, unit: 'ms', ...baselineSummary }),
        result(
          {
            name,
            database: run.label,
            unit: 'ms',
            ...summary,
            ratio: summary.median / baselineSummary.median,
            baseline: baseline.name,
            ...(note === undefined ? {} : { note }),
          },
          target,
        ),
      );
    });
  }
}

/**
 * What the dashboard and the monthly report read (from the rollups, through the functions they
 * will call): one calendar month's figures for all sites and for one, and every month of the
 * database's history, the whole series of every figure.
 */
async function measureFigures(run: DatabaseRun, core: Core, fixtures: Fixtures): Promise<void> {
  const { db } = core.context;
  const month = fixtures.oldMonth.from.slice(0, 7);
  const lastMonth = db.now().toISOString().slice(0, 7);
  const cases = [
    {
      name: `one month's figures, all sites (${month})`,
      answer: () => periodFigures(db, month),
      target: targets.monthFigures,
    },
    {
      name: `one month's figures, one site (${month})`,
      answer: () => periodFigures(db, month, fixtures.siteId),
      target: targets.monthFigures,
    },
    {
      name: `every figure for every month, ${month} to ${lastMonth}, all sites`,
      answer: () => monthlySeries(db, month, lastMonth),
      target: targets.series,
    },
  ];
  for (const { name, answer, target } of cases) {
    await run.attempt(name, () => {
      answer();
      const times = timeSync(run.plan.reads, answer);
      run.results.push(result({ name, database: run.label, unit: 'ms', ...summarise(times) }, target));
    });
  }
}

async function measureVerify(run: DatabaseRun, core: Core, fixtures: Fixtures): Promise<void> {
  await run.attempt('verify', async () => {
    const started = process.hrtime.bigint();
    const report = await core.runJob('system.verify', {}, fixtures.actor);
    const seconds = elapsedMs(started) / 1000;
    const problems = [
      report.integrity === 'ok' ? null : `integrity: ${report.integrity}`,
      report.foreignKeyViolations === 0 ? null : `${report.foreignKeyViolations} foreign key violations`,
      report.ledger.mismatches === 0 ? null : `${report.ledger.mismatches} balance mismatches`,
      ...report.rollups.map((check) => (check.mismatches === 0 ? null : `${check.mismatches} in ${check.table}`)),
      report.audit.intact ? null : `audit chain broken at ${report.audit.brokenAtSeq}`,
    ].filter((problem) => problem !== null);
    const note = report.ok ? 'report ok' : `report NOT ok: ${problems.join('; ')}`;
    if (!report.ok) run.notes.push(`${run.label}: verify found problems in the pristine demo copy: ${note}`);
    // The baseline: the same checks on one thread, one after another, as verify ran before.
    const baselineStarted = process.hrtime.bigint();
    const baselineReport = await verifyDatabase(core.context.db, { sqliteChecksBeside: false });
    const baselineSeconds = elapsedMs(baselineStarted) / 1000;
    if (!baselineReport.ok) run.notes.push(`${run.label}: verify on one thread found problems the job did not`);
    const baseline = 'verify: every check one after another on one thread (baseline)';
    run.results.push(
      result({ name: baseline, database: run.label, unit: 's', ...single(baselineSeconds) }),
      result(
        {
          name: 'verify (system.verify job)',
          database: run.label,
          unit: 's',
          ...single(seconds),
          ratio: seconds / baselineSeconds,
          baseline,
          note,
        },
        targets.verify,
      ),
    );
  });
}

async function measureSaves(run: DatabaseRun, core: Core, fixtures: Fixtures): Promise<void> {
  await run.attempt('save against the fair floor', async () => {
    const { sqlite } = core.context.db;
    let index = 0;
    const save = () => core.perform('encounters.log', encounterToSave(fixtures, index++), fixtures.actor);
    // Every participant the saves name has visited the site today before timing starts, so each
    // timed save updates the same rollup rows instead of some creating them.
    const warmup = Math.max(run.plan.saves.warmup, fixtures.save.participantCodes.length);
    for (let count = 0; count < warmup; count += 1) save();
    const { writes } = captureWrites(sqlite, save);
    const floor = planFloor(sqlite, writes);
    checkFloor(sqlite, floor, writes);
    const pragmas = ['journal_mode', 'synchronous', 'foreign_keys']
      .map((name) => `${name}=${String(sqlite.pragma(name, { simple: true }))}`)
      .join(', ');
    run.notes.push(
      `${run.label}: one save writes ${writes.length} rows (+ inserted, ~ updated): ${describeWrites(writes).join(', ')}; ` +
        `the floor writes the same on the core's own connection (${pragmas}).`,
    );
    for (let count = 0; count < Math.min(run.plan.saves.warmup, 20); count += 1) floor.save();

    // Alternating, so both meet the same checkpoints, page cache and neighbours' load. Between two
    // pairs the event loop turns, as it does in the app's writer between two calls: the
    // database's checkpoints run there, untimed, as they run there after an answer has gone. The
    // one that goes first after that pause changes every pair, so neither always starts cold.
    const coreTimes: number[] = [];
    const floorTimes: number[] = [];
    const saveCore = () => {
      const input = encounterToSave(fixtures, index++);
      const started = process.hrtime.bigint();
      core.perform('encounters.log', input, fixtures.actor);
      coreTimes.push(elapsedMs(started));
    };
    const saveFloor = () => {
      const started = process.hrtime.bigint();
      floor.save();
      floorTimes.push(elapsedMs(started));
    };
    for (let count = 0; count < run.plan.saves.runs; count += 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const pair = count % 2 === 0 ? [saveCore, saveFloor] : [saveFloor, saveCore];
      for (const save of pair) save();
    }
    const floorName = 'save: fair floor (same rows, plain prepared statements)';
    const floorSummary = summarise(floorTimes);
    const coreSummary = summarise(coreTimes);
    run.results.push(
      result({ name: floorName, database: run.label, unit: 'ms', ...floorSummary, note: `${floor.writes} row writes` }),
      result(
        {
          name: 'save: encounters.log, 10 lines + service (core.perform)',
          database: run.label,
          unit: 'ms',
          ...coreSummary,
          ratio: coreSummary.median / floorSummary.median,
          baseline: floorName,
        },
        targets.saveAgainstFloor,
      ),
    );
  });
}

/**
 * Saving through the worker threads and the contract, as the app calls the core, on a copy of its
 * own: the built worker, the very file Electron's main process starts (`npm run bench` builds it
 * first), in a process of its own (./worker-saves.ts), whose peak memory is the app's: two worker
 * threads and no core in the process itself.
 */
export async function measureThroughWorkers(run: DatabaseRun, repetitions: Repetitions): Promise<void> {
  await run.attempt('save through the worker threads', async () => {
    const chooser = await openCore({ databasePath: run.path, appVersion });
    let fixtures: Fixtures;
    try {
      fixtures = chooseFixtures(chooser);
    } finally {
      chooser.close();
    }
    const request: WorkerSavesRequest = { path: run.path, appVersion, fixtures, repetitions };
    const report = await runOwnProcess<WorkerSavesReport>('Saving through the workers', 'tests/bench/worker-saves.ts', [
      JSON.stringify(request),
    ]);
    run.results.push(
      result(
        {
          name: 'save: encounters.log through the worker and the contract',
          database: run.label,
          unit: 'ms',
          ...summarise(report.times),
        },
        targets.saveP95,
      ),
      result(
        {
          name: 'peak RSS of a process saving through the two worker threads (the built core, as the app runs it)',
          database: run.label,
          unit: 'MiB',
          ...single(report.peakRssMiB),
        },
        targets.peakRss,
      ),
    );
  });
}

export async function measureDatabase(run: DatabaseRun, cachedPath: string): Promise<DatabaseFacts | null> {
  // The peak only ever grows: read after each step, with the RSS of the moment, it shows which step set it.
  const peaks: string[] = [];
  const notePeak = (step: string) =>
    peaks.push(`${step} ${peakRssMiB().toFixed(0)} (${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)})`);
  try {
    return await measureSteps(run, cachedPath, notePeak);
  } finally {
    run.notes.push(
      `${run.label}: peak RSS in MiB after each step (RSS at that moment in brackets): ${peaks.join(', ')}.`,
    );
  }
}

/** Every in-process measurement on one database copy, in an order that keeps each fair: reads and verify before any save. */
async function measureSteps(
  run: DatabaseRun,
  cachedPath: string,
  notePeak: (step: string) => void,
): Promise<DatabaseFacts | null> {
  notePeak('before opening');
  await measureOpen(run);
  notePeak('opening');
  let facts: DatabaseFacts | null = null;
  let fixtures: Fixtures | null = null;
  await run.attempt('choosing what to ask', async () => {
    const core = await openCore({ databasePath: run.path, appVersion });
    try {
      fixtures = chooseFixtures(core);
      notePeak('choosing what to ask');
      const sizeBytes = statSync(cachedPath).size;
      facts = { sizeBytes, encounters: fixtures.encounters, bytesPerEncounter: sizeBytes / fixtures.encounters };
      run.results.push(
        result(
          {
            name: 'bytes per encounter (file size / encounters)',
            database: run.label,
            unit: 'bytes',
            ...single(facts.bytesPerEncounter),
          },
          targets.bytesPerEncounter,
        ),
      );
      await measureReads(run, core, fixtures);
      notePeak('lists and searches');
      await measureScreens(run, core, fixtures);
      notePeak('duplicates, collections, histories, re-file preview');
      await measureFigures(run, core, fixtures);
      notePeak('figures');
      await measureVerify(run, core, fixtures);
      notePeak('verify');
    } finally {
      core.close();
    }
  });
  const chosen = fixtures as Fixtures | null;
  if (!chosen) return facts;
  await run.attempt('saving', async () => {
    const core = await openCore({ databasePath: run.path, appVersion });
    try {
      await measureSaves(run, core, chosen);
    } finally {
      core.close();
    }
  });
  notePeak('saves');
  return facts;
}
