import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Item } from '@contract/catalog';
import type { Preset } from '@contract/presets';
import {
  encounter,
  installFakeBridge,
  glassStem,
  items,
  participant,
  ok,
  refused,
  sites,
  staff,
  tally,
  type FakeData,
} from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

const [syringe, naloxone, strip] = items as [Item, Item, Item];
const kit: Item = {
  ...strip,
  id: '0190f5a0-0000-7000-8000-000000000105',
  name: 'Safer injection kit',
  category: 'other',
  unit: 'kit',
  isKit: true,
  isCommon: false,
};
const retired: Item = {
  ...strip,
  id: '0190f5a0-0000-7000-8000-000000000106',
  name: 'Old cooker',
  category: 'other',
  unit: 'cooker',
  active: false,
};
/** Three common loose items, an item added by name only, a kit and an item no longer offered. */
const catalog = [syringe, naloxone, strip, glassStem, kit, retired];
const hivTest = '0190f5a0-0000-7000-8000-000000000701';

const injectionPreset: Preset = {
  id: '0190f5a0-0000-7000-8000-000000000901',
  name: 'Standard injection kit x2',
  lines: [
    { itemId: syringe.id, itemName: syringe.name, unit: syringe.unit, quantity: 20 },
    { itemId: glassStem.id, itemName: glassStem.name, unit: glassStem.unit, quantity: 4 },
  ],
  sortOrder: 1,
  active: true,
};

async function openForm(data: FakeData = {}, user = userEvent.setup()) {
  const bridge = installFakeBridge({ items: catalog, ...data });
  renderApp();
  // The form appears once everything it needs has loaded.
  await screen.findByRole('form', { name: 'Log an encounter or a tally' });
  return { bridge, user };
}

const saveButton = () => screen.getByRole('button', { name: /^Save encounter/ });
const quantity = (item: Item) => screen.getByRole('spinbutton', { name: item.name });
const siteSelect = () => screen.getByRole('combobox', { name: 'Site' });
const codeInput = () => screen.getByRole('combobox', { name: 'Participant code' });
const dateInput = () => screen.getByLabelText('Date and time');
const status = () => screen.getByRole('status');
const minutesFromNow = (value: string) => Math.abs(Date.now() - new Date(value).getTime()) / 60_000;

/** What every encounter sends besides the fields a test fills in. */
const nothingElse = { services: [], reversals: [], unmetRequests: [], note: null };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const contactOnlyBox = () => screen.getByRole('checkbox', { name: /^Contact with no supplies/ });

afterEach(() => {
  vi.useRealTimers();
});

describe('Log encounter form', () => {
  it('shows the sites, the common items and kits as steppers, the time set to now, and starts at the code', async () => {
    await openForm();

    expect(siteSelect()).toHaveValue(sites[0]!.id);
    const van = within(siteSelect()).getByRole('group', { name: 'Mobile van' });
    expect(within(van).getByRole('option', { name: 'Van 1' })).toBeInTheDocument();

    const looseItems = screen.getByText('Items').parentElement!;
    for (const item of [syringe, naloxone, strip]) {
      expect(within(looseItems).getByRole('spinbutton', { name: item.name })).toHaveValue(null);
      expect(within(looseItems).getByRole('button', { name: `One more: ${item.name}` })).toBeInTheDocument();
    }
    const kits = screen.getByText('Kits').parentElement!;
    expect(within(kits).getByRole('spinbutton', { name: kit.name })).toHaveValue(null);
    expect(within(looseItems).queryByRole('spinbutton', { name: kit.name })).not.toBeInTheDocument();
    // Items that are not common are added by name; items no longer offered are not offered at all.
    expect(screen.queryByRole('spinbutton', { name: glassStem.name })).not.toBeInTheDocument();
    expect(screen.queryByRole('spinbutton', { name: retired.name })).not.toBeInTheDocument();

    expect(dateInput()).toHaveAttribute('type', 'datetime-local');
    expect(minutesFromNow((dateInput() as HTMLInputElement).value)).toBeLessThan(2);
    expect(dateInput()).toHaveAccessibleDescription('Logged by Sam Rivera');
    expect(codeInput()).toHaveValue('');
    expect(screen.getByText('No code: logged as an anonymous walk-in.')).toBeInTheDocument();
    await waitFor(() => expect(codeInput()).toHaveFocus());
  });

  it('starts on the site the program added first when this computer remembers none', async () => {
    // sites.list gives them by name; the van was added before the drop-in.
    const byName = [
      { ...sites[0]!, createdAt: '2026-03-01T09:00:00.000Z' },
      { ...sites[1]!, createdAt: '2026-01-01T09:00:00.000Z' },
    ];
    await openForm({ sites: byName });
    expect(siteSelect()).toHaveValue(sites[1]!.id);
  });

  it('preselects the site used last on this computer', async () => {
    window.localStorage.setItem('outpost.lastSiteId', sites[1]!.id);
    await openForm();
    expect(siteSelect()).toHaveValue(sites[1]!.id);
  });

  it('changes a quantity with the one more and one fewer buttons', async () => {
    const { user } = await openForm();
    const fewer = screen.getByRole('button', { name: `One fewer: ${naloxone.name}` });
    const more = screen.getByRole('button', { name: `One more: ${naloxone.name}` });
    expect(fewer).toBeDisabled();

    await user.click(more);
    await user.click(more);
    await user.click(more);
    expect(quantity(naloxone)).toHaveValue(3);
    await user.click(fewer);
    expect(quantity(naloxone)).toHaveValue(2);
    await user.click(fewer);
    await user.click(fewer);
    expect(quantity(naloxone)).toHaveValue(null);
    expect(fewer).toBeDisabled();
    expect(quantity(syringe)).toHaveValue(null);
  });

  it('shows a negative or fractional quantity at that item and sends nothing', async () => {
    const { bridge, user } = await openForm();

    await user.type(quantity(naloxone), '-4');
    await user.type(quantity(strip), '2.5');
    await user.click(saveButton());

    await waitFor(() => expect(quantity(naloxone)).toHaveAttribute('aria-invalid', 'true'));
    expect(quantity(naloxone)).toHaveAccessibleDescription(/Quantity must be at least 1\./);
    expect(quantity(strip)).toHaveAttribute('aria-invalid', 'true');
    expect(quantity(strip)).toHaveAccessibleDescription(/Enter a whole number\./);
    expect(quantity(syringe)).not.toHaveAttribute('aria-invalid', 'true');
    expect(quantity(naloxone)).toHaveFocus();
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
    expect(status()).toHaveTextContent('');
  });

  it('saves the exact contract payload, confirms it and resets for the next person with focus at the code', async () => {
    const { bridge, user } = await openForm();

    await user.selectOptions(siteSelect(), 'Van 1');
    fireEvent.change(dateInput(), { target: { value: '2026-11-22T10:15' } });
    await user.type(codeInput(), 'ma0785{Enter}');
    await user.type(quantity(syringe), '10');
    await user.click(screen.getByRole('button', { name: `One more: ${naloxone.name}` }));
    await user.type(quantity(strip), '0');
    await user.click(saveButton());

    await waitFor(() => expect(status()).toHaveTextContent('Encounter saved'));
    expect(bridge['encounters.log']).toHaveBeenCalledTimes(1);
    const sent = bridge['encounters.log'].mock.calls[0]![0];
    expect(sent).toEqual({
      formKey: expect.stringMatching(uuid),
      siteId: sites[1]!.id,
      occurredAt: expect.stringMatching(/^2026-11-22T10:15:00[+-]\d{2}:\d{2}$/),
      participantCode: 'MA0785',
      lines: [
        { itemId: syringe.id, quantity: 10 },
        { itemId: naloxone.id, quantity: 1 },
      ],
      ...nothingElse,
    });
    expect(new Date(sent.occurredAt).getTime()).toBe(new Date(2026, 10, 22, 10, 15).getTime());
    expect(bridge['tallies.log']).not.toHaveBeenCalled();

    // Ready for the next person: same site, time now, no code, no quantities, cursor in the code field.
    await waitFor(() => expect(codeInput()).toHaveFocus());
    expect(siteSelect()).toHaveValue(sites[1]!.id);
    expect(codeInput()).toHaveValue('');
    for (const item of [syringe, naloxone, strip, kit]) expect(quantity(item)).toHaveValue(null);
    expect(minutesFromNow((dateInput() as HTMLInputElement).value)).toBeLessThan(2);
    // The lists are refreshed, and the site is remembered for next time.
    await waitFor(() => expect(bridge['encounters.list']).toHaveBeenCalledTimes(2));
    expect(window.localStorage.getItem('outpost.lastSiteId')).toBe(sites[1]!.id);
  });

  it('saves with Ctrl+Enter from any field, as an anonymous walk-in stamped at the time of saving', async () => {
    const { bridge, user } = await openForm();

    await user.type(quantity(kit), '2{Control>}{Enter}{/Control}');

    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    const sent = bridge['encounters.log'].mock.calls[0]![0];
    expect(sent).toMatchObject({ participantCode: null, lines: [{ itemId: kit.id, quantity: 2 }] });
    expect(minutesFromNow(sent.occurredAt)).toBeLessThan(2);
    expect(await screen.findByText('Encounter saved')).toBeInTheDocument();
    expect(bridge['encounters.log']).toHaveBeenCalledTimes(1);
  });

  it('puts server issues at their fields, counting lines among the items with a quantity', async () => {
    const { bridge, user } = await openForm();
    bridge['encounters.log'].mockResolvedValueOnce(
      refused({
        code: 'quantity_too_large',
        message: 'Quantity must be at most 10,000.',
        field: 'lines.0.quantity',
        issues: [
          { code: 'quantity_too_large', message: 'Quantity must be at most 10,000.', field: 'lines.0.quantity' },
          { code: 'item_inactive', message: 'That item is no longer offered.', field: 'lines.1.itemId' },
          { code: 'site_inactive', message: 'That site is no longer active.', field: 'siteId' },
        ],
      }),
    );

    // The first item has no quantity, so the first line is the second item.
    await user.type(quantity(naloxone), '2');
    await user.type(quantity(kit), '5');
    await user.click(saveButton());

    await waitFor(() => expect(quantity(naloxone)).toHaveAttribute('aria-invalid', 'true'));
    expect(quantity(naloxone)).toHaveAccessibleDescription(/Quantity must be at most 10,000\./);
    expect(quantity(naloxone)).toHaveFocus();
    expect(quantity(kit)).toHaveAccessibleDescription(/This item is no longer offered\. Choose another item\./);
    expect(quantity(syringe)).not.toHaveAttribute('aria-invalid', 'true');
    expect(quantity(strip)).not.toHaveAttribute('aria-invalid', 'true');
    expect(siteSelect()).toHaveAccessibleDescription('This site is no longer active. Choose another site.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(status()).toHaveTextContent('');
    // Nothing is cleared: the worker can fix it and save again.
    expect(quantity(naloxone)).toHaveValue(2);

    bridge['encounters.log'].mockResolvedValueOnce(
      refused({ code: 'core_unavailable', message: 'The database is not available right now. Nothing was changed.' }),
    );
    await user.click(saveButton());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The database is not available right now. Nothing was changed.',
    );
    expect(status()).toHaveTextContent('');
    expect(bridge['encounters.log']).toHaveBeenCalledTimes(2);
  });

  describe('participant', () => {
    const lastVisitAt = '2026-11-02T17:30:00.000Z';
    const shownDate = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(lastVisitAt),
    );
    const returning = {
      participants: [
        participant('MA0785', null, 1),
        participant(
          'MA0790',
          {
            entryId: '0190f5a0-0000-7000-8000-000000000499',
            occurredAt: lastVisitAt,
            siteId: sites[1]!.id,
            siteName: sites[1]!.name,
            lines: [
              { itemId: naloxone.id, itemName: naloxone.name, quantity: 1 },
              { itemId: kit.id, itemName: kit.name, quantity: 2 },
              { itemId: retired.id, itemName: retired.name, quantity: 3 },
            ],
          },
          2,
        ),
        participant('MB0001', null, 3),
      ],
    };

    it('offers matching codes; the arrow keys move, Enter picks, and the last visit is shown', async () => {
      const { bridge, user } = await openForm(returning);

      await user.type(codeInput(), 'ma07');
      const list = await screen.findByRole('listbox', { name: 'Matching codes' });
      await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
      const [first, second] = within(list).getAllByRole('option') as [HTMLElement, HTMLElement];
      expect(first).toHaveTextContent('MA0785');
      expect(first).toHaveTextContent('No visits yet');
      expect(second).toHaveTextContent('MA0790');
      expect(second).toHaveTextContent(`Last visit ${shownDate}, Van 1`);
      expect(codeInput()).toHaveAttribute('aria-expanded', 'true');
      expect(first).toHaveAttribute('aria-selected', 'true');
      expect(codeInput()).toHaveAttribute('aria-activedescendant', first.id);
      expect(bridge['participants.search']).toHaveBeenLastCalledWith({ query: 'MA07', limit: 6 });

      await user.keyboard('{ArrowDown}');
      expect(second).toHaveAttribute('aria-selected', 'true');
      expect(codeInput()).toHaveAttribute('aria-activedescendant', second.id);
      await user.keyboard('{Enter}');

      expect(codeInput()).toHaveValue('MA0790');
      expect(within(list).queryAllByRole('option', { hidden: true })).toHaveLength(0);
      expect(codeInput()).toHaveAttribute('aria-expanded', 'false');
      const lastVisit = await screen.findByTestId('last-visit');
      await waitFor(() =>
        expect(lastVisit).toHaveTextContent(
          `MA0790: last visit ${shownDate} at Van 1: 1 × ${naloxone.name}, 2 × ${kit.name}, and 3 × ${retired.name}.`,
        ),
      );
      expect(bridge['participants.get']).toHaveBeenCalledWith({ code: 'MA0790' });
      // Enter went on to the supplies: nothing was saved.
      await waitFor(() => expect(quantity(syringe)).toHaveFocus());
      expect(bridge['encounters.log']).not.toHaveBeenCalled();
    });

    it('fills the quantities of the last visit with Alt+L, replacing what was typed, and saves them', async () => {
      const { bridge, user } = await openForm(returning);

      await user.type(codeInput(), 'MA0790{Enter}');
      await screen.findByRole('button', { name: /^Same as last time/ });
      await user.type(quantity(syringe), '4');
      await user.keyboard('{Alt>}l{/Alt}');

      // Items no longer offered are left out.
      expect(quantity(syringe)).toHaveValue(null);
      expect(quantity(naloxone)).toHaveValue(1);
      expect(quantity(kit)).toHaveValue(2);
      expect(screen.queryByRole('spinbutton', { name: retired.name })).not.toBeInTheDocument();

      await user.keyboard('{Control>}{Enter}{/Control}');
      await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
      expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({
        participantCode: 'MA0790',
        lines: [
          { itemId: naloxone.id, quantity: 1 },
          { itemId: kit.id, quantity: 2 },
        ],
      });
    });

    it('fills the quantities with the Same as last time button too', async () => {
      const { user } = await openForm(returning);
      await user.type(codeInput(), 'MA0790');
      await user.click(await screen.findByRole('option', { name: /MA0790/ }));
      await user.click(await screen.findByRole('button', { name: /^Same as last time/ }));
      expect(quantity(naloxone)).toHaveValue(1);
      expect(quantity(kit)).toHaveValue(2);
    });

    it('never picks with Enter a match found for what was typed before the last key', async () => {
      const { bridge, user } = await openForm({
        participants: [participant('MA0785', null, 1), participant('MA0786', null, 2)],
      });

      await user.type(codeInput(), 'MA078');
      const list = await screen.findByRole('listbox', { name: 'Matching codes' });
      await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
      await waitFor(() => expect(list).toHaveAttribute('aria-busy', 'false'));
      // Typed on: the matches shown are for the earlier value until the search catches up.
      await user.type(codeInput(), '6');
      expect(list).toHaveAttribute('aria-busy', 'true');
      await user.clear(codeInput());
      await user.type(codeInput(), 'MA078');
      await waitFor(() => expect(list).toHaveAttribute('aria-busy', 'false'));
      // Typed on and confirmed before the search has caught up: the code typed is kept.
      await user.type(codeInput(), '6{Enter}');

      expect(codeInput()).toHaveValue('MA0786');
      await waitFor(() => expect(bridge['participants.get']).toHaveBeenCalledWith({ code: 'MA0786' }));
      expect(bridge['participants.get']).not.toHaveBeenCalledWith({ code: 'MA0785' });
      expect(await screen.findByTestId('last-visit')).toHaveTextContent('MA0786: no visits logged yet.');
    });

    it('says when a code has no visits, or is new, without offering the last visit', async () => {
      const { bridge, user } = await openForm(returning);

      await user.type(codeInput(), 'MA0785{Enter}');
      expect(await screen.findByTestId('last-visit')).toHaveTextContent('MA0785: no visits logged yet.');
      expect(screen.queryByRole('button', { name: /^Same as last time/ })).not.toBeInTheDocument();

      await user.clear(codeInput());
      await user.type(codeInput(), 'zx0101{Enter}');
      await waitFor(() => expect(screen.getByTestId('last-visit')).toHaveTextContent('ZX0101: first visit.'));
      expect(bridge['participants.get']).toHaveBeenLastCalledWith({ code: 'ZX0101' });
      // Nothing to repeat: Alt+L changes nothing.
      await user.keyboard('{Alt>}l{/Alt}');
      for (const item of [syringe, naloxone, strip, kit]) expect(quantity(item)).toHaveValue(null);
    });

    it('clears the code with Alt+A, logging an anonymous walk-in, and moves on to the supplies', async () => {
      const { bridge, user } = await openForm(returning);

      await user.type(codeInput(), 'MA0790{Enter}');
      await screen.findByTestId('last-visit');
      await user.click(codeInput());
      await user.keyboard('{Alt>}a{/Alt}');

      expect(codeInput()).toHaveValue('');
      expect(screen.queryByTestId('last-visit')).not.toBeInTheDocument();
      expect(screen.getByText('No code: logged as an anonymous walk-in.')).toBeInTheDocument();
      await waitFor(() => expect(quantity(syringe)).toHaveFocus());

      await user.type(quantity(syringe), '1');
      await user.click(saveButton());
      await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
      expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({ participantCode: null });
    });

    describe('a code nobody has', () => {
      const nearMatch = (code: string) => {
        const person = participant(code, null, 1);
        return {
          participantId: person.participantId,
          code,
          canonicalCode: code,
          match: 'near' as const,
          distance: 1,
          lastVisit: null,
        };
      };
      const newOption = () => screen.getByRole('option', { name: /Add MA0758 as a new participant/ });

      it('is marked new, with the close match offered but not chosen, and a save waits for its confirming Enter', async () => {
        const { bridge, user } = await openForm({ participants: [participant('MA0785', null, 1)] });
        bridge['participants.search'].mockImplementation(async (input) =>
          ok(input.query === 'MA0758' ? [nearMatch('MA0785')] : []),
        );

        await user.type(codeInput(), 'ma0758');
        await waitFor(() => expect(newOption()).toHaveAttribute('aria-selected', 'true'));
        expect(screen.getByRole('option', { name: /MA0785/ })).toHaveAttribute('aria-selected', 'false');
        expect(codeInput()).toHaveAccessibleDescription(/Nobody has MA0758 yet: press Enter to add a new participant/);

        // Tab away and save, as the typo slipped in before: refused at the code, nothing sent.
        await user.tab();
        await user.type(quantity(syringe), '10');
        await user.keyboard('{Control>}{Enter}{/Control}');
        await waitFor(() => expect(codeInput()).toHaveFocus());
        expect(codeInput()).toHaveAccessibleDescription(/Nobody has this code yet\. Press Enter in the code/);
        expect(bridge['encounters.log']).not.toHaveBeenCalled();

        // One confirming key, and it is saved as the new participant.
        await user.keyboard('{Enter}');
        expect(await screen.findByTestId('last-visit')).toHaveTextContent('MA0758: first visit.');
        expect(quantity(syringe)).toHaveFocus();
        await user.keyboard('{Control>}{Enter}{/Control}');
        await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
        expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({ participantCode: 'MA0758' });
      });

      it('never gets the close match from Enter; the arrow keys choose it', async () => {
        const { bridge, user } = await openForm({ participants: [participant('MA0785', null, 1)] });
        bridge['participants.search'].mockImplementation(async (input) =>
          ok(input.query === 'MA0758' ? [nearMatch('MA0785')] : []),
        );

        await user.type(codeInput(), 'MA0758');
        await waitFor(() => expect(newOption()).toBeInTheDocument());
        await user.keyboard('{Enter}');
        expect(codeInput()).toHaveValue('MA0758');
        await waitFor(() => expect(bridge['participants.get']).toHaveBeenCalledWith({ code: 'MA0758' }));

        await user.clear(codeInput());
        await user.type(codeInput(), 'MA0758');
        await waitFor(() => expect(newOption()).toBeInTheDocument());
        await user.keyboard('{ArrowDown}{Enter}');
        expect(codeInput()).toHaveValue('MA0785');
        await waitFor(() => expect(bridge['participants.get']).toHaveBeenCalledWith({ code: 'MA0785' }));
      });

      it('confirmed by an Enter faster than the search, it needs confirming again once a close match shows', async () => {
        const { bridge, user } = await openForm({ participants: [participant('MA0785', null, 1)] });
        bridge['participants.search'].mockImplementation(async (input) =>
          ok(input.query === 'MA0758' ? [nearMatch('MA0785')] : []),
        );

        // Enter at once moves on to the supplies, as the next keys are for them.
        await user.type(codeInput(), 'MA0758{Enter}');
        expect(quantity(syringe)).toHaveFocus();
        await waitFor(() =>
          expect(codeInput()).toHaveAccessibleDescription(/Nobody has this code yet\. Press Enter in the code/),
        );
        await user.type(quantity(syringe), '10{Control>}{Enter}{/Control}');
        await waitFor(() => expect(codeInput()).toHaveFocus());
        expect(bridge['encounters.log']).not.toHaveBeenCalled();

        await user.keyboard('{Enter}');
        await user.keyboard('{Control>}{Enter}{/Control}');
        await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
        expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({ participantCode: 'MA0758' });
      });

      it("saved before the search answered, someone's code is theirs and a new one waits for its Enter", async () => {
        const { bridge, user } = await openForm({ participants: [participant('MA0785', null, 1)] });
        await user.type(quantity(syringe), '10');
        await user.click(codeInput());
        await user.type(codeInput(), 'MA0785{Control>}{Enter}{/Control}');
        await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
        expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({ participantCode: 'MA0785' });

        await waitFor(() => expect(codeInput()).toHaveValue(''));
        await user.type(quantity(syringe), '10');
        await user.click(codeInput());
        await user.type(codeInput(), 'MA0799{Control>}{Enter}{/Control}');
        await waitFor(() =>
          expect(codeInput()).toHaveAccessibleDescription(/Nobody has this code yet\. Press Enter in the code/),
        );
        expect(bridge['encounters.log']).toHaveBeenCalledTimes(1);
      });

      it('is refused at the field when the formula does not make it, and someone typed in full needs no extra key', async () => {
        const { bridge, user } = await openForm({ participants: [participant('MA0785', null, 1)] });

        await user.type(codeInput(), 'zz9');
        await waitFor(() =>
          expect(codeInput()).toHaveAccessibleDescription(/ZZ9 does not follow the program's code formula/),
        );
        await user.keyboard('{Enter}');
        expect(codeInput()).toHaveAccessibleDescription(/This new code does not follow the program's code formula/);
        expect(codeInput()).toHaveFocus();
        await user.type(quantity(syringe), '1');
        await user.click(saveButton());
        await waitFor(() => expect(codeInput()).toHaveFocus());
        expect(bridge['encounters.log']).not.toHaveBeenCalled();

        // A returning participant's code typed in full and left with Tab is theirs: saved at once.
        await user.clear(codeInput());
        await user.type(codeInput(), 'MA0785');
        await waitFor(() => expect(screen.getByRole('option', { name: /MA0785/ })).toBeInTheDocument());
        await user.tab();
        await user.click(saveButton());
        await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
        expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({ participantCode: 'MA0785' });
      });
    });

    it('moves focus within Alt+A itself, so a digit typed at once after Alt+T twice lands in the supplies', async () => {
      const { user } = await openForm();
      await user.keyboard('{Alt>}t{/Alt}{Alt>}t{/Alt}');
      expect(codeInput()).toHaveFocus();

      // Dispatched as a browser does, with no chance for React to render between this key and the next.
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyA', key: 'a', altKey: true, bubbles: true }));
      expect(quantity(syringe)).toHaveFocus();
      await user.keyboard('5');
      expect(quantity(syringe)).toHaveValue(5);
      expect(codeInput()).toHaveValue('');
    });

    it('switches mode within Alt+T itself: Alt+A pressed before any render still finds the encounter', async () => {
      const { user } = await openForm();
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyT', key: 't', altKey: true, bubbles: true }));
      expect(screen.getByRole('spinbutton', { name: 'Contacts' })).toHaveFocus();
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyT', key: 't', altKey: true, bubbles: true }));
      expect(codeInput()).toHaveFocus();
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyA', key: 'a', altKey: true, bubbles: true }));
      expect(quantity(syringe)).toHaveFocus();
      await user.keyboard('7');
      expect(quantity(syringe)).toHaveValue(7);
    });

    it('opens the code builder with Alt+N and uses the code it makes', async () => {
      const { user } = await openForm();
      await user.keyboard('{Alt>}n{/Alt}');
      const builder = await screen.findByRole('dialog', { name: 'New participant code' });
      await user.type(within(builder).getByRole('textbox', { name: "Mother's first name" }), 'Marta');
      await user.type(within(builder).getByRole('textbox', { name: 'Month of birth' }), '07');
      await user.type(within(builder).getByRole('textbox', { name: 'Year of birth' }), '85');
      await user.click(within(builder).getByRole('button', { name: 'Use this code' }));

      await waitFor(() => expect(codeInput()).toHaveValue('MA0785'));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      await waitFor(() => expect(quantity(syringe)).toHaveFocus());
    });
  });

  it('adds the lines of a preset with its button or Alt+1, and again on a second press', async () => {
    const { bridge, user } = await openForm({ presets: [injectionPreset] });

    const presets = screen.getByRole('group', { name: 'Presets' });
    const presetButton = within(presets).getByRole('button', { name: /^Standard injection kit x2/ });
    expect(presetButton).toHaveAttribute('aria-keyshortcuts', 'Alt+1');
    await user.click(presetButton);
    expect(quantity(syringe)).toHaveValue(20);
    // An item the form did not show is added to it.
    expect(quantity(glassStem)).toHaveValue(4);

    expect(screen.queryByText(/added again/)).not.toBeInTheDocument();
    await user.click(codeInput());
    await user.keyboard('{Alt>}1{/Alt}');
    expect(quantity(syringe)).toHaveValue(40);
    expect(quantity(glassStem)).toHaveValue(8);
    expect(codeInput()).toHaveValue('');
    // A second press is said out loud, never a silent double count.
    expect(screen.getByText('Standard injection kit x2 added again.')).toBeInTheDocument();

    await user.click(saveButton());
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.log'].mock.calls[0]![0].lines).toEqual([
      { itemId: syringe.id, quantity: 40 },
      { itemId: glassStem.id, quantity: 8 },
    ]);
  });

  it('adds another item by name, offering only active items not shown, with focus in its quantity', async () => {
    const { user } = await openForm();
    const addItem = screen.getByRole('combobox', { name: 'Add another item' });
    const offered = () =>
      within(screen.getByRole('listbox', { name: 'Add another item', hidden: true }))
        .queryAllByRole('option', { hidden: true })
        .map((option) => option.textContent);
    expect(offered()).toEqual([glassStem.name]);

    // By keyboard, as the form is built for (jsdom has no layout, so the list never shows to a click).
    await user.type(addItem, 'glass{ArrowDown}{Enter}');

    await waitFor(() => expect(quantity(glassStem)).toHaveFocus());
    expect(quantity(glassStem)).toHaveValue(null);
    expect(addItem).toHaveValue('');
    expect(offered()).toEqual([]);
  });

  it('logs a street tally after Alt+T, with contacts, through tallies.log, and remembers the mode', async () => {
    const { bridge, user } = await openForm();

    await user.keyboard('{Alt>}t{/Alt}');
    const contacts = await screen.findByRole('spinbutton', { name: 'Contacts' });
    await waitFor(() => expect(contacts).toHaveFocus());
    expect(screen.queryByRole('combobox', { name: 'Participant code' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Also for others')).not.toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Street tally' })).toBeChecked();
    expect(window.localStorage.getItem('outpost.logMode')).toBe('tally');

    await user.type(contacts, '14');
    await user.type(quantity(strip), '30');
    await user.click(screen.getByRole('button', { name: /^Save tally/ }));

    await waitFor(() => expect(bridge['tallies.log']).toHaveBeenCalledTimes(1));
    expect(bridge['tallies.log'].mock.calls[0]![0]).toEqual({
      formKey: expect.stringMatching(uuid),
      siteId: sites[0]!.id,
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/),
      contacts: 14,
      lines: [{ itemId: strip.id, quantity: 30 }],
      ...nothingElse,
    });
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
    expect(await screen.findByText('Tally saved')).toBeInTheDocument();
    // The next tally starts at the contacts.
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Contacts' })).toHaveFocus());
    expect(screen.getByRole('spinbutton', { name: 'Contacts' })).toHaveValue(null);
  });

  it('refuses a form with nothing recorded, blank or after a save (Ctrl+Enter twice), saying how to save a contact', async () => {
    const { bridge, user } = await openForm();
    const nothingRecorded = /Nothing is recorded yet\. .* or mark it a contact with no supplies\./;

    await user.type(codeInput(), 'MA0785{Enter}');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(contactOnlyBox()).toHaveAccessibleDescription(nothingRecorded));
    expect(bridge['encounters.log']).not.toHaveBeenCalled();

    await user.type(quantity(kit), '2{Control>}{Enter}{/Control}');
    await waitFor(() => expect(status()).toHaveTextContent('Encounter saved'));
    await waitFor(() => expect(codeInput()).toHaveValue(''));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(contactOnlyBox()).toHaveAccessibleDescription(nothingRecorded));
    expect(bridge['encounters.log']).toHaveBeenCalledTimes(1);

    // Marked a contact with no supplies (a conversation), it is saved, from a form of its own.
    await user.click(contactOnlyBox());
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(2));
    const [first, contact] = bridge['encounters.log'].mock.calls.map(([input]) => input);
    expect(contact).toMatchObject({ contactOnly: true, lines: [], participantCode: null });
    expect(contact!.formKey).toMatch(uuid);
    expect(contact!.formKey).not.toBe(first!.formKey);
  });

  it('never saves on a plain Enter inside a field: a quantity, the syringes counted, the contacts', async () => {
    const { bridge, user } = await openForm();

    await user.type(quantity(kit), '2{Enter}');
    await user.type(screen.getByRole('spinbutton', { name: 'Counted' }), '5{Enter}');
    await user.keyboard('{Alt>}t{/Alt}');
    await user.type(screen.getByRole('spinbutton', { name: 'Contacts' }), '3{Enter}');
    await user.keyboard('{Alt>}t{/Alt}');
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
    expect(bridge['tallies.log']).not.toHaveBeenCalled();
    expect(status()).toHaveTextContent('');

    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({
      lines: [{ itemId: kit.id, quantity: 2 }],
      collected: { counted: 5 },
    });
  });

  it('counts a note as it is typed and refuses one past the limit at its field, never cutting it', async () => {
    const { bridge, user } = await openForm();
    const note = screen.getByRole('textbox', { name: 'Note' });
    expect(screen.getByText('0 of 500 characters')).toBeInTheDocument();

    await user.type(quantity(kit), '1');
    await user.click(note);
    await user.paste('a'.repeat(10_000));
    expect(note).toHaveValue('a'.repeat(10_000));
    expect(screen.getByText('9,500 characters too many: shorten it to 500 to save')).toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(note).toHaveAccessibleDescription(/The note must be at most 500 characters\./));
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
    expect(note).toHaveValue('a'.repeat(10_000));

    await user.clear(note);
    await user.type(note, 'Asked about testing');
    expect(screen.getByText('19 of 500 characters')).toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({ note: 'Asked about testing' });
  });

  it('types up paper forms: the date, site and staff member on the form stay from one form to the next', async () => {
    const { bridge, user } = await openForm();
    const paperSwitch = screen.getByRole('switch', { name: /^Typing up paper forms/ });

    await user.click(paperSwitch);
    const formDate = screen.getByLabelText('Date and time on the form');
    expect(formDate).toHaveFocus();
    expect(formDate).toHaveAccessibleDescription('Typed up by Sam Rivera');
    fireEvent.change(formDate, { target: { value: '2026-11-02T12:00' } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Staff member on the form' }), 'Alex Chen');
    await user.selectOptions(siteSelect(), 'Van 1');

    await user.type(codeInput(), 'ma0785{Enter}');
    await user.type(quantity(syringe), '10{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(codeInput()).toHaveValue(''));

    // The next form keeps them; only the participant and supplies are new.
    expect(formDate).toHaveValue('2026-11-02T12:00');
    expect(screen.getByRole('combobox', { name: 'Staff member on the form' })).toHaveValue(staff[1]!.id);
    expect(siteSelect()).toHaveValue(sites[1]!.id);
    await user.type(codeInput(), 'ma0786{Enter}');
    await user.type(quantity(naloxone), '1{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(2));

    const [first, second] = bridge['encounters.log'].mock.calls.map(([input]) => input);
    for (const sent of [first, second]) {
      expect(sent).toMatchObject({ staffId: staff[1]!.id, siteId: sites[1]!.id });
      expect(new Date(sent!.occurredAt).getTime()).toBe(new Date(2026, 10, 2, 12, 0).getTime());
    }
    expect(second!.formKey).not.toBe(first!.formKey);

    // Back to live logging: saved as the one logging, stamped now.
    await user.click(paperSwitch);
    expect(screen.queryByRole('combobox', { name: 'Staff member on the form' })).not.toBeInTheDocument();
    await user.type(quantity(syringe), '2{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(3));
    const live = bridge['encounters.log'].mock.calls[2]![0];
    expect(live).not.toHaveProperty('staffId');
    expect(minutesFromNow(live.occurredAt)).toBeLessThan(2);
  });

  it('switches mode with the segmented control, and starts in the mode used last', async () => {
    window.localStorage.setItem('outpost.logMode', 'tally');
    const { bridge, user } = await openForm();
    expect(screen.getByRole('spinbutton', { name: 'Contacts' })).toBeInTheDocument();

    // Contacts are required for a tally.
    await user.click(screen.getByRole('button', { name: /^Save tally/ }));
    await waitFor(() =>
      expect(screen.getByRole('spinbutton', { name: 'Contacts' })).toHaveAccessibleDescription(
        /Contacts must be a whole number from 1 to 100,000\./,
      ),
    );
    expect(bridge['tallies.log']).not.toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: 'Encounter' }));
    await waitFor(() => expect(codeInput()).toHaveFocus());
    expect(screen.queryByRole('spinbutton', { name: 'Contacts' })).not.toBeInTheDocument();
    expect(window.localStorage.getItem('outpost.logMode')).toBe('encounter');
    await user.click(contactOnlyBox());
    await user.click(saveButton());
    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['tallies.log']).not.toHaveBeenCalled();
  });

  describe('undo', () => {
    async function saveOne(user: ReturnType<typeof userEvent.setup>) {
      await user.type(codeInput(), 'un0101{Enter}');
      await user.type(quantity(naloxone), '3');
      await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Came back later');
      await user.click(saveButton());
      await waitFor(() => expect(status()).toHaveTextContent('Encounter saved'));
      await waitFor(() => expect(codeInput()).toHaveValue(''));
    }

    it('takes back the last save with Alt+U through the undo channel, putting it back in the form', async () => {
      const { bridge, user } = await openForm();
      await saveOne(user);
      const saved = encounter({ siteId: sites[0]!.id });

      await user.keyboard('{Alt>}u{/Alt}');

      await waitFor(() => expect(status()).toHaveTextContent('Undone. Its details are back in the form.'));
      expect(bridge['encounters.undo']).toHaveBeenCalledTimes(1);
      expect(bridge['encounters.undo']).toHaveBeenCalledWith({ id: saved.id });
      // An undo is never a void with a reason: nothing a person typed could be mistaken for it.
      expect(bridge['encounters.void']).not.toHaveBeenCalled();
      expect(bridge['tallies.undo']).not.toHaveBeenCalled();
      // Pressed again, there is nothing left to undo (not "too late").
      await user.keyboard('{Alt>}u{/Alt}');
      expect(status()).toHaveTextContent('Nothing to undo: there is no save from this form to take back.');
      expect(bridge['encounters.undo']).toHaveBeenCalledTimes(1);
      // As typed (it shows in capitals), and the participant line comes back with it.
      expect(codeInput()).toHaveValue('un0101');
      expect(await screen.findByTestId('last-visit')).toHaveTextContent('UN0101: first visit.');
      expect(bridge['participants.get']).toHaveBeenLastCalledWith({ code: 'UN0101' });
      expect(quantity(naloxone)).toHaveValue(3);
      expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('Came back later');
      expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
      await waitFor(() => expect(codeInput()).toHaveFocus());

      // Saved again, it is the same entry as before, from a new form: a new save, not the undone one.
      await user.click(saveButton());
      await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(2));
      const [first, again] = bridge['encounters.log'].mock.calls.map(([input]) => input);
      expect(again!.formKey).not.toBe(first!.formKey);
      expect({ ...again, formKey: first!.formKey }).toEqual(first);
    });

    it('undoes with the Undo button; once the next entry is started, that one is kept', async () => {
      const { bridge, user } = await openForm();
      await saveOne(user);

      await user.type(quantity(syringe), '7');
      await user.click(screen.getByRole('button', { name: /^Undo/ }));

      await waitFor(() => expect(status()).toHaveTextContent('Undone.'));
      expect(status()).not.toHaveTextContent('back in the form');
      expect(bridge['encounters.undo']).toHaveBeenCalledWith({ id: encounter().id });
      expect(quantity(syringe)).toHaveValue(7);
      expect(quantity(naloxone)).toHaveValue(null);
      expect(codeInput()).toHaveValue('');
    });

    it('says so when the undo is refused, and that there is nothing to undo before a save', async () => {
      const { bridge, user } = await openForm();
      await user.keyboard('{Alt>}u{/Alt}');
      expect(bridge['encounters.undo']).not.toHaveBeenCalled();
      expect(status()).toHaveTextContent('Nothing to undo: there is no save from this form to take back.');

      await saveOne(user);
      bridge['encounters.undo'].mockResolvedValueOnce(
        refused({ code: 'undo_too_late', message: 'It is too late to undo this save.' }),
      );
      await user.keyboard('{Alt>}u{/Alt}');
      await waitFor(() =>
        expect(status()).toHaveTextContent('It could not be undone. Find it under Encounters to void it.'),
      );
      expect(codeInput()).toHaveValue('');
    });

    it('undoes a tally through tallies.undo', async () => {
      window.localStorage.setItem('outpost.logMode', 'tally');
      const { bridge, user } = await openForm();
      await user.type(screen.getByRole('spinbutton', { name: 'Contacts' }), '9');
      await user.click(screen.getByRole('button', { name: /^Save tally/ }));
      await waitFor(() => expect(status()).toHaveTextContent('Tally saved'));

      await user.click(screen.getByRole('button', { name: /^Undo/ }));
      await waitFor(() => expect(bridge['tallies.undo']).toHaveBeenCalledTimes(1));
      expect(bridge['tallies.undo']).toHaveBeenCalledWith({ id: tally().id });
      expect(bridge['encounters.undo']).not.toHaveBeenCalled();
      expect(bridge['tallies.void']).not.toHaveBeenCalled();
      await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Contacts' })).toHaveValue(9));
    });

    it('is offered for 10 seconds after a save', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const { bridge, user } = await openForm({}, userEvent.setup({ advanceTimers: vi.advanceTimersByTime }));
      await saveOne(user);
      const undo = screen.getByRole('button', { name: /^Undo/ });

      act(() => vi.advanceTimersByTime(9_000));
      expect(undo).toBeInTheDocument();
      act(() => vi.advanceTimersByTime(1_500));
      expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
      expect(status()).toHaveTextContent('');

      // Too late: Alt+U says why it cannot, and takes nothing back.
      await user.keyboard('{Alt>}u{/Alt}');
      expect(status()).toHaveTextContent(
        'Too late to undo: a save can be undone for 10 seconds. Find it under Encounters to correct or void it.',
      );
      expect(bridge['encounters.undo']).not.toHaveBeenCalled();
    });
  });

  it('shows stock on hand at the site softly, and never blocks a save', async () => {
    const { bridge, user } = await openForm({
      stock: [
        { siteId: sites[0]!.id, itemId: syringe.id, units: 12 },
        { siteId: sites[0]!.id, itemId: naloxone.id, units: 3 },
        { siteId: sites[1]!.id, itemId: strip.id, units: 1 },
      ],
    });

    await waitFor(() => expect(quantity(syringe)).toHaveAccessibleDescription('12 on hand here'));
    expect(quantity(naloxone)).toHaveAccessibleDescription('3 on hand here');
    expect(quantity(strip)).toHaveAccessibleDescription('None on hand here');
    expect(bridge['inventory.onHand']).toHaveBeenCalledWith({ siteId: sites[0]!.id });

    await user.type(quantity(naloxone), '5');
    expect(quantity(naloxone)).toHaveAccessibleDescription('Only 3 on hand here');
    await user.type(quantity(strip), '2');
    // The core saves it, and says how much the stock records were short.
    bridge['encounters.log'].mockResolvedValueOnce(
      ok(
        encounter({
          shortfalls: [
            { itemId: naloxone.id, units: 2 },
            { itemId: strip.id, units: 2 },
          ],
        }),
      ),
    );
    await user.click(saveButton());

    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.log'].mock.calls[0]![0].lines).toEqual([
      { itemId: naloxone.id, quantity: 5 },
      { itemId: strip.id, quantity: 2 },
    ]);
    expect(await screen.findByText('Encounter saved')).toBeInTheDocument();
    expect(status()).toHaveTextContent(
      `Stock records show less than was handed out of ${naloxone.name} and ${strip.name}: a stock count is due.`,
    );

    // Another site, its own stock.
    await user.selectOptions(siteSelect(), 'Van 1');
    await waitFor(() => expect(quantity(strip)).toHaveAccessibleDescription('1 on hand here'));
    expect(quantity(syringe)).toHaveAccessibleDescription('None on hand here');
    expect(bridge['inventory.onHand']).toHaveBeenCalledWith({ siteId: sites[1]!.id });
  });

  it('sends collected syringes, supplies for others, services, a reversal, an unmet request and a note', async () => {
    const { bridge, user } = await openForm();

    await user.type(quantity(syringe), '10');
    await user.type(screen.getByLabelText('Counted'), '40');
    await user.type(screen.getByLabelText('Or containers'), '1');
    // 40 counted and 1 container of 100.
    expect(screen.getByText('About 140 syringes in all')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Also for others'), '3');
    await user.click(screen.getByRole('checkbox', { name: 'HIV test' }));
    expect(screen.getByRole('checkbox', { name: 'HIV test' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Add a reversal report' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome 1' }), 'Person survived');
    await user.type(screen.getByRole('spinbutton', { name: 'Naloxone doses used 1' }), '2');
    await user.click(screen.getByRole('button', { name: 'Add a request we could not meet' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Requested item 1' }), glassStem.name);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Why not 1' }), 'not carried by the program');
    await user.type(screen.getByRole('textbox', { name: 'Note' }), '  Asked about wound care  ');
    await user.click(saveButton());

    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.log'].mock.calls[0]![0]).toEqual({
      formKey: expect.stringMatching(uuid),
      siteId: sites[0]!.id,
      occurredAt: expect.any(String),
      participantCode: null,
      lines: [{ itemId: syringe.id, quantity: 10 }],
      collected: { counted: 40, containers: 1 },
      onBehalfOf: 3,
      services: [hivTest],
      reversals: [{ outcome: 'survived', dosesUsed: 2, note: null }],
      unmetRequests: [{ itemId: glassStem.id, reason: 'not_carried', quantity: null }],
      note: 'Asked about wound care',
    });
    // All of it is cleared for the next person.
    await waitFor(() => expect(screen.getByLabelText('Counted')).toHaveValue(null));
    expect(screen.getByRole('checkbox', { name: 'HIV test' })).not.toBeChecked();
    expect(screen.queryByRole('combobox', { name: 'Outcome 1' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('');
  });

  it('shows a reversal without an outcome at its field, sending nothing', async () => {
    const { bridge, user } = await openForm();
    await user.click(screen.getByRole('button', { name: 'Add a reversal report' }));
    await user.click(saveButton());
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Outcome 1' })).toHaveAccessibleDescription('A value is not valid.'),
    );
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
  });

  it('opens the keyboard shortcuts with F1, listing the presets, and closes them with Escape', async () => {
    const { user } = await openForm({ presets: [injectionPreset] });
    await waitFor(() => expect(codeInput()).toHaveFocus());

    // user-event has no F1 in its key map; a browser sends both key and code.
    fireEvent.keyDown(codeInput(), { key: 'F1', code: 'F1' });
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(help)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toContain('Ctrl+EnterSave');
    expect(rows).toContain('Alt+AAnonymous walk-in, then on to supplies');
    expect(rows).toContain('Alt+1Add the preset "Standard injection kit x2"');
    expect(rows).toContain('Alt+UUndo the last save (for 10 seconds)');
    // The shortcuts of the form are off while the list is open.
    await user.keyboard('{Alt>}t{/Alt}');
    expect(screen.queryByRole('spinbutton', { name: 'Contacts' })).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });
});
