import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  encounter,
  installFakeBridge,
  items,
  refused,
  session,
  sites,
  staff,
  supplyLine,
  tally,
  ok,
  participant,
  type FakeData,
} from '../../support/fakeBridge';
import type { EntryCursor, EntryHistoryEvent, ListEntriesInput } from '@contract/field-entries';
import { fetchFieldEntryPage } from '../../../../renderer/src/features/encounters/hooks';
import { renderApp } from '../../support/render';

const syringe = items[0]!;
const naloxone = items[1]!;

const older = encounter({
  id: '0190f5a0-0000-7000-8000-000000000411',
  occurredAt: '2026-11-20T17:00:00.000Z',
  participantCode: null,
  lines: [supplyLine(naloxone, 1)],
});
const newer = encounter({ id: '0190f5a0-0000-7000-8000-000000000412', revision: 2 });
const voided = encounter({
  id: '0190f5a0-0000-7000-8000-000000000413',
  participantCode: 'VO1D',
  status: 'voided',
  voidKind: 'void',
  voidReason: 'Logged twice',
});
const undone = encounter({
  id: '0190f5a0-0000-7000-8000-000000000414',
  participantCode: 'UND0',
  status: 'voided',
  voidKind: 'undo',
  voidReason: 'undone',
});
const streetTally = tally({ occurredAt: '2026-11-21T20:00:00.000Z' });

const pad = (value: number) => String(value).padStart(2, '0');
const localDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

async function openScreen(data: FakeData = { encounters: [older, newer, voided], tallies: [streetTally] }) {
  const bridge = installFakeBridge(data);
  const user = userEvent.setup();
  renderApp();
  await user.click(
    within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Encounters' }),
  );
  return { bridge, user };
}

const table = () => screen.findByRole('table', { name: 'Encounters' });
const filters = () => within(screen.getByRole('search', { name: 'Filter encounters and tallies' }));
const lastInput = (mock: { mock: { calls: unknown[][] } }) => mock.mock.calls.at(-1)![0];

describe('Encounters screen', () => {
  it('sits between Log encounter and About, focuses its heading and lists the last 7 days by default', async () => {
    const { bridge } = await openScreen();
    const nav = within(screen.getByRole('navigation', { name: 'Main' })).getAllByRole('button');
    expect(nav.map((button) => button.textContent)).toEqual([
      'Log encounter',
      'Collections',
      'Encounters',
      'Stock',
      'Settings',
      'About',
    ]);
    expect(screen.getByRole('heading', { level: 1, name: 'Encounters' })).toHaveFocus();
    await table();

    const today = new Date();
    const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
    const expected = { from: localDate(weekAgo), to: localDate(today), includeVoided: false, limit: 100 };
    expect(lastInput(bridge['encounters.list'])).toEqual(expected);
    expect(lastInput(bridge['tallies.list'])).toEqual(expected);
    expect(filters().getByLabelText('From')).toHaveValue(localDate(weekAgo));
    expect(filters().getByLabelText('To')).toHaveValue(localDate(today));
  });

  it('merges encounters and tallies newest first, with kind, who, supplies, logged by and status', async () => {
    await openScreen();
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Encounter');
    expect(rows[0]).toHaveTextContent('MA0785');
    expect(rows[0]).toHaveTextContent('10 × Syringe 1 mL 28G 1/2in');
    expect(rows[0]).toHaveTextContent(session.displayName);
    expect(rows[0]).toHaveTextContent('Active');
    expect(rows[1]).toHaveTextContent('Tally');
    expect(rows[1]).toHaveTextContent('14 contacts');
    expect(rows[1]).toHaveTextContent('Van 1');
    expect(rows[2]).toHaveTextContent('Anonymous walk-in');
    expect(rows[2]).toHaveTextContent('1 × Naloxone nasal 4 mg (box of 2)');
    expect(screen.queryByText('VO1D')).not.toBeInTheDocument();
  });

  it('formats contacts for the language and shows a reversal note as its own sentence', async () => {
    const withNote = encounter({
      id: '0190f5a0-0000-7000-8000-000000000414',
      reversals: [{ outcome: 'survived', dosesUsed: 2, note: 'Breathing again before help came' }],
    });
    const { user } = await openScreen({ encounters: [withNote], tallies: [tally({ contacts: 1234 })] });
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    expect(rows.some((row) => row.textContent?.includes('1,234 contacts'))).toBe(true);
    const row = rows.find((candidate) => candidate.textContent?.includes('MA0785'))!;
    await user.click(within(row).getByRole('button', { name: /^Open / }));
    expect(await screen.findByRole('dialog', { name: 'Encounter details' })).toHaveTextContent(
      'Person survived, doses used: 2. Note: Breathing again before help came',
    );
  });

  it('sends every filter to both lists', async () => {
    const { bridge, user } = await openScreen({
      encounters: [older, newer, voided],
      tallies: [streetTally],
      participants: [participant('MA0785')],
    });
    await table();

    await user.selectOptions(filters().getByRole('combobox', { name: 'Site' }), 'Van 1');
    await user.selectOptions(filters().getByRole('combobox', { name: 'Logged by' }), 'Alex Chen');
    await user.selectOptions(filters().getByRole('combobox', { name: 'Item' }), syringe.name);
    const from = filters().getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-11-01');
    const to = filters().getByLabelText('To');
    await user.clear(to);
    await user.type(to, '2026-11-30');
    // A code typed in full is one the search knows exactly: the list is narrowed to it.
    await user.type(filters().getByRole('combobox', { name: 'Participant code' }), 'ma0785');
    await user.click(filters().getByRole('checkbox', { name: 'Show voided entries' }));

    const expected = {
      from: '2026-11-01',
      to: '2026-11-30',
      siteId: sites[1]!.id,
      staffId: staff[1]!.id,
      itemId: syringe.id,
      participantCode: 'MA0785',
      includeVoided: true,
      limit: 100,
    };
    await waitFor(() => expect(lastInput(bridge['encounters.list'])).toEqual(expected));
    expect(lastInput(bridge['tallies.list'])).toEqual(expected);
  });

  it('shows a malformed participant code at its field without asking the core', async () => {
    const { bridge, user } = await openScreen();
    await table();
    const calls = bridge['encounters.list'].mock.calls.length;
    const code = filters().getByRole('combobox', { name: 'Participant code' });
    await user.type(code, 'MA 07');
    await waitFor(() => expect(code).toHaveAccessibleDescription(/A participant code uses 1 to 32 letters/));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(bridge['encounters.list'].mock.calls.length).toBe(calls);
  });

  it('shows voided entries, with their reason, only with "Show voided entries"', async () => {
    const { user } = await openScreen();
    await table();
    expect(screen.queryByText('VO1D')).not.toBeInTheDocument();

    await user.click(filters().getByRole('checkbox', { name: 'Show voided entries' }));
    const row = await within(await table()).findByRole('row', { name: /VO1D/ });
    expect(row).toHaveTextContent('Voided');
    expect(row).toHaveTextContent('Logged twice');

    await user.click(filters().getByRole('checkbox', { name: 'Show voided entries' }));
    await waitFor(() => expect(screen.queryByText('VO1D')).not.toBeInTheDocument());
  });

  it('says an undone entry was undone right after saving, not voided for a reason', async () => {
    const { user } = await openScreen({ encounters: [older, undone], tallies: [] });
    await table();
    await user.click(filters().getByRole('checkbox', { name: 'Show voided entries' }));
    const row = await within(await table()).findByRole('row', { name: /UND0/ });
    expect(row).toHaveTextContent('Undone right after saving');
    expect(row).not.toHaveTextContent('undone');
  });

  it('says so when nothing matches', async () => {
    await openScreen({ encounters: [], tallies: [] });
    expect(await screen.findByText('No encounters or tallies match these filters.')).toBeInTheDocument();
  });

  it('opens the detail in a dialog with every field, and gives focus back to the Open button on close', async () => {
    const { user } = await openScreen();
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    const open = within(rows[0]!).getByRole('button', { name: /^Open encounter from / });
    await user.click(open);

    const dialog = await screen.findByRole('dialog', { name: 'Encounter details' });
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    const value = (label: string) => within(dialog).getByRole('rowheader', { name: label }).nextElementSibling;
    expect(value('Participant')).toHaveTextContent('MA0785');
    expect(value('Supplies')).toHaveTextContent('10 × Syringe 1 mL 28G 1/2in');
    expect(value('Revision')).toHaveTextContent('2');
    expect(value('Logged by')).toHaveTextContent(session.displayName);
    expect(value('Reason for the last change')).toHaveTextContent('None');
    expect(value('Type of contact')).toHaveTextContent('In person');

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(open).toHaveFocus());
  });

  it('asks for a reason before voiding, then voids and shows the entry as voided', async () => {
    const { bridge, user } = await openScreen();
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    await user.click(within(rows[1]!).getByRole('button', { name: /^Open tally from / }));
    const dialog = await screen.findByRole('dialog', { name: 'Tally details' });
    expect(within(dialog).queryByRole('button', { name: 'Correct this encounter' })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Correct this tally' })).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Void' }));
    const reason = within(dialog).getByRole('textbox', { name: 'Reason for voiding' });
    expect(reason).toHaveFocus();
    await user.type(reason, '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Void entry' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription('Give a reason.'));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(bridge['tallies.void']).not.toHaveBeenCalled();

    await user.type(reason, 'Counted on the wrong shift');
    await user.click(within(dialog).getByRole('button', { name: 'Void entry' }));
    await waitFor(() => expect(bridge['tallies.void']).toHaveBeenCalledTimes(1));
    expect(bridge['tallies.void'].mock.calls[0]![0]).toEqual({
      id: streetTally.id,
      reason: '   Counted on the wrong shift',
    });
    expect(bridge['encounters.void']).not.toHaveBeenCalled();
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Entry voided.');
    const value = (label: string) => within(dialog).getByRole('rowheader', { name: label }).nextElementSibling;
    expect(value('Status')).toHaveTextContent('Voided');
    expect(value('Reason for voiding')).toHaveTextContent('Counted on the wrong shift');
    // The list is asked again.
    await waitFor(() => expect(bridge['tallies.list'].mock.calls.length).toBeGreaterThan(1));
  });

  it('shows the core refusing a void at the reason field', async () => {
    const { bridge, user } = await openScreen();
    bridge['encounters.void'].mockResolvedValue(
      refused({ code: 'reason_too_long', message: 'The reason must be at most 500 characters.', field: 'reason' }),
    );
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    await user.click(within(rows[0]!).getByRole('button', { name: /^Open encounter/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Encounter details' });
    await user.click(within(dialog).getByRole('button', { name: 'Void' }));
    const reason = within(dialog).getByRole('textbox', { name: 'Reason for voiding' });
    await user.type(reason, 'Duplicate');
    await user.click(within(dialog).getByRole('button', { name: 'Void entry' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription('The reason must be at most 500 characters.'));
  });

  it('corrects an encounter with the log form, sending the full entry, expectedRevision and the reason', async () => {
    const withExtras = encounter({
      ...newer,
      onBehalfOf: 2,
      note: 'Asked about wound care',
      collected: { counted: 12, containers: 0, pounds: 0, estimated: 0, total: 12 },
    });
    const { bridge, user } = await openScreen({ encounters: [withExtras], tallies: [] });
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    await user.click(within(rows[0]!).getByRole('button', { name: /^Open encounter/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Encounter details' });
    await user.click(within(dialog).getByRole('button', { name: 'Correct this encounter' }));

    const site = await within(dialog).findByRole('combobox', { name: 'Site' });
    await waitFor(() => expect(site).toHaveFocus());
    expect(site).toHaveValue(sites[0]!.id);
    expect(within(dialog).getByRole('combobox', { name: 'Participant code' })).toHaveValue('MA0785');
    const quantity = within(dialog).getByRole('spinbutton', { name: syringe.name });
    expect(quantity).toHaveValue(10);
    expect(within(dialog).getByRole('spinbutton', { name: naloxone.name })).toHaveValue(null);
    expect(within(dialog).getByLabelText('Counted')).toHaveValue(12);
    expect(within(dialog).getByLabelText('Also for others')).toHaveValue(2);
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveValue('Asked about wound care');
    // A correction is of this entry only: no switching to a tally, no undo.
    expect(within(dialog).queryByRole('radio', { name: 'Street tally' })).not.toBeInTheDocument();
    const shown = (within(dialog).getByLabelText('Date and time') as HTMLInputElement).value;
    expect(new Date(shown).getTime()).toBe(new Date(withExtras.occurredAt).getTime());

    // The reason is required.
    await user.clear(quantity);
    await user.type(quantity, '20');
    await user.click(within(dialog).getByRole('button', { name: /^Save correction/ }));
    const reason = within(dialog).getByRole('textbox', { name: /Reason for the correction/ });
    await waitFor(() => expect(reason).toHaveAttribute('aria-invalid', 'true'));
    expect(reason).toHaveAccessibleDescription(/Give a reason\./);
    expect(bridge['encounters.correct']).not.toHaveBeenCalled();

    await user.type(reason, 'Typed 10 instead of 20');
    await user.click(within(dialog).getByRole('button', { name: /^Save correction/ }));
    await waitFor(() => expect(bridge['encounters.correct']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.correct'].mock.calls[0]![0]).toEqual({
      id: withExtras.id,
      expectedRevision: 2,
      reason: 'Typed 10 instead of 20',
      siteId: sites[0]!.id,
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/),
      participantCode: 'MA0785',
      lines: [{ itemId: syringe.id, quantity: 20 }],
      contactType: 'in_person',
      onBehalfOf: 2,
      collected: { counted: 12 },
      services: [],
      reversals: [],
      unmetRequests: [],
      note: 'Asked about wound care',
    });
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
    expect(bridge['tallies.correct']).not.toHaveBeenCalled();

    expect(await within(dialog).findByRole('status')).toHaveTextContent('Correction saved.');
    const value = (label: string) => within(dialog).getByRole('rowheader', { name: label }).nextElementSibling;
    expect(value('Supplies')).toHaveTextContent('20 × Syringe 1 mL 28G 1/2in');
    expect(value('Revision')).toHaveTextContent('3');
    expect(value('Reason for the last change')).toHaveTextContent('Typed 10 instead of 20');
  });

  it('shows server errors at the fields and a clear message when the entry changed meanwhile', async () => {
    const { bridge, user } = await openScreen();
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    await user.click(within(rows[0]!).getByRole('button', { name: /^Open encounter/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Encounter details' });
    await user.click(within(dialog).getByRole('button', { name: 'Correct this encounter' }));
    await user.type(await within(dialog).findByRole('textbox', { name: /Reason for the correction/ }), 'Wrong site');

    bridge['encounters.correct'].mockResolvedValueOnce(
      refused({ code: 'site_inactive', message: 'That site is no longer active.', field: 'siteId' }),
    );
    await user.click(within(dialog).getByRole('button', { name: /^Save correction/ }));
    const site = within(dialog).getByRole('combobox', { name: 'Site' });
    await waitFor(() =>
      expect(site).toHaveAccessibleDescription('This site is no longer active. Choose another site.'),
    );
    expect(site).toHaveFocus();

    bridge['encounters.correct'].mockResolvedValueOnce(
      refused({
        code: 'entry_changed_meanwhile',
        message: 'Someone changed this record meanwhile; reload it and try again.',
        field: 'expectedRevision',
      }),
    );
    await user.click(within(dialog).getByRole('button', { name: /^Save correction/ }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Someone changed this record meanwhile; reload it and try again.',
    );
  });

  it('corrects a tally with the same form, keeping its lot, sending tallies.correct with expectedRevision and reason', async () => {
    const lotId = '0190f5a0-0000-7000-8000-000000000801';
    const shift = tally({
      revision: 3,
      contacts: 14,
      note: 'Rainy night',
      lines: [{ ...supplyLine(naloxone, 2), lotId, lotNumber: 'NX-1' }, supplyLine(items[2]!, 30)],
    });
    const { bridge, user } = await openScreen({ encounters: [], tallies: [shift] });
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    await user.click(within(rows[0]!).getByRole('button', { name: /^Open tally/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Tally details' });
    await user.click(within(dialog).getByRole('button', { name: 'Correct this tally' }));

    const site = await within(dialog).findByRole('combobox', { name: 'Site' });
    await waitFor(() => expect(site).toHaveFocus());
    expect(site).toHaveValue(sites[1]!.id);
    const contacts = within(dialog).getByRole('spinbutton', { name: 'Contacts' });
    expect(contacts).toHaveValue(14);
    expect(within(dialog).queryByRole('combobox', { name: 'Participant code' })).not.toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Also for others')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('spinbutton', { name: naloxone.name })).toHaveValue(2);
    expect(within(dialog).getByRole('spinbutton', { name: items[2]!.name })).toHaveValue(30);
    const shown = (within(dialog).getByLabelText('Date and time') as HTMLInputElement).value;
    expect(new Date(shown).getTime()).toBe(new Date(shift.occurredAt).getTime());

    await user.clear(contacts);
    await user.type(contacts, '15');
    await user.type(within(dialog).getByRole('spinbutton', { name: syringe.name }), '5');
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the correction/ }), 'Missed a contact');
    await user.click(within(dialog).getByRole('button', { name: /^Save correction/ }));

    await waitFor(() => expect(bridge['tallies.correct']).toHaveBeenCalledTimes(1));
    expect(bridge['tallies.correct'].mock.calls[0]![0]).toEqual({
      id: shift.id,
      expectedRevision: 3,
      reason: 'Missed a contact',
      siteId: sites[1]!.id,
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/),
      contacts: 15,
      lines: [
        { itemId: syringe.id, quantity: 5 },
        { itemId: naloxone.id, quantity: 2, lotId },
        { itemId: items[2]!.id, quantity: 30 },
      ],
      services: [],
      reversals: [],
      unmetRequests: [],
      note: 'Rainy night',
    });
    const sent = bridge['tallies.correct'].mock.calls[0]![0];
    expect(new Date(sent.occurredAt).getTime()).toBe(new Date(shift.occurredAt).getTime());
    expect(bridge['encounters.correct']).not.toHaveBeenCalled();
    expect(bridge['tallies.log']).not.toHaveBeenCalled();

    expect(await within(dialog).findByRole('status')).toHaveTextContent('Correction saved.');
    const value = (label: string) => within(dialog).getByRole('rowheader', { name: label }).nextElementSibling;
    expect(value('Contacts')).toHaveTextContent('15');
    expect(value('Revision')).toHaveTextContent('4');
    expect(value('Reason for the last change')).toHaveTextContent('Missed a contact');
  });

  describe('the participant code filter', () => {
    const people = [participant('MA0785', null, 1), participant('MA0786', null, 2), participant('MB0785', null, 3)];
    const codesAsked = (mock: { mock: { calls: [ListEntriesInput][] } }) =>
      mock.mock.calls.map(([input]) => input.participantCode).filter((code) => code !== undefined);

    it('offers prefix and close matches as the log screen does, and lists the participant picked', async () => {
      const { bridge, user } = await openScreen({ encounters: [older, newer], tallies: [], participants: people });
      await table();
      // The core's search: a prefix match, then a code one typo away.
      bridge['participants.search'].mockImplementation(async (input) => {
        const found = people.filter((person) => ['MA0785', 'MB0785'].includes(person.code));
        return ok(
          found.map((person) => ({
            participantId: person.participantId,
            code: person.code,
            canonicalCode: person.canonicalCode,
            match: person.code.startsWith(input.query) ? ('prefix' as const) : ('near' as const),
            distance: person.code.startsWith(input.query) ? 2 : 1,
            lastVisit: null,
          })),
        );
      });
      const code = filters().getByRole('combobox', { name: 'Participant code' });
      await user.type(code, 'ma07');
      const matches = await screen.findByRole('listbox', { name: 'Matching codes' });
      await waitFor(() => expect(within(matches).getAllByRole('option')).toHaveLength(2));
      expect(bridge['participants.search']).toHaveBeenLastCalledWith({ query: 'MA07', limit: 6 });
      const options = within(matches).getAllByRole('option');
      expect(options[0]).toHaveTextContent('MA0785');
      expect(options[0]).not.toHaveTextContent('Close match');
      expect(options[1]).toHaveTextContent('MB0785');
      expect(options[1]).toHaveTextContent('Close match');
      // Until a code is picked the list waits, and says why, instead of listing no one.
      expect(
        await screen.findByText("Choose one of the matching codes to see that participant's entries."),
      ).toBeVisible();
      expect(codesAsked(bridge['encounters.list'])).toEqual([]);

      await user.keyboard('{ArrowDown}{Enter}');
      expect(code).toHaveValue('MB0785');
      await waitFor(() => expect(lastInput(bridge['encounters.list'])).toMatchObject({ participantCode: 'MB0785' }));
      expect(lastInput(bridge['tallies.list'])).toMatchObject({ participantCode: 'MB0785' });
      expect(codesAsked(bridge['encounters.list'])).toEqual(['MB0785']);
      expect(await table()).toBeInTheDocument();
    });

    it('says at the field that a code matches no one, and lists nothing for it', async () => {
      const { bridge, user } = await openScreen({ encounters: [older, newer], tallies: [], participants: people });
      await table();
      const code = filters().getByRole('combobox', { name: 'Participant code' });
      await user.type(code, 'zz99');
      await waitFor(() =>
        expect(code).toHaveAccessibleDescription(
          'No participant has the code ZZ99, and none is close to it. Check the code.',
        ),
      );
      expect(code).toHaveAttribute('aria-invalid', 'true');
      expect(screen.queryByRole('table', { name: 'Encounters' })).not.toBeInTheDocument();
      expect(screen.queryByText('No encounters or tallies match these filters.')).not.toBeInTheDocument();
      expect(codesAsked(bridge['encounters.list'])).toEqual([]);
    });
  });

  it('marks a range that ends before it starts at To, and does not ask the core', async () => {
    const { bridge, user } = await openScreen();
    await table();
    const from = filters().getByLabelText('From');
    const to = filters().getByLabelText('To');
    await user.clear(to);
    await user.type(to, '2026-11-01');
    await user.clear(from);
    await user.type(from, '2026-11-30');
    await waitFor(() =>
      expect(to).toHaveAccessibleDescription(
        'The range ends before it starts: choose a date on or after the From date.',
      ),
    );
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('table', { name: 'Encounters' })).not.toBeInTheDocument();
    const backwards = (mock: { mock: { calls: [ListEntriesInput][] } }) =>
      mock.mock.calls.filter(([input]) => input.from !== undefined && input.to !== undefined && input.from > input.to);
    expect(backwards(bridge['encounters.list'])).toEqual([]);
    expect(backwards(bridge['tallies.list'])).toEqual([]);

    await user.clear(to);
    await user.type(to, '2026-12-01');
    await waitFor(() =>
      expect(lastInput(bridge['encounters.list'])).toMatchObject({ from: '2026-11-30', to: '2026-12-01' }),
    );
    expect(to).not.toHaveAttribute('aria-invalid', 'true');
  });

  it("lists an entry's history in its details: who, when, why and what changed", async () => {
    const history: EntryHistoryEvent[] = [
      {
        event: 'logged',
        revision: 1,
        at: '2026-11-30T21:45:00.000Z',
        by: 'Sam Okafor',
        reason: null,
        changes: [],
        lineChanges: [],
      },
      {
        event: 'corrected',
        revision: 2,
        at: '2026-11-30T22:02:00.000Z',
        by: 'Alex Rivera',
        reason: 'wrong quantity',
        changes: [{ field: 'participant', before: null, after: 'MA0785' }],
        lineChanges: [
          {
            itemId: syringe.id,
            itemName: syringe.name,
            before: { quantity: 10, lotNumber: null },
            after: { quantity: 20, lotNumber: null },
          },
          { itemId: naloxone.id, itemName: naloxone.name, before: null, after: { quantity: 1, lotNumber: 'NX-1' } },
        ],
      },
      {
        event: 'voided',
        revision: null,
        at: '2026-12-01T09:00:00.000Z',
        by: 'Alex Rivera',
        reason: 'Logged twice',
        changes: [],
        lineChanges: [],
      },
    ];
    const { bridge, user } = await openScreen({ encounters: [newer], tallies: [], histories: { [newer.id]: history } });
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    await user.click(within(rows[0]!).getByRole('button', { name: /^Open encounter/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Encounter details' });
    const section = await within(dialog).findByRole('region', { name: 'History' });
    const steps = await within(section).findAllByRole('listitem');
    expect(bridge['encounters.history']).toHaveBeenCalledWith({ id: newer.id });
    const top = steps.filter((step) => step.parentElement?.tagName === 'OL');
    expect(top).toHaveLength(3);
    expect(top[0]).toHaveTextContent(/^.+ · Sam Okafor · logged$/);
    expect(top[1]).toHaveTextContent(/ · Alex Rivera · corrected: wrong quantity/);
    expect(top[1]).toHaveTextContent('Participant: Anonymous walk-in → MA0785');
    expect(top[1]).toHaveTextContent(`${syringe.name}: 10 → 20`);
    expect(top[1]).toHaveTextContent(`${naloxone.name}: none → 1 (lot NX-1)`);
    expect(top[2]).toHaveTextContent(/ · Alex Rivera · voided: Logged twice$/);
    expect(within(top[0]!).getByText((_, element) => element?.tagName === 'TIME')).toHaveAttribute(
      'dateTime',
      '2026-11-30T21:45:00.000Z',
    );
  });

  describe('paging', () => {
    // 130 encounters a minute apart and 110 tallies at the same minutes as the first 110 of them:
    // every tally ties with an encounter, its id greater on even minutes and smaller on odd ones.
    // Pages are 100 of each kind, so the first page ends on a tie (minute 99, tally after encounter).
    const minute = (index: number) => new Date(Date.parse('2026-11-22T18:00:00.000Z') - index * 60_000).toISOString();
    const hex = (index: number) => index.toString(16).padStart(8, '0');
    const manyEncounters = Array.from({ length: 130 }, (_, index) =>
      encounter({ id: `0190f5a0-0000-7000-8000-0001${hex(index)}`, occurredAt: minute(index) }),
    );
    const manyTallies = Array.from({ length: 110 }, (_, index) =>
      tally({ id: `0190f5a0-0000-7000-8000-000${index % 2 === 0 ? 2 : 0}${hex(index)}`, occurredAt: minute(index) }),
    );
    const newestFirst = [...manyEncounters, ...manyTallies]
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((entry) => entry.id);
    // Shuffled, so the order on screen is the list order and not the order the fake was given.
    const shuffled = <T,>(list: T[]) =>
      list
        .map((value, index) => ({ value, key: (index * 7919) % 241 }))
        .sort((a, b) => a.key - b.key)
        .map(({ value }) => value);
    const shownIds = () =>
      [...document.querySelectorAll<HTMLElement>('[data-entry-open]')].map((button) => button.dataset.entryOpen);

    it('shows a page, then "Show more" loads the older entries in order, each once, and moves focus to them', async () => {
      const { bridge, user } = await openScreen({
        encounters: shuffled(manyEncounters),
        tallies: shuffled(manyTallies),
      });
      await table();
      // The first page stops at the last encounter it has (minute 99): the tally tied with it sorts
      // after it, and tallies older than it may not all be there, so they wait for the next page.
      expect(shownIds()).toEqual(newestFirst.slice(0, 199));
      expect(newestFirst[199]).toBe(manyTallies[99]!.id);
      expect(screen.getByRole('status')).toHaveTextContent('199 entries shown, newest first.');
      expect(lastInput(bridge['encounters.list'])).not.toHaveProperty('before');

      // A page that is slow to come shows it on the button, which keeps its focus.
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const answer = bridge['tallies.list'].getMockImplementation()!;
      bridge['tallies.list'].mockImplementationOnce(async (input) => {
        await gate;
        return answer(input);
      });
      const more = screen.getByRole('button', { name: 'Show more' });
      more.focus();
      await user.keyboard('{Enter}');
      const busy = await screen.findByRole('button', { name: 'Loading older entries…' });
      expect(busy).toHaveAttribute('aria-busy', 'true');
      expect(busy).toHaveFocus();
      await user.click(busy); // ignored while loading
      release();

      await waitFor(() => expect(shownIds()).toHaveLength(240));
      expect(shownIds()).toEqual(newestFirst);
      const cursor = { occurredAt: manyEncounters[99]!.occurredAt, id: manyEncounters[99]!.id };
      expect(lastInput(bridge['encounters.list'])).toMatchObject({ limit: 100, before: cursor });
      expect(lastInput(bridge['tallies.list'])).toMatchObject({ limit: 100, before: cursor });
      // One more call of each kind (the click while loading asked for nothing).
      const paged = (mock: { mock: { calls: [{ before?: unknown }][] } }) =>
        mock.mock.calls.filter(([input]) => input.before !== undefined);
      expect(paged(bridge['encounters.list'])).toHaveLength(1);
      expect(paged(bridge['tallies.list'])).toHaveLength(1);
      expect(screen.getByRole('status')).toHaveTextContent('240 entries shown, newest first. That is all of them.');
      expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
      await waitFor(() =>
        expect(document.activeElement).toBe(document.querySelector(`[data-entry-open="${manyTallies[99]!.id}"]`)),
      );
    });

    it('keeps the entries shown when the next page is refused, and can try again', async () => {
      const { bridge, user } = await openScreen({ encounters: manyEncounters, tallies: manyTallies });
      await table();
      bridge['tallies.list'].mockResolvedValueOnce(
        refused({ code: 'cursor_invalid', message: 'The list cannot continue from that point.', field: 'before' }),
      );
      await user.click(screen.getByRole('button', { name: 'Show more' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'The list cannot continue from that point; start it again from the top.',
      );
      expect(shownIds()).toEqual(newestFirst.slice(0, 199));

      await user.click(screen.getByRole('button', { name: 'Show more' }));
      await waitFor(() => expect(shownIds()).toEqual(newestFirst));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('puts pages end to end into the whole merged list, however the kinds are spread', async () => {
      // Small pages over spreads where one kind runs out, is sparse, comes in bursts or ties with the other.
      const spreads: [string, (index: number) => number, (index: number) => number][] = [
        ['interleaved', (index) => 2 * index, (index) => 2 * index + 1],
        ['sparse tallies', (index) => index, (index) => 9 * index],
        ['tallies first', (index) => 40 + index, (index) => index],
        ['same minutes', (index) => index, (index) => index],
        ['bursts', (index) => Math.floor(index / 4), (index) => Math.floor(index / 3)],
      ];
      for (const [name, encounterMinute, tallyMinute] of spreads) {
        for (const [encounterCount, tallyCount] of [
          [17, 11],
          [3, 0],
          [0, 7],
          [12, 12],
        ] as const) {
          const encounters = Array.from({ length: encounterCount }, (_, index) =>
            encounter({
              id: `0190f5a0-0000-7000-8000-0001${hex(index * 37)}`,
              occurredAt: minute(encounterMinute(index)),
            }),
          );
          const tallies = Array.from({ length: tallyCount }, (_, index) =>
            tally({ id: `0190f5a0-0000-7000-8000-0001${hex(index * 37 + 5)}`, occurredAt: minute(tallyMinute(index)) }),
          );
          installFakeBridge({ encounters: shuffled(encounters), tallies: shuffled(tallies) });
          const expected = [...encounters, ...tallies]
            .sort(
              (a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
            )
            .map((entry) => entry.id);
          const pages: string[][] = [];
          let before: EntryCursor | null = null;
          do {
            const page = await fetchFieldEntryPage({}, before, 3);
            pages.push(page.entries.map((entry) => entry.id));
            before = page.next;
          } while (before && pages.length < 100);
          expect(pages.flat(), `${name}, ${encounterCount} and ${tallyCount}`).toEqual(expected);
          expect(
            pages.slice(0, -1).every((page) => page.length >= 3),
            name,
          ).toBe(true);
        }
      }
    });

    it('has no "Show more" when one page holds everything', async () => {
      await openScreen();
      await table();
      expect(screen.getByRole('status')).toHaveTextContent('3 entries shown, newest first. That is all of them.');
      expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    });
  });

  it('cancels a tally correction without sending anything, back on the details', async () => {
    const { bridge, user } = await openScreen({ encounters: [], tallies: [streetTally] });
    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    await user.click(within(rows[0]!).getByRole('button', { name: /^Open tally/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Tally details' });
    await user.click(within(dialog).getByRole('button', { name: 'Correct this tally' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Cancel correction' }));

    const correct = within(dialog).getByRole('button', { name: 'Correct this tally' });
    await waitFor(() => expect(correct).toHaveFocus());
    expect(within(dialog).queryByRole('spinbutton', { name: 'Contacts' })).not.toBeInTheDocument();
    expect(bridge['tallies.correct']).not.toHaveBeenCalled();
  });
});
