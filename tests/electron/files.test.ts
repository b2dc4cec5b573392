/** A file chosen in the (mocked) OS dialog reaches the core as a handle, and the core checks it through it. */
import { describe, expect, it, vi } from 'vitest';
import { openCore } from '../../db/runtime/core';
import { chooseFileToOpen } from '../../electron/main/files';
import { openTestCore } from '../support/core';
import { tempDatabasePath } from '../support/temp-files';

describe('choosing a file in the dialog', () => {
  it('gives the page a handle and the name, never the path, and the core reads through the handle', async () => {
    const core = await openTestCore();
    const backup = tempDatabasePath('backup.sqlite');
    (await openCore({ databasePath: backup, appVersion: 'test' })).close();
    const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [backup] })) };
    const answer = await chooseFileToOpen(dialog, core, () => undefined)({ kind: 'outpostDatabase' });

    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      properties: ['openFile'],
      filters: [{ name: 'Outpost database', extensions: ['sqlite'] }],
    });
    if (!answer.ok || !answer.data) throw new Error('nothing was chosen');
    expect(answer.data.name).toBe('backup.sqlite');
    expect(JSON.stringify(answer)).not.toContain(backup);

    const actor = { staffId: core.info.defaultStaffId };
    const started = await core.call('system.verifyFile', { file: answer.data.handle }, actor);
    if (!started.ok) throw new Error(started.error.code);
    const { jobId } = started.data as { jobId: string };
    const job = await new Promise((resolve) =>
      core.watchJob(jobId, (event) => event.kind === 'ended' && resolve(event.job)),
    );
    expect(job).toMatchObject({ state: 'done', result: { ok: true } });
  });

  it('answers null when the dialog is closed without a file', async () => {
    const core = await openTestCore();
    const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) };
    expect(await chooseFileToOpen(dialog, core, () => undefined)({ kind: 'outpostDatabase' })).toEqual({
      ok: true,
      data: null,
    });
  });
});
