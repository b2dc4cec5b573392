/**
 * Saving a copy of the database through a handle: the copy holds every record and passes the
 * whole check, only a whole and checked file takes the chosen name, and a cancel or a place that
 * cannot be written leaves nothing behind.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../db/contract/envelope';
import type { Job, JobProgress } from '../../../db/contract/jobs';
import { savedCopyOutput } from '../../../db/contract/system';
import { openReadOnlyDatabase } from '../../../db/platform/database';
import type { Core } from '../../../db/runtime/core';
import { verifyDatabase } from '../../../db/system/system';
import { countRows, openFieldCore, perform } from '../../support/core';
import { tempDir } from '../../support/temp-files';

/** A database with an encounter in it, so the copy has records to hold. */
async function copying() {
  const field = await openFieldCore();
  const { db, writer, site, item } = field;
  perform(db, writer, 'encounters.log', {
    siteId: site.id,
    occurredAt: '2026-11-22T18:00:00Z',
    participantCode: 'MA0785',
    lines: [{ itemId: item('Naloxone nasal 4 mg (box of 2)').id, quantity: 2 }],
  });
  return field;
}

/** Starts the copy and follows it: every progress event in order, and its end. */
async function saveCopy(
  core: Core,
  actor: Actor,
  handle: string,
  onProgress?: (progress: JobProgress, jobId: string) => void,
) {
  const started = await core.call('system.saveCopy', { file: handle }, actor);
  if (!started.ok) throw new Error(`refused: ${started.error.code}`);
  const progress: JobProgress[] = [];
  const { jobId } = started.data as { jobId: string };
  const job = await new Promise<Job>((resolve) =>
    core.watchJob(jobId, (event) => {
      if (event.kind === 'ended') return resolve(event.job);
      progress.push(event.progress);
      onProgress?.(event.progress, jobId);
    }),
  );
  return { job, progress, jobId };
}

describe('saving a copy of the database', () => {
  it('writes a whole, checked copy to the file chosen, with progress in order', async () => {
    const { core, actor } = await copying();
    const target = join(tempDir(), 'outpost-copy.sqlite');
    const { job, progress } = await saveCopy(core, actor, core.grantFile(target, 'write').handle);

    expect(job.state).toBe('done');
    const saved = savedCopyOutput.parse(job.result);
    expect(saved.name).toBe('outpost-copy.sqlite');
    expect(saved.bytes).toBe(readFileSync(target).length);
    expect(saved.auditRows).toBe(countRows(core, 'audit_log'));
    expect(progress.map(({ phase, done, total }) => `${phase} ${done}/${total}`)).toEqual([
      'copying 0/2',
      'checkingCopy 1/2',
      'checkingCopy 2/2',
    ]);

    const copy = openReadOnlyDatabase(target);
    try {
      expect((await verifyDatabase(copy)).ok).toBe(true);
      for (const table of ['field_entries', 'field_entry_lines', 'participants', 'audit_log'] as const) {
        expect(copy.all(copy.query.selectFrom(table).selectAll()), table).toEqual(
          core.context.db.all(core.context.db.query.selectFrom(table).selectAll()),
        );
      }
    } finally {
      copy.close();
    }
    // Only the copy is left in the folder: no partial file beside it.
    expect(readdirSync(dirname(target))).toEqual(['outpost-copy.sqlite']);
  });

  it('names the copy by the program date when a folder was chosen', async () => {
    const { core, actor } = await copying();
    const folder = tempDir();
    const { job } = await saveCopy(core, actor, core.grantFile(folder, 'folder').handle);
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: core.context.db.first(core.context.db.query.selectFrom('program_settings').select('time_zone'))!
        .time_zone,
    }).format(new Date());
    expect(job.result).toMatchObject({ name: `outpost-copy-${today}.sqlite` });
    expect(readdirSync(folder)).toEqual([`outpost-copy-${today}.sqlite`]);
  });

  it('replaces a file already there only with a whole copy', async () => {
    const { core, actor } = await copying();
    const target = join(tempDir(), 'older.sqlite');
    writeFileSync(target, 'an older file the person chose to replace');
    const { job } = await saveCopy(core, actor, core.grantFile(target, 'write').handle);
    expect(job.state).toBe('done');
    expect((await verifyDatabase(openReadOnlyDatabase(target))).ok).toBe(true);
  });

  it.each([
    ['before copying', 'copying'],
    ['while checking the copy', 'checkingCopy'],
  ] as const)('stops on Cancel %s and leaves no file', async (_when, phase) => {
    const { core, actor } = await copying();
    const folder = tempDir();
    const target = join(folder, 'cancelled.sqlite');
    const grant = core.grantFile(target, 'write').handle;
    const { job } = await saveCopy(core, actor, grant, (progress, jobId) => {
      if (progress.phase === phase) void core.call('jobs.cancel', { jobId }, actor);
    });
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'job_cancelled' } });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('fails as file_not_writable where the place cannot be written, and leaves nothing', async () => {
    const { core, actor } = await copying();
    const gone = join(tempDir(), 'unplugged-stick', 'copy.sqlite');
    const { job } = await saveCopy(core, actor, core.grantFile(gone, 'write').handle);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'file_not_writable', field: 'file' } });

    // A "file" that is really a folder: the copy cannot take its place.
    const folder = tempDir();
    mkdirSync(join(folder, 'taken.sqlite'));
    const taken = await saveCopy(core, actor, core.grantFile(join(folder, 'taken.sqlite'), 'write').handle);
    expect(taken.job.error?.code).toBe('file_not_writable');
    expect(readdirSync(folder)).toEqual(['taken.sqlite']);
    expect(readdirSync(join(folder, 'taken.sqlite'))).toEqual([]);
  });

  it('writes only through a handle given for writing: a file given to read is refused, a path typed in too', async () => {
    const { core, actor } = await copying();
    const readOnly = core.grantFile(join(tempDir(), 'read.sqlite'), 'read').handle;
    expect(await core.call('system.saveCopy', { file: readOnly }, actor)).toMatchObject({
      ok: false,
      error: { code: 'file_not_found', field: 'file' },
    });
    expect(await core.call('system.saveCopy', { file: join(tempDir(), 'typed.sqlite') }, actor)).toMatchObject({
      ok: false,
      error: { code: 'file_handle_invalid', field: 'file' },
    });
  });
});

describe('closing a core with a job running', () => {
  it('cancels the job at its next step, leaving no file', async () => {
    const { core, actor } = await copying();
    const folder = tempDir();
    const started = await core.call(
      'system.saveCopy',
      { file: core.grantFile(join(folder, 'copy.sqlite'), 'write').handle },
      actor,
    );
    if (!started.ok) throw new Error(started.error.code);
    const ended = new Promise<Job>((resolve) =>
      core.watchJob((started.data as { jobId: string }).jobId, (event) => event.kind === 'ended' && resolve(event.job)),
    );
    core.close();
    expect(await ended).toMatchObject({ state: 'cancelled', error: { code: 'job_cancelled' } });
    expect(readdirSync(folder)).toEqual([]);
  });
});
