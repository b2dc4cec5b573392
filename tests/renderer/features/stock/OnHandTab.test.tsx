import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { items, sites, stockLot } from '../../support/fakeBridge';
import { openStock } from './support';

const [syringe, naloxone, strip] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];

const stock = [
  { siteId: sites[0]!.id, itemId: syringe.id, units: 240, incoming: 200 },
  {
    siteId: sites[0]!.id,
    itemId: naloxone.id,
    units: 5,
    lots: [{ ...stockLot('NX-2207', '2026-12-31', 3), expiresSoon: true }, stockLot('NX-3001', '2027-06-30', 2, 2)],
  },
  { siteId: sites[0]!.id, itemId: strip.id, units: -3 },
];

const rowOf = (name: string) =>
  screen
    .getAllByRole('row')
    .find((row) => within(row).queryAllByRole('cell')[0]?.textContent?.startsWith(name) === true)!;

const cells = (name: string) =>
  within(rowOf(name))
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('Stock: on hand', () => {
  it('lists every item at the first site with its status in words, units and packs, and what is on the way', async () => {
    const { bridge } = await openStock({ stock }, 'viewer');
    const table = await screen.findByRole('table', { name: 'On hand at Downtown drop-in' });
    expect(bridge['inventory.onHand']).toHaveBeenCalledWith({ siteId: sites[0]!.id, includeEmpty: true });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Item',
      'Status',
      'On hand',
      'Can be handed out',
      'On the way',
      'Earliest expiry',
      'Lots and stock card',
    ]);

    expect(cells(syringe.name)).toEqual([
      `${syringe.name}Unit: syringe · pack of 100 units`,
      'OK',
      '240 units2 packs of 100 + 40',
      '240 units',
      '200 units',
      'No expiry date',
      'Stock card',
    ]);
    // Available leaves out nothing here: no lot has expired.
    expect(cells(naloxone.name).slice(1, 6)).toEqual(['Expiring soon', '5 units', '5 units', 'None', 'Dec 31, 2026']);
    expect(cells(strip.name).slice(1, 4)).toEqual(['Needs a count', '-3 units', '0 units']);
  });

  it('opens on the site logged at last, where an item held at none shows as out of stock, and then at every site', async () => {
    window.localStorage.setItem('outpost.lastSiteId', sites[1]!.id);
    const { bridge, user } = await openStock({ stock }, 'viewer');
    const van = await screen.findByRole('table', { name: 'On hand at Van 1' });
    expect(bridge['inventory.onHand']).toHaveBeenCalledWith({ siteId: sites[1]!.id, includeEmpty: true });
    expect(within(van).getAllByText('Out of stock')).toHaveLength(items.length);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Site' }), 'All sites');
    const table = await screen.findByRole('table', { name: 'On hand at every site' });
    expect(within(table).getAllByRole('columnheader')[1]).toHaveTextContent('Site');
    const vanRows = within(table)
      .getAllByRole('row')
      .filter((row) => within(row).queryAllByRole('cell')[1]?.textContent === 'Van 1');
    expect(vanRows).toHaveLength(items.length);
    for (const row of vanRows) expect(within(row).getByText('Out of stock')).toBeInTheDocument();
  });

  it('opens a row to its lots, each with its expiry and units', async () => {
    const { user } = await openStock({ stock }, 'viewer');
    await screen.findByRole('table', { name: 'On hand at Downtown drop-in' });
    const show = screen.getByRole('button', { name: `Show 2 lots of ${naloxone.name} at Downtown drop-in` });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    expect(show).toHaveTextContent('Show 2 lots');
    await user.click(show);
    expect(show).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Lot NX-2207 · expires Dec 31, 2026 · 3 units · expiring soon')).toBeInTheDocument();
    expect(screen.getByText('Lot NX-3001 · expires Jun 30, 2027 · 2 units')).toBeInTheDocument();
    // Items without lots have nothing to open.
    expect(screen.queryByRole('button', { name: new RegExp(`lots? of ${syringe.name}`) })).not.toBeInTheDocument();
  });

  it('filters by category', async () => {
    const { bridge, user } = await openStock({ stock }, 'viewer');
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'Naloxone');
    await waitFor(() =>
      expect(bridge['inventory.onHand']).toHaveBeenLastCalledWith({
        siteId: sites[0]!.id,
        category: 'naloxone',
        includeEmpty: true,
      }),
    );
    await waitFor(() => expect(screen.queryByText(syringe.name)).not.toBeInTheDocument());
    expect(screen.getByText(naloxone.name)).toBeInTheDocument();
  });
});
