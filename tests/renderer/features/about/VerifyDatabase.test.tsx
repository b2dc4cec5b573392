/** "Check the database" on the About screen: verify as a job, its progress, Cancel, and what it found. */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  chosenHandle,
  healthyReport,
  installFakeBridge,
  ok,
  refused,
  verifyJob,
  verifyJobId,
} from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

async function openAbout() {
  const bridge = installFakeBridge({ session: { role: 'coordinator' } });
  const user = userEvent.setup();
  renderApp();
  await user.click(await screen.findByRole('button', { name: 'About' }));
  await screen.findByRole('heading', { level: 1, name: 'About Outpost' });
  return { bridge, user };
}

describe('checking the database', () => {
  it('starts verify as a job, shows its step and bar while it runs, then that every check passed', async () => {
    const { bridge, user } = await openAbout();
    bridge['jobs.get'].mockResolvedValueOnce(
      ok(
        verifyJob(verifyJobId, {
          state: 'running',
          progress: { done: 3, total: 10, phase: 'ledger' },
          result: undefined,
          endedAt: null,
        }),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Check the database' }));
    expect(await screen.findByText('Checking stock balances against the ledger')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '30');
    expect(screen.getByText('Step 3 of 10')).toBeInTheDocument();
    expect(await screen.findByText('Every check passed.', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(bridge['system.verify']).toHaveBeenCalledWith({});
    expect(bridge['jobs.get']).toHaveBeenCalledWith({ jobId: verifyJobId });
  });

  it('cancels with Cancel, and says nothing was changed', async () => {
    const { bridge, user } = await openAbout();
    const running = ok(
      verifyJob(verifyJobId, {
        state: 'running',
        progress: { done: 1, total: 10, phase: 'integrity' },
        result: undefined,
        endedAt: null,
      }),
    );
    bridge['jobs.get'].mockResolvedValue(running);
    await user.click(screen.getByRole('button', { name: 'Check the database' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(bridge['jobs.cancel']).toHaveBeenCalledWith({ jobId: verifyJobId });
    bridge['jobs.get'].mockResolvedValue(
      ok(
        verifyJob(verifyJobId, {
          state: 'cancelled',
          result: undefined,
          error: { code: 'job_cancelled', message: 'x' },
        }),
      ),
    );
    expect(await screen.findByText('Cancelled. Nothing was changed.', {}, { timeout: 3_000 })).toBeInTheDocument();
  });

  it('lists what a check found wrong', async () => {
    const { bridge, user } = await openAbout();
    bridge['jobs.get'].mockResolvedValueOnce(
      ok(verifyJob(verifyJobId, { result: { ...healthyReport, ok: false, ledger: { balances: 12, mismatches: 2 } } })),
    );
    await user.click(screen.getByRole('button', { name: 'Check the database' }));
    expect(await screen.findByText(/Some checks found problems/)).toBeInTheDocument();
    expect(screen.getByText('Stock balances that differ from the ledger: 2')).toBeInTheDocument();
  });

  it('checks a copy someone chose in the dialog, sending only its handle', async () => {
    const { bridge, user } = await openAbout();
    await user.click(screen.getByRole('button', { name: 'Check a copy of a database…' }));
    expect(bridge['files.chooseOpen']).toHaveBeenCalledWith({ kind: 'outpostDatabase' });
    await waitFor(() => expect(bridge['system.verifyFile']).toHaveBeenCalledWith({ file: chosenHandle }));
    expect(await screen.findByText('Every check passed.', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(screen.getByText('Database: backup.sqlite')).toBeInTheDocument();
  });

  it('does nothing when the dialog is closed without a file', async () => {
    const { bridge, user } = await openAbout();
    bridge['files.chooseOpen'].mockResolvedValueOnce(ok(null));
    await user.click(screen.getByRole('button', { name: 'Check a copy of a database…' }));
    await waitFor(() => expect(bridge['files.chooseOpen']).toHaveBeenCalled());
    expect(bridge['system.verifyFile']).not.toHaveBeenCalled();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says so when the role may not run it', async () => {
    const { bridge, user } = await openAbout();
    bridge['system.verify'].mockResolvedValueOnce(
      refused({ code: 'not_permitted', message: 'Your role does not allow this.' }),
    );
    await user.click(screen.getByRole('button', { name: 'Check the database' }));
    await waitFor(() => expect(screen.getByText('Your role does not allow this.')).toBeInTheDocument());
    expect(bridge['jobs.get']).not.toHaveBeenCalled();
  });
});
