/** "Save a copy…" on the About screen: where it goes, the copy as a job, and what came of it. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '@contract/vocabulary';
import { copyJob, copyJobId, installFakeBridge, ok, saveHandle } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

async function openAbout(role: StaffRole = 'admin') {
  const bridge = installFakeBridge({ session: { role } });
  const user = userEvent.setup();
  renderApp();
  await user.click(await screen.findByRole('button', { name: 'About' }));
  await screen.findByRole('heading', { level: 1, name: 'About Outpost' });
  return { bridge, user };
}

describe('saving a copy of the database', () => {
  it('asks where, offering a dated name, then runs the copy as a job and says it was saved and checked', async () => {
    const { bridge, user } = await openAbout();
    bridge['jobs.get'].mockResolvedValueOnce(
      ok(copyJob(copyJobId, { state: 'running', progress: { done: 0, total: 2, phase: 'copying' }, endedAt: null })),
    );
    await user.click(await screen.findByRole('button', { name: 'Save a copy…' }));
    expect(bridge['files.chooseSave']).toHaveBeenCalledWith({
      kind: 'outpostDatabase',
      suggestedName: expect.stringMatching(/^outpost-copy-\d{4}-\d{2}-\d{2}$/) as string,
    });
    expect(bridge['system.saveCopy']).toHaveBeenCalledWith({ file: saveHandle });
    expect(await screen.findByText('Copying the database')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Copy saved and checked: outpost-copy-2026-11-22.sqlite (2.6 MB)',
        {},
        { timeout: 3_000 },
      ),
    ).toBeInTheDocument();
  });

  it('does nothing when the dialog is closed without a place', async () => {
    const { bridge, user } = await openAbout();
    bridge['files.chooseSave'].mockResolvedValueOnce(ok(null));
    await user.click(await screen.findByRole('button', { name: 'Save a copy…' }));
    expect(bridge['files.chooseSave']).toHaveBeenCalled();
    expect(bridge['system.saveCopy']).not.toHaveBeenCalled();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says why when the place could not be written', async () => {
    const { bridge, user } = await openAbout();
    bridge['jobs.get'].mockResolvedValueOnce(
      ok(
        copyJob(copyJobId, {
          state: 'failed',
          result: undefined,
          error: { code: 'file_not_writable', message: 'x', field: 'file' },
        }),
      ),
    );
    await user.click(await screen.findByRole('button', { name: 'Save a copy…' }));
    expect(
      await screen.findByText('Outpost could not write that file. Choose another place, or make room on the disk.'),
    ).toBeInTheDocument();
  });

  it.each([
    ['admin', true, true],
    ['coordinator', true, false],
    ['outreach_worker', false, false],
    ['viewer', false, false],
  ] as const)('as %s: offers checking the database (%s) and saving a copy (%s)', async (role, verify, copy) => {
    await openAbout(role);
    // Once the screen knows who is acting.
    await screen.findByText(/Sam Rivera/);
    expect(screen.queryByRole('button', { name: 'Check the database' }) !== null).toBe(verify);
    expect(screen.queryByRole('button', { name: 'Save a copy…' }) !== null).toBe(copy);
  });
});
