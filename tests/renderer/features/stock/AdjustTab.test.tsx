import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { items, programReason, refused, sites, stockLot } from '../../support/fakeBridge';
import { openStock } from './support';

const [syringe, naloxone] = items as [(typeof items)[0], (typeof items)[0]];
const lot = stockLot('NX-2207', '2027-03-31', 30);
const heldLot = { ...stockLot('NX-3001', '2027-09-30', 12, 2), onHold: true };
const stock = [
  { siteId: sites[0]!.id, itemId: syringe.id, units: 500 },
  { siteId: sites[0]!.id, itemId: naloxone.id, units: 42, lots: [lot, heldLot] },
];

const adjustForm = () => within(screen.getByRole('form', { name: 'Adjust stock' }));
const save = () => adjustForm().getByRole('button', { name: 'Save adjustment' });

describe('Stock: adjusting', () => {
  it('is offered to coordinators only', async () => {
    await openStock({ stock }, 'outreach_worker');
    expect(screen.queryByRole('tab', { name: 'Adjust' })).not.toBeInTheDocument();
  });

  it("offers Outpost's reasons and the program's active ones, each with the way it moves stock", async () => {
    await openStock(
      {
        stock,
        reasons: [
          programReason('Used for training'),
          programReason('Old reason', { id: '0190f5a0-0000-7000-8000-000000001402', active: false }),
        ],
      },
      'coordinator',
      'Adjust',
    );
    const reason = adjustForm().getByRole('combobox', { name: 'Reason' });
    await waitFor(() => expect(within(reason).getAllByRole('option')).toHaveLength(10));
    expect(
      within(reason)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Choose a reason',
      'Damaged (takes stock off)',
      'Expired (takes stock off)',
      'Donated (adds or takes off)',
      'Lost (takes stock off)',
      'Found (adds stock)',
      'Count correction (adds or takes off)',
      'Disposal (takes stock off)',
      'Recalled (takes stock off)',
      'Used for training (takes stock off)',
    ]);
  });

  it('refuses at their fields: no reason, zero, more than a lot holds, more than the site holds', async () => {
    const { bridge, user } = await openStock({ stock }, 'coordinator', 'Adjust');
    const form = adjustForm();
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.type(form.getByLabelText('Units, line 1'), '0');
    await user.click(save());
    expect(form.getByRole('combobox', { name: 'Reason' })).toHaveAccessibleDescription(
      'Choose a reason for the adjustment.',
    );
    expect(form.getByLabelText('Units, line 1')).toHaveAccessibleDescription(
      'Units must be a whole number from 1 to 10,000,000.',
    );

    await user.selectOptions(form.getByRole('combobox', { name: 'Reason' }), 'damaged');
    await user.clear(form.getByLabelText('Units, line 1'));
    await user.type(form.getByLabelText('Units, line 1'), '501');
    await user.click(save());
    expect(form.getByLabelText('Units, line 1')).toHaveAccessibleDescription(
      'The site does not have that many units on hand. Check the quantity, or count the stock first.',
    );

    // A lot picked by hand: no more than it holds at the site.
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), naloxone.name);
    const lotField = await form.findByRole('combobox', { name: 'Lot, line 1' });
    await waitFor(() => expect(within(lotField).getAllByRole('option')).toHaveLength(3));
    expect(
      within(lotField)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'First to expire goes first',
      'Lot NX-2207 · expires Mar 31, 2027 · 30 units',
      'Lot NX-3001 · expires Sep 30, 2027 · 12 units · on hold',
    ]);
    await user.selectOptions(lotField, lot.lotId);
    await user.clear(form.getByLabelText('Units, line 1'));
    await user.type(form.getByLabelText('Units, line 1'), '31');
    await user.click(save());
    expect(form.getByLabelText('Units, line 1')).toHaveAccessibleDescription(
      'This lot holds fewer units at this site.',
    );
    expect(bridge['inventory.adjust']).not.toHaveBeenCalled();
  });

  it('asks which way for a reason that goes either way, and a lot for units added to an item tracked by lot', async () => {
    const { bridge, user } = await openStock({ stock }, 'coordinator', 'Adjust');
    const form = adjustForm();
    await user.selectOptions(await form.findByRole('combobox', { name: 'Reason' }), 'count_correction');
    expect(form.getByRole('combobox', { name: 'Reason' })).toHaveAccessibleDescription(
      'This reason goes either way: say for each line whether it adds units or takes them off.',
    );
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), naloxone.name);
    await user.type(form.getByLabelText('Units, line 1'), '2');
    await user.click(save());
    expect(form.getByRole('combobox', { name: 'Adds or takes off, line 1' })).toHaveAccessibleDescription(
      'This reason can add or remove stock: say which.',
    );
    await user.selectOptions(form.getByRole('combobox', { name: 'Adds or takes off, line 1' }), 'add');
    await user.click(save());
    expect(form.getByRole('combobox', { name: 'Lot, line 1' })).toHaveAccessibleDescription(
      expect.stringContaining('Choose the lot: this item is tracked by lot.'),
    );
    // A lot on hold takes no units in.
    await user.selectOptions(form.getByRole('combobox', { name: 'Lot, line 1' }), heldLot.lotId);
    await user.click(save());
    expect(form.getByRole('combobox', { name: 'Lot, line 1' })).toHaveAccessibleDescription(
      expect.stringContaining('This lot is on hold: choose another lot, or release it first.'),
    );
    await user.selectOptions(form.getByRole('combobox', { name: 'Lot, line 1' }), lot.lotId);
    await user.click(save());
    await waitFor(() => expect(bridge['inventory.adjust']).toHaveBeenCalledTimes(1));
    expect(bridge['inventory.adjust'].mock.calls[0]![0]).toEqual({
      siteId: sites[0]!.id,
      reason: 'count_correction',
      lines: [{ itemId: naloxone.id, units: 2, direction: 'add', lotId: lot.lotId }],
      formKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await form.findByRole('status')).toHaveTextContent(
      'Adjustment saved at Downtown drop-in: Count correction, +2 units.',
    );
  });

  it('takes packs as units of the pack size, says so, and shows a refusal of the core at its field', async () => {
    const { bridge, user } = await openStock({ stock }, 'coordinator', 'Adjust');
    const form = adjustForm();
    await user.selectOptions(await form.findByRole('combobox', { name: 'Reason' }), 'damaged');
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.click(form.getByRole('radio', { name: 'Packs' }));
    await user.type(form.getByLabelText('Packs, line 1'), '2');
    expect(form.getByText('Makes 200 units (packs of 100)')).toBeInTheDocument();
    bridge['inventory.adjust'].mockResolvedValueOnce(
      refused({
        code: 'adjustment_exceeds_stock',
        message: 'The site does not have that many units on hand.',
        field: 'lines.0.units',
      }),
    );
    await user.click(save());
    await waitFor(() => expect(bridge['inventory.adjust']).toHaveBeenCalledTimes(1));
    expect(bridge['inventory.adjust'].mock.calls[0]![0].lines).toEqual([{ itemId: syringe.id, units: 200 }]);
    await waitFor(() =>
      expect(form.getByLabelText('Packs, line 1')).toHaveAccessibleDescription(
        'The site does not have that many units on hand. Check the quantity, or count the stock first.',
      ),
    );
    expect(form.getByLabelText('Packs, line 1')).toHaveFocus();
  });

  it("adds, renames and retires the program's own reasons", async () => {
    const training = programReason('Used for training');
    const { bridge, user } = await openStock({ stock, reasons: [training] }, 'coordinator', 'Adjust');
    const section = within(screen.getByRole('region', { name: "The program's own reasons" }));
    const row = within((await section.findByRole('table')).querySelector('tbody tr')!);
    expect(row.getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'Used for training',
      'takes stock off',
      'In use',
      'RenameRetire',
    ]);
    await user.click(row.getByRole('button', { name: 'Retire Used for training' }));
    await waitFor(() =>
      expect(bridge['adjustmentReasons.update']).toHaveBeenCalledWith({ id: training.id, active: false }),
    );

    await user.click(row.getByRole('button', { name: 'Rename Used for training' }));
    const dialog = within(await screen.findByRole('dialog'));
    await user.clear(dialog.getByLabelText('Name'));
    await user.click(dialog.getByRole('button', { name: 'Rename' }));
    expect(dialog.getByLabelText('Name')).toHaveAccessibleDescription(expect.stringMatching(/./));
    expect(bridge['adjustmentReasons.update']).toHaveBeenCalledTimes(1);
    await user.type(dialog.getByLabelText('Name'), 'Training kits');
    await user.click(dialog.getByRole('button', { name: 'Rename' }));
    await waitFor(() =>
      expect(bridge['adjustmentReasons.update']).toHaveBeenLastCalledWith({ id: training.id, name: 'Training kits' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const add = within(section.getByRole('form', { name: 'Add a reason' }));
    await user.type(add.getByLabelText('Name'), 'Given to a partner');
    await user.selectOptions(add.getByRole('combobox', { name: 'Moves stock' }), 'either');
    await user.click(add.getByRole('button', { name: 'Add reason' }));
    await waitFor(() =>
      expect(bridge['adjustmentReasons.create']).toHaveBeenCalledWith({
        name: 'Given to a partner',
        direction: 'either',
      }),
    );
    expect(await add.findByRole('status')).toHaveTextContent('Reason added: Given to a partner.');
  });
});
