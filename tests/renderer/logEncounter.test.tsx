import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeBridge, items, refused, sites } from './support/fakeBridge';
import { renderApp } from './support/render';

const syringe = items[0]!;
const naloxone = items[1]!;

async function openForm() {
  const user = userEvent.setup();
  renderApp();
  // The form appears once sites and items have loaded.
  await screen.findByRole('combobox', { name: 'Item 1' });
  return user;
}

const saveButton = () => screen.getByRole('button', { name: 'Save encounter' });
const quantityInput = (n: number) => screen.getByRole('spinbutton', { name: `Quantity ${n}` });
const itemSelect = (n: number) => screen.getByRole('combobox', { name: `Item ${n}` });
const siteSelect = () => screen.getByRole('combobox', { name: 'Site' });
const codeInput = () => screen.getByRole('textbox', { name: 'Participant code' });
const dateInput = () => screen.getByLabelText('Date and time');

describe('Log encounter form', () => {
  it('renders the sites and items from the core, with the first site chosen and the time set to now', async () => {
    installFakeBridge();
    await openForm();

    expect(siteSelect()).toHaveValue(sites[0]!.id);
    expect(within(siteSelect()).getByRole('option', { name: 'Van 1' })).toBeInTheDocument();
    expect(within(siteSelect()).getByRole('group', { name: 'Mobile van' })).toBeInTheDocument();
    for (const item of items) {
      expect(within(itemSelect(1)).getByRole('option', { name: item.name })).toBeInTheDocument();
    }
    expect(within(itemSelect(1)).getByRole('group', { name: 'Naloxone' })).toBeInTheDocument();
    expect(itemSelect(1)).toHaveValue('');
    expect(quantityInput(1)).toHaveValue(null);
    expect(codeInput()).toHaveValue('');
    expect(codeInput()).toHaveAccessibleDescription('Leave empty for an anonymous walk-in.');
    expect(dateInput()).toHaveAttribute('type', 'datetime-local');
    const shown = new Date(String((dateInput() as HTMLInputElement).value)).getTime();
    expect(Math.abs(Date.now() - shown)).toBeLessThan(2 * 60_000);
  });

  it('shows a quantity of 0 as an error at the quantity field and sends nothing', async () => {
    const bridge = installFakeBridge();
    const user = await openForm();

    await user.selectOptions(itemSelect(1), syringe.name);
    await user.type(quantityInput(1), '0');
    await user.click(saveButton());

    await waitFor(() => expect(quantityInput(1)).toHaveAttribute('aria-invalid', 'true'));
    expect(quantityInput(1)).toHaveAccessibleDescription('Quantity must be at least 1.');
    expect(quantityInput(1)).toHaveFocus();
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('shows negative, fractional and missing quantities, a missing item and a missing date at their fields', async () => {
    const bridge = installFakeBridge();
    const user = await openForm();

    await user.type(quantityInput(1), '-3');
    await user.click(screen.getByRole('button', { name: 'Add supply line' }));
    await user.selectOptions(itemSelect(2), naloxone.name);
    await user.type(quantityInput(2), '1.5');
    await user.click(screen.getByRole('button', { name: 'Add supply line' }));
    await user.selectOptions(itemSelect(3), syringe.name);
    fireEvent.change(dateInput(), { target: { value: '' } });
    await user.click(saveButton());

    await waitFor(() => expect(itemSelect(1)).toHaveAccessibleDescription('Choose an item.'));
    expect(quantityInput(1)).toHaveAccessibleDescription('Quantity must be at least 1.');
    expect(quantityInput(2)).toHaveAccessibleDescription('Enter a whole number.');
    expect(quantityInput(3)).toHaveAccessibleDescription('Enter a quantity.');
    expect(dateInput()).toHaveAccessibleDescription('Enter a valid date and time.');
    expect(dateInput()).toHaveAttribute('aria-invalid', 'true');
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
  });

  it('rejects the same item twice and a malformed participant code before sending', async () => {
    const bridge = installFakeBridge();
    const user = await openForm();

    await user.type(codeInput(), 'MA 07');
    await user.selectOptions(itemSelect(1), syringe.name);
    await user.type(quantityInput(1), '5');
    await user.click(screen.getByRole('button', { name: 'Add supply line' }));
    await user.selectOptions(itemSelect(2), syringe.name);
    await user.type(quantityInput(2), '5');
    await user.click(saveButton());

    await waitFor(() =>
      expect(codeInput()).toHaveAccessibleDescription(/A participant code uses 1 to 32 letters, digits or dashes\./),
    );
    // The item check runs once every field has the right shape.
    await user.clear(codeInput());
    await user.click(saveButton());
    await waitFor(() =>
      expect(itemSelect(2)).toHaveAccessibleDescription(
        'This item is already in the list. Change its quantity instead.',
      ),
    );
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
  });

  it('saves a valid encounter with the contract payload, confirms it and resets for the next person', async () => {
    const bridge = installFakeBridge();
    const user = await openForm();

    await user.selectOptions(siteSelect(), 'Van 1');
    fireEvent.change(dateInput(), { target: { value: '2026-11-22T10:15' } });
    await user.type(codeInput(), 'ma0785');
    await user.selectOptions(itemSelect(1), syringe.name);
    await user.type(quantityInput(1), '10');
    await user.click(screen.getByRole('button', { name: 'Add supply line' }));
    await user.selectOptions(itemSelect(2), naloxone.name);
    await user.type(quantityInput(2), '1');
    await user.click(saveButton());

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Encounter saved'));
    expect(bridge['encounters.log']).toHaveBeenCalledTimes(1);
    const sent = bridge['encounters.log'].mock.calls[0]![0];
    expect(sent).toEqual({
      siteId: sites[1]!.id,
      occurredAt: expect.stringMatching(/^2026-11-22T10:15:00[+-]\d{2}:\d{2}$/),
      participantCode: 'MA0785',
      lines: [
        { itemId: syringe.id, quantity: 10 },
        { itemId: naloxone.id, quantity: 1 },
      ],
    });
    expect(new Date(sent.occurredAt).getTime()).toBe(new Date(2026, 10, 22, 10, 15).getTime());

    // Ready for the next person: same site, time now, no code, one empty line, cursor in the code field.
    await waitFor(() => expect(codeInput()).toHaveFocus());
    expect(siteSelect()).toHaveValue(sites[1]!.id);
    expect(codeInput()).toHaveValue('');
    expect(itemSelect(1)).toHaveValue('');
    expect(quantityInput(1)).toHaveValue(null);
    expect(screen.queryByRole('combobox', { name: 'Item 2' })).not.toBeInTheDocument();
    const shown = new Date((dateInput() as HTMLInputElement).value).getTime();
    expect(Math.abs(Date.now() - shown)).toBeLessThan(2 * 60_000);
    // The list is refreshed, and the site is remembered for next time.
    await waitFor(() => expect(bridge['encounters.list']).toHaveBeenCalledTimes(2));
    expect(window.localStorage.getItem('outpost.lastSiteId')).toBe(sites[1]!.id);
  });

  it('sends an empty participant code as null (an anonymous walk-in) and allows an encounter without supplies', async () => {
    const bridge = installFakeBridge();
    const user = await openForm();

    await user.type(codeInput(), '   ');
    await user.click(screen.getByRole('button', { name: 'Remove supply line 1' }));
    expect(screen.getByText('No supplies on this encounter.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add supply line' })).toHaveFocus();
    await user.click(saveButton());

    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.log'].mock.calls[0]![0]).toMatchObject({ participantCode: null, lines: [] });
    expect(await screen.findByText('Encounter saved')).toBeInTheDocument();
  });

  it('saves with Ctrl+Enter from any field', async () => {
    const bridge = installFakeBridge();
    const user = await openForm();

    await user.selectOptions(itemSelect(1), syringe.name);
    await user.type(quantityInput(1), '3{Control>}{Enter}{/Control}');

    await waitFor(() => expect(bridge['encounters.log']).toHaveBeenCalledTimes(1));
    expect(bridge['encounters.log'].mock.calls[0]![0].lines).toEqual([{ itemId: syringe.id, quantity: 3 }]);
    expect(await screen.findByText('Encounter saved')).toBeInTheDocument();
  });

  it('shows a server error about the site at the Site field', async () => {
    const bridge = installFakeBridge();
    bridge['encounters.log'].mockResolvedValue(
      refused({ code: 'site_not_found', message: 'That site does not exist.', field: 'siteId' }),
    );
    const user = await openForm();

    await user.selectOptions(itemSelect(1), syringe.name);
    await user.type(quantityInput(1), '2');
    await user.click(saveButton());

    await waitFor(() => expect(siteSelect()).toHaveAttribute('aria-invalid', 'true'));
    expect(siteSelect()).toHaveAccessibleDescription('This site does not exist. Choose another site.');
    expect(siteSelect()).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('');
    // Nothing is cleared: the person can fix the site and save again.
    expect(quantityInput(1)).toHaveValue(2);
  });

  it('puts each server issue at its field, and an error without a field above the Save button', async () => {
    const bridge = installFakeBridge();
    bridge['encounters.log'].mockResolvedValueOnce(
      refused({
        code: 'item_inactive',
        message: 'That item is no longer offered.',
        field: 'lines.0.itemId',
        issues: [
          { code: 'item_inactive', message: 'That item is no longer offered.', field: 'lines.0.itemId' },
          { code: 'occurred_at_future', message: 'The date and time is in the future.', field: 'occurredAt' },
        ],
      }),
    );
    const user = await openForm();

    await user.selectOptions(itemSelect(1), syringe.name);
    await user.type(quantityInput(1), '2');
    await user.click(saveButton());

    await waitFor(() =>
      expect(itemSelect(1)).toHaveAccessibleDescription('This item is no longer offered. Choose another item.'),
    );
    expect(dateInput()).toHaveAccessibleDescription('This date and time is in the future.');

    bridge['encounters.log'].mockResolvedValueOnce(
      refused({ code: 'core_unavailable', message: 'The database is not available right now. Nothing was changed.' }),
    );
    await user.click(saveButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The database is not available right now. Nothing was changed.');
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('adds and removes supply lines with numbered, labelled controls', async () => {
    installFakeBridge();
    const user = await openForm();

    await user.click(screen.getByRole('button', { name: 'Add supply line' }));
    await user.click(screen.getByRole('button', { name: 'Add supply line' }));
    expect(itemSelect(3)).toHaveFocus();
    await user.selectOptions(itemSelect(2), naloxone.name);
    await user.click(screen.getByRole('button', { name: 'Remove supply line 1' }));

    expect(itemSelect(1)).toHaveValue(naloxone.id);
    expect(itemSelect(1)).toHaveFocus();
    expect(screen.queryByRole('combobox', { name: 'Item 3' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove supply line 2' })).toBeInTheDocument();
  });

  it('preselects the site used last on this computer', async () => {
    window.localStorage.setItem('outpost.lastSiteId', sites[1]!.id);
    installFakeBridge();
    await openForm();
    expect(siteSelect()).toHaveValue(sites[1]!.id);
  });
});
