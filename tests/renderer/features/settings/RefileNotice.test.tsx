import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RefilePreview } from '@contract/settings';
import { installFakeBridge, ok, refused } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

/** Three entries logged while the program was in UTC, two of them an evening in Los Angeles. */
const misfiled: RefilePreview = {
  timeZone: 'America/Los_Angeles',
  previousTimeZone: 'UTC',
  entries: 3,
  encounters: 2,
  tallies: 1,
  firstDate: '2026-11-30',
  lastDate: '2026-12-01',
  examples: [
    {
      id: '0190f5a0-0000-7000-8000-000000000901',
      kind: 'encounter',
      occurredAt: '2026-12-01T02:30:00.000Z',
      filedOn: '2026-12-01',
      refiledOn: '2026-11-30',
    },
  ],
  closedMonths: [],
};
const nothingMisfiled: RefilePreview = {
  ...misfiled,
  previousTimeZone: null,
  entries: 0,
  encounters: 0,
  tallies: 0,
  firstDate: null,
  lastDate: null,
  examples: [],
};

async function openProgramTab() {
  const user = userEvent.setup();
  renderApp();
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  await user.click(within(nav).getByRole('button', { name: 'Settings' }));
  await user.click(await screen.findByRole('tab', { name: 'Program' }));
  await screen.findByLabelText('Syringes per pound');
  return user;
}

describe('re-filing entries from the Program tab', () => {
  it('says how many entries are on the days of the earlier zone, and re-files them once confirmed', async () => {
    const bridge = installFakeBridge({ session: { role: 'admin' } });
    bridge['settings.refilePreview'].mockResolvedValueOnce(ok(misfiled)).mockResolvedValue(ok(nothingMisfiled));
    bridge['settings.refile'].mockResolvedValue(
      ok({ ...nothingMisfiled, previousTimeZone: 'UTC', entries: 3, encounters: 2, tallies: 1 }),
    );
    const user = await openProgramTab();

    expect(
      await screen.findByText(
        "3 entries are filed on their days in UTC, the program's earlier time zone, on days from Nov 30, 2026 to Dec 1, 2026. " +
          'Re-filing puts each on its day in America/Los_Angeles, and the figures of those days move with them.',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Re-file 3 entries to America/Los_Angeles' }));
    // Nothing moves before it is confirmed.
    expect(bridge['settings.refile']).not.toHaveBeenCalled();
    expect(screen.getByText(/^Re-file 3 entries to America\/Los_Angeles\? Each gets a new revision/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Yes, re-file 3 entries' }));

    await waitFor(() => expect(bridge['settings.refile']).toHaveBeenCalledWith({ timeZone: 'America/Los_Angeles' }));
    expect(await screen.findByText('3 entries re-filed to America/Los_Angeles.')).toBeInTheDocument();
    // Asked again, nothing is misfiled: the offer is gone.
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Re-file/ })).not.toBeInTheDocument());
    expect(bridge['settings.refilePreview'].mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('shows a refusal and keeps the offer, and a cancel sends nothing', async () => {
    const bridge = installFakeBridge({ session: { role: 'admin' } });
    bridge['settings.refilePreview'].mockResolvedValue(ok({ ...misfiled, previousTimeZone: null, entries: 1 }));
    bridge['settings.refile'].mockResolvedValue(
      refused({ code: 'refile_time_zone_changed', message: 'The zone changed.', field: 'timeZone' }),
    );
    const user = await openProgramTab();

    await user.click(await screen.findByRole('button', { name: 'Re-file 1 entry to America/Los_Angeles' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(bridge['settings.refile']).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Re-file 1 entry to America/Los_Angeles' }));
    await user.click(screen.getByRole('button', { name: 'Yes, re-file 1 entry' }));
    expect(
      await screen.findByText("The program's time zone changed meanwhile; look at what would move again."),
    ).toBeInTheDocument();
    expect(screen.getByText(/^1 entry is filed on its day in another time zone/)).toBeInTheDocument();
  });

  it('says nothing when every entry is on its day', async () => {
    const admin = installFakeBridge({ session: { role: 'admin' } });
    await openProgramTab();
    await waitFor(() => expect(admin['settings.refilePreview']).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: /^Re-file/ })).not.toBeInTheDocument();
  });

  it('asks nothing for those who may not re-file', async () => {
    const coordinator = installFakeBridge({ session: { role: 'coordinator' } });
    coordinator['settings.refilePreview'].mockResolvedValue(ok(misfiled));
    await openProgramTab();
    expect(screen.queryByRole('button', { name: /^Re-file/ })).not.toBeInTheDocument();
    expect(coordinator['settings.refilePreview']).not.toHaveBeenCalled();
  });
});
