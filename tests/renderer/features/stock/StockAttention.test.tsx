import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeBridge, items, sites, stockLot, type FakeData } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

const [syringe, naloxone, strip] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];

async function openLogScreen(data: FakeData) {
  const bridge = installFakeBridge(data);
  const user = userEvent.setup();
  renderApp();
  await screen.findByRole('form', { name: 'Log an encounter or a tally' });
  return { bridge, user };
}

const attention = () => screen.queryByTestId('stock-attention');

describe('the log screen: stock at the site', () => {
  it('says nothing when all is well', async () => {
    const { bridge } = await openLogScreen({
      stock: [
        { siteId: sites[0]!.id, itemId: syringe.id, units: 500 },
        { siteId: sites[0]!.id, itemId: naloxone.id, units: 12, lots: [stockLot('NX-2207', '2027-03-31', 12)] },
      ],
    });
    await waitFor(() => expect(bridge['inventory.onHand']).toHaveBeenCalledWith({ siteId: sites[0]!.id }));
    await waitFor(() =>
      expect(screen.getByRole('spinbutton', { name: syringe.name })).toHaveAccessibleDescription('500 on hand here'),
    );
    expect(attention()).not.toBeInTheDocument();
  });

  it('quietly counts items out and lots expiring, on hold or expired, and opens the Stock screen at the site', async () => {
    const { user } = await openLogScreen({
      stock: [
        { siteId: sites[0]!.id, itemId: syringe.id, units: 0 },
        {
          siteId: sites[0]!.id,
          itemId: naloxone.id,
          units: 20,
          lots: [
            { ...stockLot('NX-1001', '2026-11-01', 4), expired: true },
            { ...stockLot('NX-2207', '2026-12-31', 6, 2), expiresSoon: true },
            { ...stockLot('NX-3001', '2027-01-15', 3, 3), expiresSoon: true },
            { ...stockLot('NX-4001', '2027-09-30', 7, 4), onHold: true },
          ],
        },
        // Another site's stock says nothing here.
        { siteId: sites[1]!.id, itemId: strip.id, units: -2 },
      ],
    });
    const line = await screen.findByTestId('stock-attention');
    expect(line).toHaveTextContent('1 item out · 1 lot expired · 1 lot on hold · 2 lots expiring soon');
    // Not a count due: the line stays grey, not the orange of a count.
    expect(
      within(line)
        .getByText(/item out/)
        .getAttribute('style'),
    ).toContain('--mantine-color-gray-8');
    // What can be handed out leaves the expired and held lots out, as the Stock screen's figure does.
    expect(screen.getByRole('spinbutton', { name: naloxone.name })).toHaveAccessibleDescription('9 on hand here');
    expect(screen.getByRole('spinbutton', { name: syringe.name })).toHaveAccessibleDescription('None on hand here');

    await user.click(within(line).getByRole('button', { name: 'See the stock here' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Stock' })).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: `On hand at ${sites[0]!.name}` })).toBeInTheDocument();
  });

  it('follows the site chosen on the form, and says a count is due first', async () => {
    const { user } = await openLogScreen({ stock: [{ siteId: sites[1]!.id, itemId: strip.id, units: -2 }] });
    await waitFor(() =>
      expect(screen.getByRole('spinbutton', { name: syringe.name })).toHaveAccessibleDescription('None on hand here'),
    );
    expect(attention()).not.toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Site' }), sites[1]!.name);
    const line = await screen.findByTestId('stock-attention');
    expect(line).toHaveTextContent('1 item needs a count');
    expect(
      within(line)
        .getByText(/needs a count/)
        .getAttribute('style'),
    ).toContain('--mantine-color-orange-9');
    await user.click(screen.getByRole('button', { name: 'See the stock here' }));
    expect(await screen.findByRole('table', { name: `On hand at ${sites[1]!.name}` })).toBeInTheDocument();
  });
});
