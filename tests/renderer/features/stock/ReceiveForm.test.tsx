import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { items, refused, sites } from '../../support/fakeBridge';
import { openStock } from './support';

const [syringe, naloxone] = items as [(typeof items)[0], (typeof items)[0]];

async function openReceive() {
  const opened = await openStock({}, 'coordinator', 'Receive');
  const form = within(await screen.findByRole('form', { name: 'Receive stock' }));
  return { ...opened, form };
}

describe('Stock: receive', () => {
  it('receives packs of an item not tracked by lot, with no lot fields, and clears the form for the next item', async () => {
    const { bridge, user, form } = await openReceive();
    expect(form.getByRole('combobox', { name: 'Site receiving it' })).toHaveValue(sites[0]!.id);
    await user.selectOptions(form.getByRole('combobox', { name: 'Item' }), syringe.name);
    expect(form.queryByLabelText(/Lot number/)).not.toBeInTheDocument();
    expect(form.queryByLabelText(/Expiry date/)).not.toBeInTheDocument();
    await user.type(form.getByLabelText(/Packs received/), '3');
    expect(form.getByTestId('receive-makes')).toHaveTextContent('Makes 300 units (packs of 100)');
    await user.type(form.getByLabelText('Source or funder'), 'County health department');
    const onHandCalls = bridge['inventory.onHand'].mock.calls.length;
    await user.click(form.getByRole('button', { name: 'Receive stock' }));

    await waitFor(() => expect(bridge['inventory.receive']).toHaveBeenCalledTimes(1));
    expect(bridge['inventory.receive']).toHaveBeenCalledWith({
      siteId: sites[0]!.id,
      itemId: syringe.id,
      packs: 3,
      source: 'County health department',
    });
    expect(await form.findByRole('status')).toHaveTextContent(
      `Received 300 units of ${syringe.name} at Downtown drop-in.`,
    );
    expect(form.getByRole('combobox', { name: 'Item' })).toHaveValue('');
    expect(form.getByRole('combobox', { name: 'Item' })).toHaveFocus();
    expect(form.getByLabelText(/Packs received/)).toHaveValue(null);
    expect(form.getByRole('combobox', { name: 'Site receiving it' })).toHaveValue(sites[0]!.id);
    // On hand is read again after a receipt.
    await user.click(screen.getByRole('tab', { name: 'On hand' }));
    await waitFor(() => expect(bridge['inventory.onHand'].mock.calls.length).toBeGreaterThan(onHandCalls));
  });

  it('asks for the lot and expiry of an item tracked by lot, and sends units when units are chosen', async () => {
    const { bridge, user, form } = await openReceive();
    await user.selectOptions(form.getByRole('combobox', { name: 'Item' }), naloxone.name);
    await user.click(form.getByRole('radio', { name: 'Units' }));
    await user.type(form.getByLabelText(/Units received/), '24');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    expect(await form.findByText('Enter the lot number: this item is tracked by lot.')).toBeInTheDocument();
    expect(form.getByText('Enter the expiry date: this item is tracked by lot.')).toBeInTheDocument();
    expect(form.getByLabelText(/Lot number/)).toHaveAttribute('aria-invalid', 'true');
    expect(bridge['inventory.receive']).not.toHaveBeenCalled();

    await user.type(form.getByLabelText(/Lot number/), 'nx-2207');
    await user.type(form.getByLabelText(/Expiry date/), '2030-01-31');
    await user.type(form.getByLabelText('Note'), 'Two cartons');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() => expect(bridge['inventory.receive']).toHaveBeenCalledTimes(1));
    expect(bridge['inventory.receive']).toHaveBeenCalledWith({
      siteId: sites[0]!.id,
      itemId: naloxone.id,
      units: 24,
      lotNumber: 'nx-2207',
      expiresOn: '2030-01-31',
      note: 'Two cartons',
    });
  });

  it('receives a lot that has already expired only once that is confirmed', async () => {
    const { bridge, user, form } = await openReceive();
    await user.selectOptions(form.getByRole('combobox', { name: 'Item' }), naloxone.name);
    await user.type(form.getByLabelText(/Packs received/), '2');
    await user.type(form.getByLabelText(/Lot number/), 'OLD-1');
    await user.type(form.getByLabelText(/Expiry date/), '2020-01-31');
    const confirm = form.getByRole('checkbox', { name: 'This lot has already expired; receive it anyway' });
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    expect(
      await form.findByText('The expiry date has passed. Tick the box to receive this lot anyway, or change the date.'),
    ).toBeInTheDocument();
    expect(bridge['inventory.receive']).not.toHaveBeenCalled();

    await user.click(confirm);
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() =>
      expect(bridge['inventory.receive']).toHaveBeenCalledWith({
        siteId: sites[0]!.id,
        itemId: naloxone.id,
        packs: 2,
        lotNumber: 'OLD-1',
        expiresOn: '2020-01-31',
        expiredConfirmed: true,
      }),
    );
  });

  it('sends the moment received only when it was changed', async () => {
    const { bridge, user, form } = await openReceive();
    await user.selectOptions(form.getByRole('combobox', { name: 'Item' }), syringe.name);
    await user.type(form.getByLabelText(/Packs received/), '1');
    const receivedAt = form.getByLabelText('Received at');
    await user.clear(receivedAt);
    await user.type(receivedAt, '2026-11-20T09:30');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    await waitFor(() => expect(bridge['inventory.receive']).toHaveBeenCalledTimes(1));
    const sent = bridge['inventory.receive'].mock.calls[0]![0];
    expect(sent.receivedAt).toMatch(/^2026-11-20T09:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(sent.receivedAt!).getTime()).toBe(new Date(2026, 10, 20, 9, 30).getTime());
  });

  it('shows a refusal of the core at the field it names', async () => {
    const { bridge, user, form } = await openReceive();
    bridge['inventory.receive'].mockResolvedValueOnce(
      refused({
        code: 'lot_expiry_mismatch',
        message: 'This lot is already recorded with a different expiry date.',
        field: 'expiresOn',
      }),
    );
    await user.selectOptions(form.getByRole('combobox', { name: 'Item' }), naloxone.name);
    await user.type(form.getByLabelText(/Packs received/), '1');
    await user.type(form.getByLabelText(/Lot number/), 'NX-2207');
    await user.type(form.getByLabelText(/Expiry date/), '2030-02-28');
    await user.click(form.getByRole('button', { name: 'Receive stock' }));
    const expiry = form.getByLabelText(/Expiry date/);
    await waitFor(() => expect(expiry).toHaveAttribute('aria-invalid', 'true'));
    expect(expiry).toHaveAccessibleDescription(
      'This lot is already recorded with a different expiry date. Check the lot number and the expiry date.',
    );
    expect(expiry).toHaveFocus();
    // Nothing was saved: the form keeps what was typed.
    expect(form.getByLabelText(/Lot number/)).toHaveValue('NX-2207');
    expect(form.getByRole('status')).toHaveTextContent('');
  });
});
