/**
 * Files reach the core only as handles a host gave for them: a file someone chose is checked
 * through its handle, on the job lane's own threads; a path typed in, a handle never given or
 * given for another use, and a file that is not Outpost's are each refused.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '../../../db/contract';
import type { Actor, Envelope } from '../../../db/contract/envelope';
import { fileHandle } from '../../../db/contract/fields';
import { fileFieldsOf } from '../../../db/contract/files';
import type { Job } from '../../../db/contract/jobs';
import { runMigrations } from '../../../db/platform/migrate';
import { SqliteDriver } from '../../../db/platform/sqlite-driver';
import { openCore } from '../../../db/runtime/core';
import { sourceWorkerEntry, startCore, type CoreConnection } from '../../../db/runtime/core-client';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';
import { setUpDatabasePath } from '../../support/core';

const cores: CoreConnection[] = [];
afterAll(async () => {
  for (const core of cores.splice(0)) await core.close();
  removeTempDirs();
});

async function connection() {
  const core = await startCore(sourceWorkerEntry(), { databasePath: await setUpDatabasePath(), appVersion: 'test' });
  cores.push(core);
  const actor: Actor = { staffId: core.info.defaultStaffId };
  /** The job's end, as `jobs.get` gives it once it has ended. */
  const ended = (started: Envelope<unknown>) =>
    new Promise<Job>((resolve, reject) => {
      if (!started.ok) return reject(new Error(started.error.code));
      core.watchJob((started.data as { jobId: string }).jobId, (event) => event.kind === 'ended' && resolve(event.job));
    });
  return { core, actor, ended };
}

/** Another Outpost database, as a copy from another laptop would be. */
async function otherOutpostFile(): Promise<string> {
  const path = tempDatabasePath('other.sqlite');
  (await openCore({ databasePath: path, appVersion: 'test' })).close();
  return path;
}

describe('the contract', () => {
  it('takes files only as handles: every field that names a file is a handle field, and it refuses paths', () => {
    const channels = Object.keys(contract) as ChannelName[];
    const fileFields = channels.flatMap((channel) =>
      fileFieldsOf(contract[channel].input).map(([field, modes]) => `${channel}.${field}: ${modes.join(' or ')}`),
    );
    expect(fileFields.sort()).toEqual(['system.saveCopy.file: write or folder', 'system.verifyFile.file: read']);
    // No other field is named as if it took a file, a path or a folder ("direction" is a way, not a folder).
    const lookAlikes = channels.flatMap((channel) => {
      const shape = (contract[channel].input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      const handles = fileFieldsOf(contract[channel].input).map(([field]) => field);
      return Object.keys(shape)
        .filter((field) => /file|path|folder|dir(ectory)?$/i.test(field) && !handles.includes(field))
        .map((field) => `${channel}.${field}`);
    });
    expect(lookAlikes).toEqual([]);
    for (const path of ['/var/lib/outpost.sqlite', 'outpost.sqlite', '..\\outpost.sqlite', '~/outpost.sqlite']) {
      expect(fileHandle.safeParse(path).success, path).toBe(false);
    }
  });
});

describe('files', () => {
  it('are checked through the handle a host gave, never a path', async () => {
    const { core, actor, ended } = await connection();
    const chosen = core.grantFile(await otherOutpostFile(), 'read');
    expect(chosen.name).toBe('other.sqlite');
    const job = await ended(await core.call('system.verifyFile', { file: chosen.handle }, actor));
    expect(job).toMatchObject({ state: 'done', channel: 'system.verifyFile', result: { ok: true } });
  });

  it('refuse a path typed in where a file goes, before any work starts', async () => {
    const { core, actor } = await connection();
    for (const file of [
      tempDatabasePath(),
      'outpost.sqlite',
      '../outpost.sqlite',
      'C:\\Users\\sam\\outpost.sqlite',
      'file:///etc/passwd',
      `file:${'0'.repeat(36)}`,
      '',
    ]) {
      expect(await core.call('system.verifyFile', { file }, actor), file).toMatchObject({
        ok: false,
        error: { code: 'file_handle_invalid', field: 'file' },
      });
    }
  });

  it('refuse a handle never given, or given for another use', async () => {
    const { core, actor } = await connection();
    expect(
      await core.call('system.verifyFile', { file: 'file:01900000-0000-7000-8000-000000000000' }, actor),
    ).toMatchObject({ ok: false, error: { code: 'file_not_found', field: 'file' } });
    const forWriting = core.grantFile(await otherOutpostFile(), 'write');
    expect(await core.call('system.verifyFile', { file: forWriting.handle }, actor)).toMatchObject({
      ok: false,
      error: { code: 'file_not_found', field: 'file' },
    });
  });

  it('say a copy made by an earlier Outpost is one, instead of checking it as this version', async () => {
    const { core, actor, ended } = await connection();
    const older = tempDatabasePath('older.sqlite');
    const sqlite = new SqliteDriver(older);
    await runMigrations(sqlite, { target: '0008_visits_by_time' });
    sqlite.close();
    const job = await ended(
      await core.call('system.verifyFile', { file: core.grantFile(older, 'read').handle }, actor),
    );
    expect(job).toMatchObject({ state: 'failed', error: { code: 'database_too_old', field: 'file' } });
  });

  it('refuse a file that is not an Outpost database', async () => {
    const { core, actor, ended } = await connection();
    const notes = tempDatabasePath('notes.sqlite');
    writeFileSync(notes, 'Shopping list: gloves, sharps containers');
    const job = await ended(
      await core.call('system.verifyFile', { file: core.grantFile(notes, 'read').handle }, actor),
    );
    expect(job).toMatchObject({ state: 'failed', error: { code: 'file_not_outpost', field: 'file' } });
  });
});
