import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Item, ItemGtin } from '@contract/catalog';
import { installFakeBridge, items, ok } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

const [syringe] = items as [Item];
const box: ItemGtin = {
  id: '0190f5a0-0000-7000-8000-000000001601',
  itemId: syringe.id,
  gtin: '00614141000012',
  unitsPerPack: 100,
  label: 'Box of 100',
  active: true,
};

async function editSyringes() {
  const bridge = installFakeBridge({ gtins: [box] });
  bridge['items.updateGtin'].mockImplementation(async ({ id, active }) =>
    ok({ ...box, id, active: active ?? box.active }),
  );
  const user = userEvent.setup();
  renderApp();
  await user.click(
    within(await screen.findByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Settings' }),
  );
  await user.click(screen.getByRole('tab', { name: 'Supplies' }));
  await user.click(await screen.findByRole('button', { name: `Edit ${syringe.name}` }));
  const section = await screen.findByRole('table', { name: `Barcodes of ${syringe.name}` });
  const form = within(screen.getByRole('form', { name: `Add a GTIN to ${syringe.name}` }));
  return { bridge, user, section, form };
}

describe('Settings: an item’s GTINs', () => {
  it('lists the packages with their units, adds one typed in, and retires one', async () => {
    const { bridge, user, section, form } = await editSyringes();
    expect(bridge['items.gtins']).toHaveBeenCalledWith({ itemId: syringe.id, includeInactive: true });
    const cells = within(section)
      .getAllByRole('cell')
      .slice(0, 4)
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['614141000012', 'Box of 100', '1 package = 100 units (syringe)', 'Active']);

    await user.type(form.getByLabelText('GTIN'), '1061414100001 9');
    await user.type(form.getByLabelText('Package name (optional)'), 'Case of 10 boxes');
    await user.clear(form.getByLabelText('Units in the package'));
    await user.type(form.getByLabelText('Units in the package'), '1000');
    await user.click(form.getByRole('button', { name: 'Add GTIN' }));
    await waitFor(() =>
      expect(bridge['items.addGtin']).toHaveBeenCalledWith({
        itemId: syringe.id,
        gtin: '1061414100001 9',
        unitsPerPack: 1000,
        label: 'Case of 10 boxes',
      }),
    );
    expect(bridge['inventory.readBarcode']).not.toHaveBeenCalled();
    expect(await screen.findByText(`GTIN 10614141000019 added to ${syringe.name}.`)).toBeInTheDocument();
    expect(form.getByLabelText('GTIN')).toHaveValue('');

    await user.click(within(section).getByRole('button', { name: 'Retire GTIN 614141000012' }));
    await waitFor(() => expect(bridge['items.updateGtin']).toHaveBeenCalledWith({ id: box.id, active: false }));
    expect(await screen.findByText('GTIN 614141000012 retired. Receipts that name it keep it.')).toBeInTheDocument();
  });

  it('reads the GTIN out of a GS1 barcode scanned into the field', async () => {
    const { bridge, user, form } = await editSyringes();
    bridge['inventory.readBarcode'].mockResolvedValueOnce(
      ok({ gtin: '10614141000019', lotNumber: 'L1', expiresOn: null, serial: null, item: null }),
    );
    await user.type(form.getByLabelText('GTIN'), '011061414100001910L1{Enter}');
    await waitFor(() =>
      expect(bridge['items.addGtin']).toHaveBeenCalledWith(
        expect.objectContaining({ itemId: syringe.id, gtin: '10614141000019', unitsPerPack: 100 }),
      ),
    );
    expect(bridge['inventory.readBarcode']).toHaveBeenCalledWith({ barcode: '011061414100001910L1' });
  });
});
