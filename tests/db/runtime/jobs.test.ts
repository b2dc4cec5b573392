/**
 * Jobs on the second lane, through the very worker threads the app runs: a save is answered while
 * a long job still runs, a job's progress arrives in order, Cancel stops it with nothing written,
 * and only its starter may follow it.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Envelope } from '../../../db/contract/envelope';
import { jobOutput, type Job, type JobProgress } from '../../../db/contract/jobs';
import { verifyOutput } from '../../../db/contract/system';
import { seedDemoData } from '../../../db/demo/demo';
import { openCore } from '../../../db/runtime/core';
import { sourceWorkerEntry, startCore, type CoreConnection } from '../../../db/runtime/core-client';
import { SqliteDriver } from '../../../db/platform/sqlite-driver';
import { removeTempDirs, tempDir } from '../../support/temp-files';

let demoFile: string;
const cores: CoreConnection[] = [];

beforeAll(async () => {
  // Enough records that checking them all takes a good while longer than one save.
  demoFile = join(tempDir('outpost-jobs-'), 'demo.sqlite');
  const core = await openCore({
    databasePath: demoFile,
    appVersion: 'test',
    clock: () => new Date('2026-11-22T12:00:00Z'),
  });
  seedDemoData(core.context, { staffId: core.info.defaultStaffId }, { sites: 2, years: 0.25, seed: 9 });
  core.close();
}, 120_000);

afterAll(async () => {
  for (const core of cores.splice(0)) await core.close();
  removeTempDirs();
});

async function openOnCopy() {
  const path = join(tempDir('outpost-jobs-'), 'outpost.sqlite');
  copyFileSync(demoFile, path);
  const core = await startCore(sourceWorkerEntry(), { databasePath: path, appVersion: 'test' });
  cores.push(core);
  const actor: Actor = { staffId: core.info.defaultStaffId };
  const data = async <T>(answer: Promise<Envelope<unknown>>): Promise<T> => {
    const envelope = await answer;
    if (!envelope.ok) throw new Error(`refused: ${envelope.error.code}`);
    return envelope.data as T;
  };
  const startVerify = async () => (await data<{ jobId: string }>(core.call('system.verify', {}, actor))).jobId;
  /** Every progress event of the job, in the order they came, and how it ended. */
  const follow = (jobId: string) => {
    const progress: JobProgress[] = [];
    const ended = new Promise<Job>((resolve) =>
      core.watchJob(jobId, (event) => (event.kind === 'progress' ? progress.push(event.progress) : resolve(event.job))),
    );
    return { progress, ended };
  };
  return { core, path, actor, data, startVerify, follow };
}

/** Row counts of every table, read straight from the file. */
function tableCounts(path: string): Record<string, number> {
  const file = new SqliteDriver(path, { readonly: true });
  const tables = file
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  const counts = Object.fromEntries(
    tables.map((table) => [table, (file.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
  file.close();
  return counts;
}

describe('jobs on the read lane', () => {
  it('answer a save while a long job still runs: the save is never queued behind it', async () => {
    const { core, actor, data, startVerify, follow } = await openOnCopy();
    const sites = await data<{ id: string }[]>(core.call('sites.list', {}, actor));
    const jobId = await startVerify();
    const answers: string[] = [];
    const { ended } = follow(jobId);
    const finished = ended.then(() => answers.push('job ended'));

    const saved = await core.call(
      'encounters.log',
      { siteId: sites[0]!.id, occurredAt: '2026-11-21T18:00:00Z', contactOnly: true, lines: [] },
      actor,
    );
    answers.push('save answered');
    expect(saved.ok).toBe(true);
    const whileSaving = await data<Job>(core.call('jobs.get', { jobId }, actor));
    expect(whileSaving.state).toBe('running');

    await finished;
    expect(answers).toEqual(['save answered', 'job ended']);
  }, 60_000);

  it('reports progress in order, then keeps the result until it is fetched, once', async () => {
    const { core, actor, data, startVerify, follow } = await openOnCopy();
    const jobId = await startVerify();
    const { progress, ended } = follow(jobId);
    expect((await ended).state).toBe('done');

    expect(progress.length).toBeGreaterThan(5);
    const total = progress[0]!.total;
    progress.forEach((step, index) => {
      expect(step.total).toBe(total);
      if (index > 0) expect(step.done).toBeGreaterThanOrEqual(progress[index - 1]!.done);
    });
    expect(progress.at(-1)).toMatchObject({ done: total });
    // Every phase of the check in the order it goes: SQLite's own checks start first, on a thread
    // of their own, and are waited for last.
    const phases = progress.map((step) => step.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(phases).toEqual(['integrity', 'ledger', 'rollups', 'indexes', 'audit', 'integrity']);

    const job = jobOutput.parse(await data(core.call('jobs.get', { jobId }, actor)));
    expect(job).toMatchObject({ state: 'done', channel: 'system.verify', error: null });
    expect(verifyOutput.parse(job.result).ok).toBe(true);
    expect(await core.call('jobs.get', { jobId }, actor)).toMatchObject({
      ok: false,
      error: { code: 'job_not_found', field: 'jobId' },
    });
  }, 60_000);

  it('stops at its next step on Cancel, with nothing written', async () => {
    const { core, path, actor, data, startVerify, follow } = await openOnCopy();
    const before = tableCounts(path);
    const jobId = await startVerify();
    const { progress, ended } = follow(jobId);
    // Cancelled as soon as it has made its first step.
    const cancelled = new Promise<Job>((resolve) => {
      let asked = false;
      core.watchJob(jobId, (event) => {
        if (event.kind !== 'progress' || asked) return;
        asked = true;
        void data<Job>(core.call('jobs.cancel', { jobId }, actor)).then(resolve);
      });
    });
    expect((await cancelled).state).toBe('running');
    const job = await ended;
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'job_cancelled' } });
    expect(job.result).toBeUndefined();
    expect(progress.at(-1)!.done).toBeLessThan(progress.at(-1)!.total);
    expect(tableCounts(path)).toEqual(before);
  }, 60_000);

  it('lets only its starter follow or cancel it, and refuses roles the contract does not allow', async () => {
    const { core, actor, data, startVerify, follow } = await openOnCopy();
    const viewer = await data<{ id: string }>(
      core.call('staff.create', { displayName: 'Riley', role: 'viewer' }, actor),
    );
    expect(await core.call('system.verify', {}, { staffId: viewer.id })).toMatchObject({
      ok: false,
      error: { code: 'not_permitted' },
    });
    const jobId = await startVerify();
    const { ended } = follow(jobId);
    for (const channel of ['jobs.get', 'jobs.cancel'] as const) {
      expect(await core.call(channel, { jobId }, { staffId: viewer.id })).toMatchObject({
        ok: false,
        error: { code: 'not_permitted' },
      });
    }
    expect(await core.call('jobs.get', { jobId: '01900000-0000-7000-8000-000000000000' }, actor)).toMatchObject({
      ok: false,
      error: { code: 'job_not_found' },
    });
    expect((await ended).state).toBe('done');
  }, 60_000);
});
