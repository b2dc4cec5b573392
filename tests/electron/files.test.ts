/**
 * Files chosen in the (mocked) OS dialog reach the core as handles: one to open is checked through
 * its handle, a place to save and a folder are written through theirs, and the page never sees a
 * path.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../db/contract/envelope';
import type { Job } from '../../db/contract/jobs';
import { openCore, type Core } from '../../db/runtime/core';
import { fileDialogs } from '../../electron/main/files';
import { openTestCore } from '../support/core';
import { tempDatabasePath, tempDir } from '../support/temp-files';

const canceled = { canceled: true, filePaths: [] as string[], filePath: '' };

function dialogsWith(answers: { open?: string[]; save?: string }) {
  const dialog = {
    showOpenDialog: vi.fn(async () => (answers.open ? { canceled: false, filePaths: answers.open } : canceled)),
    showSaveDialog: vi.fn(async () => (answers.save ? { canceled: false, filePath: answers.save } : canceled)),
  };
  return dialog;
}

async function finished(core: Core, started: Envelope<unknown>): Promise<Job> {
  if (!started.ok) throw new Error(started.error.code);
  const { jobId } = started.data as { jobId: string };
  return new Promise((resolve) => core.watchJob(jobId, (event) => event.kind === 'ended' && resolve(event.job)));
}

describe('choosing files in the OS dialog', () => {
  it('opens: the page gets a handle and the name, never the path, and the core reads through it', async () => {
    const core = await openTestCore();
    const backup = tempDatabasePath('backup.sqlite');
    (await openCore({ databasePath: backup, appVersion: 'test' })).close();
    const dialog = dialogsWith({ open: [backup] });
    const answer = await fileDialogs(dialog, core, () => undefined)['files.chooseOpen']({ kind: 'outpostDatabase' });

    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      properties: ['openFile'],
      filters: [{ name: 'Outpost database', extensions: ['sqlite'] }],
    });
    if (!answer.ok || !answer.data) throw new Error('nothing was chosen');
    expect(answer.data.name).toBe('backup.sqlite');
    expect(JSON.stringify(answer)).not.toContain(backup);

    const actor = { staffId: core.info.defaultStaffId };
    const job = await finished(core, await core.call('system.verifyFile', { file: answer.data.handle }, actor));
    expect(job).toMatchObject({ state: 'done', result: { ok: true } });
  });

  it('saves: the dialog starts from the name offered, and the core writes the copy where it was chosen', async () => {
    const core = await openTestCore();
    const folder = tempDir();
    // Typed without its extension, as some desktops hand it back.
    const dialog = dialogsWith({ save: join(folder, 'march') });
    const answer = await fileDialogs(dialog, core, () => undefined)['files.chooseSave']({
      kind: 'outpostDatabase',
      suggestedName: 'outpost-copy.sqlite',
    });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: 'outpost-copy.sqlite',
      filters: [{ name: 'Outpost database', extensions: ['sqlite'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (!answer.ok || !answer.data) throw new Error('nothing was chosen');
    expect(answer.data.name).toBe('march.sqlite');
    expect(JSON.stringify(answer)).not.toContain(folder);

    const actor = { staffId: core.info.defaultStaffId };
    const job = await finished(core, await core.call('system.saveCopy', { file: answer.data.handle }, actor));
    expect(job).toMatchObject({ state: 'done', result: { name: 'march.sqlite' } });
    expect(readdirSync(folder)).toEqual(['march.sqlite']);
  });

  it('chooses a folder the core then writes a copy into, under a name of its own', async () => {
    const core = await openTestCore();
    const stick = tempDir();
    const dialog = dialogsWith({ open: [stick] });
    const answer = await fileDialogs(dialog, core, () => undefined)['files.chooseFolder']();
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({ properties: ['openDirectory', 'createDirectory'] });
    if (!answer.ok || !answer.data) throw new Error('nothing was chosen');

    const actor = { staffId: core.info.defaultStaffId };
    const job = await finished(core, await core.call('system.saveCopy', { file: answer.data.handle }, actor));
    const { name } = job.result as { name: string };
    expect(name).toMatch(/^outpost-copy-\d{4}-\d{2}-\d{2}\.sqlite$/);
    expect(existsSync(join(stick, name))).toBe(true);
  });

  it('answers null when a dialog is closed without a choice', async () => {
    const core = await openTestCore();
    const dialogs = fileDialogs(dialogsWith({}), core, () => undefined);
    const nothing = { ok: true, data: null };
    expect(await dialogs['files.chooseOpen']({ kind: 'outpostDatabase' })).toEqual(nothing);
    expect(await dialogs['files.chooseSave']({ kind: 'outpostDatabase', suggestedName: 'copy.sqlite' })).toEqual(
      nothing,
    );
    expect(await dialogs['files.chooseFolder']()).toEqual(nothing);
  });
});
