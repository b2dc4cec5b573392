import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BarcodeReading } from '@contract/inventory';
import { items, refused, sites } from '../../support/fakeBridge';
import { openStock } from './support';

const [syringe, naloxone] = items as [(typeof items)[0], (typeof items)[0]];
const GS = '\u001d';
const caseGtin = '04006381333931';
/** A case of 12 naloxone boxes, scanned from its DataMatrix: the lot after a GS. */
const caseScan = `]d201${caseGtin}1728013110NX-7781`;
const caseScanWithGs = `]d201${caseGtin}17280131${GS}10NX-7781`;
const caseReading: BarcodeReading = {
  gtin: caseGtin,
  lotNumber: 'NX-7781',
  expiresOn: '2028-01-31',
  serial: null,
  item: {
    itemId: naloxone.id,
    itemName: naloxone.name,
    unit: naloxone.unit,
    tracksLots: true,
    gtinId: '0190f5a0-0000-7000-8000-000000001501',
    unitsPerPack: 12,
    label: 'Case of 12',
  },
};
const unknownScan = '0100614141000012';
const unknownReading: BarcodeReading = {
  gtin: '00614141000012',
  lotNumber: null,
  expiresOn: null,
  serial: null,
  item: null,
};

async function openReceive() {
  const opened = await openStock(
    {
      barcodes: { [caseScan]: caseReading, [caseScanWithGs]: caseReading, [unknownScan]: unknownReading },
      gtins: [
        {
          id: caseReading.item!.gtinId,
          itemId: naloxone.id,
          gtin: caseGtin,
          unitsPerPack: 12,
          label: 'Case of 12',
          active: true,
        },
      ],
    },
    'coordinator',
    'Receive',
  );
  const form = within(await screen.findByRole('form', { name: 'Receive stock' }));
  return { ...opened, form };
}

describe('Stock: receive', () => {
  it('receives packs of an item not tracked by lot, with no lot fields, and clears the form for the next delivery', async () => {
    const { bridge, user, form } = await openReceive();
    expect(form.getByRole('combobox', { name: 'Site receiving it' })).toHaveValue(sites[0]!.id);
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    expect(form.queryByLabelText(/Lot number/)).not.toBeInTheDocument();
    expect(form.queryByLabelText(/Expiry date/)).not.toBeInTheDocument();
    await user.type(form.getByLabelText(/Packs, line 1/), '3');
    expect(form.getByTestId('receive-makes')).toHaveTextContent('1 pack = 100 units · Makes 300 units (packs of 100)');
    await user.type(form.getByLabelText('Source or funder'), 'County health department');
    await user.type(form.getByLabelText('Reference number'), 'PO-2291');
    const onHandCalls = bridge['inventory.onHand'].mock.calls.length;
    await user.click(form.getByRole('button', { name: 'Receive stock' }));

    await waitFor(() => expect(bridge['inventory.receiveDelivery']).toHaveBeenCalledTimes(1));
    expect(bridge['inventory.receiveDelivery']).toHaveBeenCalledWith({
      siteId: sites[0]!.id,
      lines: [{ itemId: syringe.id, packs: 3 }],
      source: 'County health department',
      reference: 'PO-2291',
      formKey: expect.any(String),
    });
    expect(await form.findByRole('status')).toHaveTextContent(
      `Received 300 units of ${syringe.name} at Downtown drop-in.`,
    );
    expect(form.getByRole('combobox', { name: 'Item, line 1' })).toHaveValue('');
    expect(form.getByLabelText('Scan a barcode')).toHaveFocus();
    expect(form.getByLabelText(/Packs, line 1/)).toHaveValue(null);
    expect(form.getByRole('combobox', { name: 'Site receiving it' })).toHaveValue(sites[0]!.id);
    // On hand is read again after a receipt.
    await user.click(screen.getByRole('tab', { name: 'On hand' }));
    await waitFor(() => expect(bridge['inventory.onHand'].mock.calls.length).toBeGreaterThan(onHandCalls));
  });

  it('asks for the lot and expiry of an item tracked by lot at its line, and sends units when units are chosen', async () => {
    const { bridge, user, form } = await openReceive();
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.type(form.getByLabelText(/Packs, line 1/), '1');
    await user.click(form.getByRole('button', { name: 'Add another item' }));
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 2' }), naloxone.name);
    const line2 = within(form.getByText('Line 2').closest('.mantine-Paper-root') as HTMLElement);
    await user.click(line2.getByRole('radio', { name: 'Units' }));
    await user.type(form.getByLabelText(/Units, line 2/), '24');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    expect(await form.findByText('Enter the lot number: this item is tracked by lot.')).toBeInTheDocument();
    expect(form.getByText('Enter the expiry date: this item is tracked by lot.')).toBeInTheDocument();
    expect(form.getByLabelText(/Lot number, line 2/)).toHaveAttribute('aria-invalid', 'true');
    expect(bridge['inventory.receiveDelivery']).not.toHaveBeenCalled();

    await user.type(form.getByLabelText(/Lot number, line 2/), 'nx-2207');
    await user.type(form.getByLabelText(/Expiry date, line 2/), '2030-01-31');
    await user.type(form.getByLabelText('Note'), 'Two cartons');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() => expect(bridge['inventory.receiveDelivery']).toHaveBeenCalledTimes(1));
    expect(bridge['inventory.receiveDelivery']).toHaveBeenCalledWith({
      siteId: sites[0]!.id,
      lines: [
        { itemId: syringe.id, packs: 1 },
        { itemId: naloxone.id, units: 24, lotNumber: 'nx-2207', expiresOn: '2030-01-31' },
      ],
      note: 'Two cartons',
      formKey: expect.any(String),
    });
    expect(await form.findByRole('status')).toHaveTextContent('Received 2 lines (124 units) at Downtown drop-in.');
  });

  it('receives a lot that has already expired only once that line says so', async () => {
    const { bridge, user, form } = await openReceive();
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), naloxone.name);
    await user.type(form.getByLabelText(/Packs, line 1/), '2');
    await user.type(form.getByLabelText(/Lot number, line 1/), 'OLD-1');
    await user.type(form.getByLabelText(/Expiry date, line 1/), '2020-01-31');
    const confirm = form.getByRole('checkbox', { name: 'Line 1: this lot has already expired; receive it anyway' });
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    expect(
      await form.findByText('The expiry date has passed. Tick the box to receive this lot anyway, or change the date.'),
    ).toBeInTheDocument();
    expect(bridge['inventory.receiveDelivery']).not.toHaveBeenCalled();

    await user.click(confirm);
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() =>
      expect(bridge['inventory.receiveDelivery']).toHaveBeenCalledWith(
        expect.objectContaining({
          lines: [
            { itemId: naloxone.id, packs: 2, lotNumber: 'OLD-1', expiresOn: '2020-01-31', expiredConfirmed: true },
          ],
        }),
      ),
    );
  });

  it('sends the moment received only when it was changed', async () => {
    const { bridge, user, form } = await openReceive();
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.type(form.getByLabelText(/Packs, line 1/), '1');
    const receivedAt = form.getByLabelText('Received at');
    await user.clear(receivedAt);
    await user.type(receivedAt, '2026-11-20T09:30');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() => expect(bridge['inventory.receiveDelivery']).toHaveBeenCalledTimes(1));
    const sent = bridge['inventory.receiveDelivery'].mock.calls[0]![0];
    expect(sent.receivedAt).toMatch(/^2026-11-20T09:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(sent.receivedAt!).getTime()).toBe(new Date(2026, 10, 20, 9, 30).getTime());
  });

  it("shows a refusal of the core at the line's field it names", async () => {
    const { bridge, user, form } = await openReceive();
    bridge['inventory.receiveDelivery'].mockResolvedValueOnce(
      refused({
        code: 'lot_expiry_mismatch',
        message: 'This lot is already recorded with a different expiry date.',
        field: 'lines.0.expiresOn',
      }),
    );
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), naloxone.name);
    await user.type(form.getByLabelText(/Packs, line 1/), '1');
    await user.type(form.getByLabelText(/Lot number, line 1/), 'NX-2207');
    await user.type(form.getByLabelText(/Expiry date, line 1/), '2030-02-28');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    const expiry = form.getByLabelText(/Expiry date, line 1/);
    await waitFor(() => expect(expiry).toHaveAttribute('aria-invalid', 'true'));
    expect(expiry).toHaveAccessibleDescription(
      'This lot is already recorded with a different expiry date. Check the lot number and the expiry date.',
    );
    expect(expiry).toHaveFocus();
    // Nothing was saved: the form keeps what was typed.
    expect(form.getByLabelText(/Lot number, line 1/)).toHaveValue('NX-2207');
    expect(form.getByRole('status')).toHaveTextContent('');
  });
});

describe('Stock: receive by scanning', () => {
  it('fills a line from each scan, with the package size, lot and expiry, and keeps the focus for the next scan', async () => {
    const { bridge, user, form } = await openReceive();
    const scan = form.getByLabelText('Scan a barcode');
    await user.click(scan);
    // As a scanner types it: the GS separator is a character of the field, then Enter.
    await user.type(scan, `${caseScanWithGs}{Enter}`);
    await waitFor(() => expect(form.getByRole('combobox', { name: 'Item, line 1' })).toHaveValue(naloxone.id));
    expect(bridge['inventory.readBarcode']).toHaveBeenCalledWith({ barcode: caseScanWithGs });
    expect(form.getByLabelText(/Packs, line 1/)).toHaveValue(1);
    expect(form.getByLabelText(/Lot number, line 1/)).toHaveValue('NX-7781');
    expect(form.getByLabelText(/Expiry date, line 1/)).toHaveValue('2028-01-31');
    expect(form.getByTestId('receive-makes')).toHaveTextContent(
      '1 pack (Case of 12) = 12 units · Makes 12 units (packs of 12)',
    );
    expect(form.getByTestId('receive-scan-result')).toHaveTextContent(
      `Line 1: ${naloxone.name}, 1 pack = 12 units, from the barcode.`,
    );
    expect(scan).toHaveValue('');
    expect(scan).toHaveFocus();

    // The next scan (this scanner drops the GS) is a line of its own.
    await user.type(scan, `${caseScan}{Enter}`);
    await waitFor(() => expect(form.getByRole('combobox', { name: 'Item, line 2' })).toHaveValue(naloxone.id));
    expect(scan).toHaveFocus();
    await user.clear(form.getByLabelText(/Packs, line 2/));
    await user.type(form.getByLabelText(/Packs, line 2/), '2');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() => expect(bridge['inventory.receiveDelivery']).toHaveBeenCalledTimes(1));
    const line = { itemId: naloxone.id, gtin: caseGtin, lotNumber: 'NX-7781', expiresOn: '2028-01-31' };
    expect(bridge['inventory.receiveDelivery'].mock.calls[0]![0].lines).toEqual([
      { ...line, packs: 1 },
      { ...line, packs: 2 },
    ]);
    expect(await form.findByRole('status')).toHaveTextContent('Received 2 lines (36 units) at Downtown drop-in.');
  });

  it('turns Ctrl+] from a scanner into the GS separator', async () => {
    const { user, form } = await openReceive();
    const scan = form.getByLabelText('Scan a barcode');
    await user.click(scan);
    await user.type(scan, `]d201${caseGtin}17280131`);
    fireEvent.keyDown(scan, { key: ']', code: 'BracketRight', ctrlKey: true });
    await user.type(scan, '10NX-7781');
    expect(scan).toHaveValue(caseScanWithGs);
  });

  it('says calmly when no item has the GTIN, fills what it read, and saves the GTIN for the item chosen', async () => {
    const { bridge, user, form } = await openReceive();
    const scan = form.getByLabelText('Scan a barcode');
    await user.type(scan, `${unknownScan}{Enter}`);
    expect(await form.findByTestId('receive-unknown-gtin')).toHaveTextContent(
      'No item has the GTIN 00614141000012 yet. Choose the item for line 1',
    );
    expect(scan).not.toHaveAttribute('aria-invalid', 'true');
    await user.selectOptions(form.getByRole('combobox', { name: 'Item, line 1' }), syringe.name);
    await user.click(
      form.getByRole('button', { name: `Save GTIN 00614141000012 for ${syringe.name} (1 pack = 100 units)` }),
    );
    await waitFor(() =>
      expect(bridge['items.addGtin']).toHaveBeenCalledWith({
        itemId: syringe.id,
        gtin: '00614141000012',
        unitsPerPack: 100,
      }),
    );
    await waitFor(() => expect(form.queryByTestId('receive-unknown-gtin')).not.toBeInTheDocument());
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() =>
      expect(bridge['inventory.receiveDelivery'].mock.calls[0]![0].lines).toEqual([
        { itemId: syringe.id, packs: 1, gtin: '00614141000012' },
      ]),
    );
  });

  it('shows a barcode it cannot read at the scan field, and adds no line', async () => {
    const { bridge, user, form } = await openReceive();
    const scan = form.getByLabelText('Scan a barcode');
    await user.type(scan, 'not a barcode{Enter}');
    await waitFor(() => expect(scan).toHaveAttribute('aria-invalid', 'true'));
    expect(scan).toHaveAccessibleDescription(/could not be read as a GTIN or a GS1 barcode/);
    expect(scan).toHaveValue('not a barcode');
    expect(form.queryByText('Line 2')).not.toBeInTheDocument();
    expect(bridge['inventory.receiveDelivery']).not.toHaveBeenCalled();
  });
});
