import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { items, refused, sites, stockLot, transfer } from '../../support/fakeBridge';
import { openStock } from './support';

const [syringe, naloxone] = items as [(typeof items)[0], (typeof items)[0]];
const lot = stockLot('NX-2207', '2027-03-31', 30);
const laterLot = stockLot('NX-3001', '2027-09-30', 12, 2);
const stock = [
  { siteId: sites[0]!.id, itemId: syringe.id, units: 500 },
  { siteId: sites[0]!.id, itemId: naloxone.id, units: 42, lots: [lot, laterLot] },
];

/** Two lines in transit from the drop-in to the van: 200 syringes and 10 boxes of one lot. */
const inTransit = transfer({ reference: 'PS-14' }, [
  { item: syringe, units: 200 },
  { item: naloxone, units: 10, lot },
]);

const sendForm = () => within(screen.getByRole('form', { name: 'Send stock to another site' }));

describe('Stock: sending a transfer', () => {
  it('sends lines in packs or units, a lot picked by hand or first to expire first, with its form key', async () => {
    const { bridge, user } = await openStock({ stock }, 'coordinator', 'Transfers');
    const form = sendForm();
    expect(form.getByRole('combobox', { name: 'From site' })).toHaveValue(sites[0]!.id);
    expect(form.getByRole('combobox', { name: 'To site' })).toHaveValue(sites[1]!.id);
    expect(form.getByRole('switch', { name: /Received at the other site now/ })).not.toBeChecked();

    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.type(form.getByLabelText('Packs, line 1'), '2');
    expect(form.queryByRole('combobox', { name: 'Lot, line 1' })).not.toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Add another item' }));
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 2' }), naloxone.name);
    const line2 = within(form.getByText('Line 2').closest<HTMLElement>('.mantine-Paper-root')!);
    await user.click(line2.getByRole('radio', { name: 'Units' }));
    await user.type(form.getByLabelText('Units, line 2'), '10');
    const lotField = await form.findByRole('combobox', { name: 'Lot, line 2' });
    expect(lotField).toHaveValue('');
    expect(
      within(lotField)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'First to expire goes first',
      'Lot NX-2207 · expires Mar 31, 2027 · 30 units',
      'Lot NX-3001 · expires Sep 30, 2027 · 12 units',
    ]);
    await user.selectOptions(lotField, laterLot.lotId);
    await user.type(form.getByLabelText('Reference number'), 'PS-15');
    await user.click(form.getByRole('button', { name: 'Send stock' }));

    await waitFor(() => expect(bridge['inventory.transfer']).toHaveBeenCalledTimes(1));
    const sent = bridge['inventory.transfer'].mock.calls[0]![0];
    expect(sent).toEqual({
      fromSiteId: sites[0]!.id,
      toSiteId: sites[1]!.id,
      lines: [
        { itemId: syringe.id, packs: 2 },
        { itemId: naloxone.id, units: 10, lotId: laterLot.lotId },
      ],
      reference: 'PS-15',
      receiveNow: false,
      formKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await form.findByRole('status')).toHaveTextContent(
      'Transfer sent. It stays in transit until Van 1 confirms what arrived.',
    );
    expect(form.getByRole('combobox', { name: 'Item, line 1' })).toHaveFocus();
    expect(form.queryByRole('combobox', { name: 'Item, line 2' })).not.toBeInTheDocument();

    // A new form, a new key: the next transfer is another one.
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.type(form.getByLabelText('Packs, line 1'), '1');
    await user.click(form.getByRole('switch', { name: /Received at the other site now/ }));
    await user.click(form.getByRole('button', { name: 'Send stock' }));
    await waitFor(() => expect(bridge['inventory.transfer']).toHaveBeenCalledTimes(2));
    const next = bridge['inventory.transfer'].mock.calls[1]![0];
    expect(next).toMatchObject({ lines: [{ itemId: syringe.id, packs: 1 }], receiveNow: true });
    expect(next.formKey).not.toBe(sent.formKey);
    expect(await form.findByText('Transfer sent and received at Van 1.')).toBeInTheDocument();
  });

  it('refuses a transfer to the same site at the field, and shows the core refusing more than on hand at the quantity', async () => {
    const { bridge, user } = await openStock({ stock }, 'coordinator', 'Transfers');
    const form = sendForm();
    await user.selectOptions(form.getByRole('combobox', { name: 'To site' }), sites[0]!.id);
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.type(form.getByLabelText('Packs, line 1'), '9');
    await user.click(form.getByRole('button', { name: 'Send stock' }));
    await waitFor(() =>
      expect(form.getByRole('combobox', { name: 'To site' })).toHaveAccessibleDescription(
        'A transfer goes to another site: choose a different one.',
      ),
    );
    expect(bridge['inventory.transfer']).not.toHaveBeenCalled();

    bridge['inventory.transfer'].mockResolvedValueOnce(
      refused({ code: 'transfer_exceeds_stock', message: 'Not that many.', field: 'lines.0.packs' }),
    );
    await user.selectOptions(form.getByRole('combobox', { name: 'To site' }), sites[1]!.id);
    await user.click(form.getByRole('button', { name: 'Send stock' }));
    const quantity = form.getByLabelText('Packs, line 1');
    await waitFor(() => expect(quantity).toHaveAttribute('aria-invalid', 'true'));
    expect(quantity).toHaveAccessibleDescription(
      'The sending site does not have that many units available. Check the quantity, or count the stock first.',
    );
    expect(quantity).toHaveFocus();

    // A retry of the same form carries the same key, so the core saves it once however often it is pressed.
    await user.click(form.getByRole('button', { name: 'Send stock' }));
    await waitFor(() => expect(bridge['inventory.transfer']).toHaveBeenCalledTimes(2));
    const [first, second] = bridge['inventory.transfer'].mock.calls.map(([input]) => input);
    expect(second!.formKey).toBe(first!.formKey);
  });
});

describe('Stock: the transfers list', () => {
  it('lists transfers in transit with what they carry, and confirms a receipt with what came and what never will', async () => {
    const { bridge, user } = await openStock({ stock, transfers: [inTransit] }, 'outreach_worker', 'Transfers');
    const table = await screen.findByRole('table', { name: 'Transfers' });
    expect(bridge['inventory.transfers']).toHaveBeenCalledWith({ status: 'in_transit', limit: 100 });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent(`${syringe.name}, sent: 200 units · 2 packs of 100`);
    expect(row).toHaveTextContent(`${naloxone.name} (lot NX-2207), sent: 10 units`);
    expect(row).toHaveTextContent('Reference number: PS-14');
    expect(row).toHaveTextContent('In transit');
    // Field staff confirm what arrived; cancelling and writing off are a coordinator's.
    expect(within(row).queryByRole('button', { name: /^Cancel/ })).not.toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /^Write off/ })).not.toBeInTheDocument();
    await user.click(
      within(row).getByRole('button', {
        name: 'Confirm receipt of the transfer from Downtown drop-in to Van 1 sent Nov 22, 2026',
      }),
    );

    const dialog = within(await screen.findByRole('dialog', { name: 'Confirm receipt' }));
    expect(dialog.getByText('Sent: 200 units · in transit: 200 units')).toBeInTheDocument();
    const syringes = dialog.getByLabelText(`Received: ${syringe.name}`);
    const boxes = dialog.getByLabelText(`Received: ${naloxone.name} (lot NX-2207)`);
    expect(syringes).toHaveValue(200);
    expect(boxes).toHaveValue(10);

    await user.clear(syringes);
    await user.type(syringes, '150');
    expect(dialog.getByRole('radiogroup', { name: 'The rest: 50 units' })).toBeInTheDocument();
    await user.click(dialog.getAllByRole('radio', { name: 'Will not arrive: write it off' })[0]!);
    await user.clear(boxes);
    await user.type(boxes, '4');
    // Without a reason the units cannot be written off.
    await user.click(dialog.getByRole('button', { name: 'Confirm receipt' }));
    const reason = dialog.getByRole('combobox', { name: `Why, for ${syringe.name}` });
    await waitFor(() =>
      expect(reason).toHaveAccessibleDescription('Say why the stock did not arrive: short, damaged or lost.'),
    );
    expect(bridge['inventory.receiveTransfer']).not.toHaveBeenCalled();

    await user.selectOptions(reason, 'damaged');
    await user.click(dialog.getByRole('button', { name: 'Confirm receipt' }));
    await waitFor(() => expect(bridge['inventory.receiveTransfer']).toHaveBeenCalledTimes(1));
    expect(bridge['inventory.receiveTransfer']).toHaveBeenCalledWith({
      transferId: inTransit.id,
      lines: [
        { line: 1, received: 150, writtenOff: 50, reason: 'damaged' },
        // The rest of this line is still on the way.
        { line: 2, received: 4 },
      ],
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Receipt confirmed for the transfer from Downtown drop-in to Van 1.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Transfers' })).toHaveFocus();
  });

  it('lets a coordinator cancel a transfer nothing of which arrived, with a reason, or write it off', async () => {
    const partly = transfer({ id: '0190f5a0-0000-7000-8000-000000001202' }, [{ item: syringe, units: 100 }]);
    partly.lines[0] = { ...partly.lines[0]!, received: 60, inTransit: 40 };
    const { bridge, user } = await openStock({ transfers: [inTransit, partly] }, 'coordinator', 'Transfers');
    const table = await screen.findByRole('table', { name: 'Transfers' });
    const [, untouched, started] = within(table).getAllByRole('row');
    // Part of it came: it can no longer be cancelled, only what is left written off.
    expect(within(started!).queryByRole('button', { name: /^Cancel/ })).not.toBeInTheDocument();
    expect(started).toHaveTextContent('received: 60 units · in transit: 40 units');

    await user.click(within(untouched!).getByRole('button', { name: /^Cancel the transfer/ }));
    let dialog = within(await screen.findByRole('dialog', { name: 'Cancel a transfer' }));
    await user.click(dialog.getByRole('button', { name: 'Cancel transfer' }));
    expect(await dialog.findByText('Give a reason.')).toBeInTheDocument();
    expect(bridge['inventory.cancelTransfer']).not.toHaveBeenCalled();
    await user.type(dialog.getByLabelText(/Reason for cancelling/), 'Van went to the other zone');
    await user.click(dialog.getByRole('button', { name: 'Cancel transfer' }));
    await waitFor(() =>
      expect(bridge['inventory.cancelTransfer']).toHaveBeenCalledWith({
        transferId: inTransit.id,
        reason: 'Van went to the other zone',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(within(started!).getByRole('button', { name: /^Write off the transfer/ }));
    dialog = within(await screen.findByRole('dialog', { name: 'Write off a transfer' }));
    expect(dialog.getByText(/What is still in transit \(40 units\) will not arrive/)).toBeInTheDocument();
    await user.selectOptions(dialog.getByRole('combobox', { name: /Why it did not arrive/ }), 'lost');
    await user.click(dialog.getByRole('button', { name: 'Write off' }));
    await waitFor(() =>
      expect(bridge['inventory.writeOffTransfer']).toHaveBeenCalledWith({ transferId: partly.id, reason: 'lost' }),
    );
  });
});

describe('Stock: who sees what', () => {
  it('shows an outreach worker no Receive tab and no form to send stock', async () => {
    const { user } = await openStock({ transfers: [inTransit] }, 'outreach_worker');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['On hand', 'Transfers', 'Count']);
    await user.click(screen.getByRole('tab', { name: 'Transfers' }));
    await screen.findByRole('table', { name: 'Transfers' });
    expect(screen.queryByRole('form', { name: 'Send stock to another site' })).not.toBeInTheDocument();
  });

  it('shows a viewer transfers without any action', async () => {
    await openStock({ transfers: [inTransit] }, 'viewer', 'Transfers');
    const table = await screen.findByRole('table', { name: 'Transfers' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('form', { name: 'Send stock to another site' })).not.toBeInTheDocument();
  });

  it('shows a coordinator every tab', async () => {
    await openStock({}, 'coordinator');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'On hand',
      'Receive',
      'Transfers',
      'Adjust',
      'Count',
    ]);
  });
});
