import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StockCard } from '@contract/inventory';
import { builtInReasons, items, sites, stockCardRow, stockLot } from '../../support/fakeBridge';
import { openStock } from './support';

const [syringe, naloxone] = items as [(typeof items)[0], (typeof items)[0]];
const lot = stockLot('NX-2207', '2027-03-31', 30);
const heldLot = { ...stockLot('NX-3001', '2027-09-30', 12, 2), onHold: true };
const stock = [
  { siteId: sites[0]!.id, itemId: syringe.id, units: 215 },
  { siteId: sites[0]!.id, itemId: naloxone.id, units: 42, lots: [lot, heldLot] },
];

const rowOf = (name: string) =>
  screen
    .getAllByRole('row')
    .find((row) => within(row).queryAllByRole('cell')[0]?.textContent?.startsWith(name) === true)!;

const source = stockCardRow().source;
const card = (rows: StockCard['rows'], more: boolean): StockCard => ({
  siteName: sites[0]!.name,
  itemName: syringe.name,
  unit: syringe.unit,
  unitsPerPack: syringe.unitsPerPack,
  balance: 215,
  rows,
  more,
});
const firstPage = card(
  [
    stockCardRow({
      key: 5,
      at: '2026-11-22T17:00:00.000Z',
      kind: 'adjustment',
      source: { ...source, type: 'adjustment', reason: builtInReasons[0]! },
      units: -5,
      balance: 215,
    }),
    stockCardRow({
      key: 4,
      at: '2026-11-21T20:00:00.000Z',
      kind: 'transfer_sent',
      source: { ...source, type: 'transfer', fromSiteName: sites[0]!.name, toSiteName: sites[1]!.name },
      units: -50,
      balance: 220,
    }),
  ],
  true,
);
const secondPage = card(
  [
    stockCardRow({
      key: 3,
      at: '2026-11-21T18:00:00.000Z',
      kind: 'distribution',
      source: { ...source, type: 'field_entry', entryKind: 'encounter' },
      units: -20,
      shortfall: 0,
      balance: 270,
    }),
    stockCardRow({
      key: 1,
      source: { ...source, supplier: 'County health department' },
      units: 290,
      balance: 290,
    }),
  ],
  false,
);

describe('Stock: lot holds', () => {
  it('puts a lot on hold with a reason, refused without one, and explains what a hold does', async () => {
    const { bridge, user } = await openStock({ stock });
    await user.click(
      await screen.findByRole('button', { name: `Show 2 lots of ${naloxone.name} at ${sites[0]!.name}` }),
    );
    expect(screen.getByText('A lot on hold is not handed out or sent until it is released.')).toBeInTheDocument();
    expect(screen.getByText(/Lot NX-3001 .* on hold/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: `Put on hold: lot NX-2207 of ${naloxone.name}` }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Put lot NX-2207 on hold' }));
    expect(dialog.getByText(/not handed out or sent until it is released, at every site/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Put on hold' }));
    expect(dialog.getByLabelText('Reason')).toHaveAccessibleDescription(expect.stringContaining('Give a reason.'));
    expect(bridge['inventory.holdLot']).not.toHaveBeenCalled();
    await user.type(dialog.getByLabelText('Reason'), 'Recall notice 2026-114');
    await user.click(dialog.getByRole('button', { name: 'Put on hold' }));
    await waitFor(() =>
      expect(bridge['inventory.holdLot']).toHaveBeenCalledWith({
        lotId: lot.lotId,
        held: true,
        reason: 'Recall notice 2026-114',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: `Release lot NX-3001 of ${naloxone.name}` }));
    const release = within(await screen.findByRole('dialog', { name: 'Release lot NX-3001' }));
    await user.type(release.getByLabelText('Reason'), 'Cleared by the supplier');
    await user.click(release.getByRole('button', { name: 'Release' }));
    await waitFor(() =>
      expect(bridge['inventory.holdLot']).toHaveBeenLastCalledWith({
        lotId: heldLot.lotId,
        held: false,
        reason: 'Cleared by the supplier',
      }),
    );
  });

  it('offers no hold to outreach workers', async () => {
    const { user } = await openStock({ stock }, 'outreach_worker');
    await user.click(
      await screen.findByRole('button', { name: `Show 2 lots of ${naloxone.name} at ${sites[0]!.name}` }),
    );
    expect(screen.queryByRole('button', { name: /on hold$/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Release/ })).not.toBeInTheDocument();
  });
});

describe('Stock: the stock card', () => {
  it('lists movements newest first with their record and the balance after each, a page at a time', async () => {
    const { bridge, user } = await openStock({ stock, stockCardPages: [firstPage, secondPage] });
    await user.click(
      within(await waitFor(() => rowOf(syringe.name))).getByRole('button', {
        name: `Stock card of ${syringe.name} at ${sites[0]!.name}`,
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: `Stock card: ${syringe.name} at ${sites[0]!.name}` }),
    );
    const table = await dialog.findByRole('table', { name: /^Movements of/ });
    expect(table).toHaveAccessibleName(
      `Movements of ${syringe.name} at ${sites[0]!.name}, newest first. On hand now: 215 units · 2 packs of 100 + 15`,
    );
    const rows = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .slice(1)
            .map((cell) => cell.textContent),
        );
    expect(rows()).toEqual([
      ['Adjustment: Damaged', 'An adjustment', 'No lot', '−5 units', '215 units2 packs of 100 + 15'],
      [
        'Sent',
        `Transfer from ${sites[0]!.name} to ${sites[1]!.name}`,
        'No lot',
        '−50 units',
        '220 units2 packs of 100 + 20',
      ],
    ]);
    expect(bridge['inventory.stockCard']).toHaveBeenLastCalledWith({
      siteId: sites[0]!.id,
      itemId: syringe.id,
      limit: 50,
    });

    await user.click(dialog.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(bridge['inventory.stockCard']).toHaveBeenLastCalledWith({
      siteId: sites[0]!.id,
      itemId: syringe.id,
      limit: 50,
      before: { at: '2026-11-21T20:00:00.000Z', key: 4 },
    });
    expect(rows().slice(2)).toEqual([
      ['Handed out', 'An encounter', 'No lot', '−20 units', '270 units2 packs of 100 + 70'],
      ['Received', 'A receipt from County health department', 'No lot', '+290 units', '290 units2 packs of 100 + 90'],
    ]);
    expect(dialog.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it("filters an item's card by lot", async () => {
    const { bridge, user } = await openStock({ stock });
    await user.click(
      within(await waitFor(() => rowOf(naloxone.name))).getByRole('button', {
        name: `Stock card of ${naloxone.name} at ${sites[0]!.name}`,
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    const lotFilter = dialog.getByRole('combobox', { name: 'Lot' });
    await waitFor(() => expect(within(lotFilter).getAllByRole('option')).toHaveLength(3));
    expect(
      within(lotFilter)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Every lot', 'Lot NX-2207 · expires Mar 31, 2027', 'Lot NX-3001 · expires Sep 30, 2027']);
    await user.selectOptions(lotFilter, heldLot.lotId);
    await waitFor(() =>
      expect(bridge['inventory.stockCard']).toHaveBeenLastCalledWith({
        siteId: sites[0]!.id,
        itemId: naloxone.id,
        lotId: heldLot.lotId,
        limit: 50,
      }),
    );
    expect(await dialog.findByText(/^Movements of lot NX-3001/)).toBeInTheDocument();
    expect(dialog.getByText('No movements yet.')).toBeInTheDocument();
  });
});
