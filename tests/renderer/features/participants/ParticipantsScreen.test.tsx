import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LikelyDuplicate, ParticipantMerge } from '@contract/participants';
import { installFakeBridge, items, ok, participant, refused, sites, type FakeData } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

const [syringe, naloxone] = [items[0]!, items[1]!];

const pair: LikelyDuplicate = {
  first: {
    participantId: '0190f5a0-0000-7000-8000-000000000511',
    code: 'MA0758',
    visits: 2,
    lastVisit: {
      entryId: '0190f5a0-0000-7000-8000-000000000421',
      occurredAt: '2026-11-20T18:00:00.000Z',
      siteId: sites[0]!.id,
      siteName: sites[0]!.name,
      lines: [{ itemId: naloxone.id, itemName: naloxone.name, quantity: 1 }],
    },
  },
  second: {
    participantId: '0190f5a0-0000-7000-8000-000000000512',
    code: 'MA0785',
    visits: 7,
    lastVisit: {
      entryId: '0190f5a0-0000-7000-8000-000000000422',
      occurredAt: '2026-11-12T17:00:00.000Z',
      siteId: sites[1]!.id,
      siteName: sites[1]!.name,
      lines: [{ itemId: syringe.id, itemName: syringe.name, quantity: 10 }],
    },
  },
  distance: 1,
  sharedSites: [{ siteId: sites[0]!.id, siteName: sites[0]!.name }],
};

const merge: ParticipantMerge = {
  mergeId: '0190f5a0-0000-7000-8000-000000000801',
  kind: 'merge',
  fromParticipantId: pair.first.participantId,
  fromCode: 'MA0758',
  intoParticipantId: pair.second.participantId,
  intoCode: 'MA0785',
  reason: 'Month digits swapped',
  undoesMergeId: null,
  undoneById: null,
  createdAt: '2026-11-22T18:00:00.000Z',
  createdBy: 'Alex Chen',
};

async function openScreen(data: FakeData = {}, merges: ParticipantMerge[] = []) {
  const bridge = installFakeBridge({ session: { role: 'coordinator' }, ...data });
  bridge['participants.duplicates'].mockImplementation(async () => ok([pair]));
  bridge['participants.merges'].mockImplementation(async () => ok(merges));
  bridge['participants.merge'].mockImplementation(async (input) =>
    ok({ ...merge, fromCode: input.fromCode, intoCode: input.intoCode, reason: input.reason.trim() }),
  );
  bridge['participants.unmerge'].mockImplementation(async (input) =>
    ok({ ...merge, mergeId: '0190f5a0-0000-7000-8000-000000000802', kind: 'unmerge', undoesMergeId: input.mergeId }),
  );
  const user = userEvent.setup();
  renderApp();
  const nav = within(screen.getByRole('navigation', { name: 'Main' }));
  await user.click(await nav.findByRole('button', { name: 'Participants' }));
  return { bridge, user };
}

const duplicates = () => screen.findByRole('table', { name: 'Likely duplicates' });

describe('Participants screen', () => {
  it('sits after Encounters for coordinators only, and lists likely duplicates', async () => {
    await openScreen();
    const nav = within(screen.getByRole('navigation', { name: 'Main' }))
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(nav.indexOf('Participants')).toBe(nav.indexOf('Encounters') + 1);
    expect(screen.getByRole('heading', { level: 1, name: 'Participants' })).toHaveFocus();
    const row = within(await duplicates()).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('MA0758 and MA0785');
    expect(row).toHaveTextContent('1 character apart');
    expect(row).toHaveTextContent(sites[0]!.name);
    expect(row).toHaveTextContent('2 and 7');
  });

  it('leaves Participants out of the menu for outreach workers', async () => {
    installFakeBridge();
    renderApp();
    // Once the session is known, the menu is the one for that role.
    expect(await screen.findByText('Signed in as Sam Rivera')).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'Main' }));
    expect(nav.getByRole('button', { name: 'Encounters' })).toBeInTheDocument();
    expect(nav.queryByRole('button', { name: 'Participants' })).toBeNull();
  });

  it('filters the list by site', async () => {
    const { bridge, user } = await openScreen();
    await duplicates();
    expect(bridge['participants.duplicates']).toHaveBeenLastCalledWith({});
    await user.selectOptions(screen.getByLabelText('Site'), sites[1]!.name);
    await waitFor(() => expect(bridge['participants.duplicates']).toHaveBeenLastCalledWith({ siteId: sites[1]!.id }));
  });

  it('compares the pair side by side and merges into the code with more visits, with a reason', async () => {
    const { bridge, user } = await openScreen();
    await user.click(within(await duplicates()).getByRole('button', { name: 'Compare MA0758 and MA0785' }));
    const panel = screen.getByRole('region', { name: 'MA0758 and MA0785' });
    expect(within(panel).getByRole('heading', { level: 2 })).toHaveFocus();
    const first = within(panel).getByRole('region', { name: 'MA0758' });
    expect(first).toHaveTextContent('2 visits');
    expect(first).toHaveTextContent(`At ${sites[0]!.name}`);
    expect(first).toHaveTextContent(`Supplies: 1 × ${naloxone.name}`);
    const second = within(panel).getByRole('region', { name: 'MA0785' });
    expect(second).toHaveTextContent('7 visits');
    expect(second).toHaveTextContent(`At ${sites[1]!.name}`);
    expect(second).toHaveTextContent(`Supplies: 10 × ${syringe.name}`);
    expect(within(panel).getByRole('radio', { name: 'MA0785, with 7 visits' })).toBeChecked();

    // No reason: refused at the field, and nothing is sent.
    await user.click(within(panel).getByRole('button', { name: 'Merge MA0758 into MA0785' }));
    const reason = within(panel).getByRole('textbox', { name: /Why are these codes the same person/ });
    expect(reason).toHaveFocus();
    expect(reason).toHaveAccessibleDescription(/Give a reason\./);
    expect(bridge['participants.merge']).not.toHaveBeenCalled();

    await user.type(reason, 'Month digits swapped');
    await user.click(within(panel).getByRole('button', { name: 'Merge MA0758 into MA0785' }));
    expect(bridge['participants.merge']).toHaveBeenCalledWith({
      fromCode: 'MA0758',
      intoCode: 'MA0785',
      reason: 'Month digits swapped',
    });
    const status = await screen.findByText('MA0758 is merged into MA0785: their visits now count as one person.');
    expect(status.closest('[role="status"]')).toHaveFocus();
    expect(screen.queryByRole('region', { name: 'MA0758 and MA0785' })).toBeNull();
  });

  it('lets the other code stay, and shows a refusal from the core in words', async () => {
    const { bridge, user } = await openScreen();
    bridge['participants.merge'].mockImplementation(async () =>
      refused({
        code: 'participant_already_merged',
        message: 'This code is already merged into another one.',
        field: 'fromCode',
      }),
    );
    await user.click(within(await duplicates()).getByRole('button', { name: 'Compare MA0758 and MA0785' }));
    const panel = screen.getByRole('region', { name: 'MA0758 and MA0785' });
    await user.click(within(panel).getByRole('radio', { name: 'MA0758, with 2 visits' }));
    await user.type(within(panel).getByRole('textbox', { name: /same person/ }), 'Same person');
    await user.click(within(panel).getByRole('button', { name: 'Merge MA0785 into MA0758' }));
    expect(bridge['participants.merge']).toHaveBeenCalledWith({
      fromCode: 'MA0785',
      intoCode: 'MA0758',
      reason: 'Same person',
    });
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      'This code is already merged into another one. Merge that one instead, or unmerge it first.',
    );
  });

  it('merges two codes typed by hand once both are found', async () => {
    const known = participant('LI0712', pair.first.lastVisit, 21);
    const other = participant('LI0721', null, 22);
    const { user } = await openScreen({ participants: [known, other] });
    const byHand = screen.getByRole('region', { name: 'Merge two codes' });
    await user.type(within(byHand).getByLabelText('First code'), 'li0712');
    await user.type(within(byHand).getByLabelText('Second code'), 'ZZ9999');
    await user.click(within(byHand).getByRole('button', { name: 'Compare' }));
    const second = within(byHand).getByLabelText('Second code');
    await waitFor(() => expect(second).toHaveAccessibleDescription(/That participant code does not exist\./));
    expect(second).toHaveFocus();

    await user.clear(second);
    await user.type(second, 'LI0712');
    await user.click(within(byHand).getByRole('button', { name: 'Compare' }));
    expect(second).toHaveAccessibleDescription(/A code cannot be merged into itself\./);

    await user.clear(second);
    await user.type(second, 'li0721');
    await user.click(within(byHand).getByRole('button', { name: 'Compare' }));
    const panel = await screen.findByRole('region', { name: 'LI0712 and LI0721' });
    expect(within(panel).getByRole('region', { name: 'LI0721' })).toHaveTextContent('No visits yet.');
    expect(within(panel).getByRole('radio', { name: 'LI0712, with 1 visit' })).toBeChecked();
  });

  it('lists merges and unmerges one with a reason', async () => {
    const { bridge, user } = await openScreen({}, [merge]);
    const merges = await screen.findByRole('table', { name: 'Merges' });
    expect(within(merges).getAllByRole('row')[1]).toHaveTextContent('MA0758 merged into MA0785');
    await user.click(within(merges).getByRole('button', { name: 'Unmerge MA0758 from MA0785' }));
    const reason = screen.getByRole('textbox', { name: /Why are these codes two people/ });
    expect(reason).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Confirm unmerge' }));
    expect(reason).toHaveAccessibleDescription(/Give a reason\./);
    expect(bridge['participants.unmerge']).not.toHaveBeenCalled();

    await user.type(reason, 'Two people after all');
    await user.click(screen.getByRole('button', { name: 'Confirm unmerge' }));
    expect(bridge['participants.unmerge']).toHaveBeenCalledWith({
      mergeId: merge.mergeId,
      reason: 'Two people after all',
    });
    expect(await screen.findByText('MA0758 and MA0785 are separate again.')).toBeInTheDocument();
  });
});
