import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CreateItemInput, Item, KitVersion } from '@contract/catalog';
import { installFakeBridge, items, ok, refused, session } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

const [syringe, naloxone, strip] = items as [Item, Item, Item];

const kit: Item = {
  ...syringe,
  id: '0190f5a0-0000-7000-8000-000000000104',
  name: 'Safer smoking kit',
  category: 'smoking',
  unit: 'kit',
  unitsPerPack: 1,
  isKit: true,
  isCommon: false,
};

const retired: Item = {
  ...syringe,
  id: '0190f5a0-0000-7000-8000-000000000105',
  name: 'Syringe 3 mL 23G 1in',
  isCommon: false,
  active: false,
};

const catalog = [...items, kit, retired];

function kitVersion(version: number, components: { item: Item; units: number }[]): KitVersion {
  return {
    id: `0190f5a0-0000-7000-8000-00000000090${version}`,
    kitItemId: kit.id,
    version,
    createdAt: '2026-11-20T17:00:00.000Z',
    createdBy: session.displayName,
    components: components.map(({ item, units }) => ({
      itemId: item.id,
      itemName: item.name,
      category: item.category,
      unit: item.unit,
      units,
    })),
  };
}

/** The item the core would return for a create: the input with its defaults, as the core fills them. */
function created(input: CreateItemInput): Item {
  return {
    id: '0190f5a0-0000-7000-8000-000000000199',
    name: input.name,
    sku: input.sku ?? null,
    category: input.category,
    unit: input.unit,
    unitsPerPack: input.unitsPerPack ?? 1,
    naloxoneForm: input.naloxoneForm ?? null,
    dosesPerUnit: input.dosesPerUnit ?? null,
    tracksLots: input.tracksLots ?? false,
    isKit: input.isKit ?? false,
    isCommon: input.isCommon ?? false,
    active: true,
  };
}

async function openSupplies() {
  const bridge = installFakeBridge({ items: catalog });
  bridge['items.create'].mockImplementation(async (input) => ok(created(input)));
  bridge['items.update'].mockImplementation(async ({ id, ...changes }) => {
    const before = catalog.find((item) => item.id === id)!;
    return ok({ ...before, ...changes } as Item);
  });
  const user = userEvent.setup();
  renderApp();
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  await user.click(within(nav).getByRole('button', { name: 'Settings' }));
  await user.click(screen.getByRole('tab', { name: 'Supplies' }));
  const table = await screen.findByRole('table', { name: 'Supplies' });
  return { bridge, user, table };
}

const rowOf = (table: HTMLElement, name: string) =>
  within(table)
    .getAllByRole('row')
    .find((row) => within(row).queryByText(name, { exact: true }) !== null)!;

describe('Settings: supplies', () => {
  it('lists every item, inactive ones too, with its category, unit, pack size and flags', async () => {
    const { bridge, table } = await openSupplies();
    expect(bridge['items.list']).toHaveBeenCalledWith({ includeInactive: true });
    const cells = (name: string) =>
      within(rowOf(table, name))
        .getAllByRole('cell')
        .slice(0, 7)
        .map((cell) => cell.textContent);
    expect(cells(syringe.name)).toEqual([syringe.name, 'Syringes', 'syringe', '100', 'Yes', 'No', 'Active']);
    expect(cells(kit.name)).toEqual([kit.name, 'Safer smoking', 'kit', '1', 'No', 'Yes', 'Active']);
    expect(cells(retired.name)).toEqual([retired.name, 'Syringes', 'syringe', '100', 'No', 'No', 'Inactive']);
    // Only kits have contents to edit.
    expect(screen.getByRole('button', { name: `Contents of ${kit.name}` })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: `Contents of ${syringe.name}` })).not.toBeInTheDocument();
  });

  it('adds an item with what was entered, and confirms it', async () => {
    const { bridge, user } = await openSupplies();
    await user.type(screen.getByLabelText('Item name'), 'Wide-mouth cooker');
    await user.type(screen.getByLabelText('SKU (optional)'), 'CK-200');
    await user.selectOptions(screen.getByLabelText('Category'), 'other');
    await user.type(screen.getByLabelText('Unit'), 'cooker');
    await user.clear(screen.getByLabelText('Units per pack'));
    await user.type(screen.getByLabelText('Units per pack'), '200');
    await user.click(screen.getByLabelText('Show first when logging'));
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await waitFor(() =>
      expect(bridge['items.create']).toHaveBeenCalledWith({
        name: 'Wide-mouth cooker',
        sku: 'CK-200',
        category: 'other',
        unit: 'cooker',
        unitsPerPack: 200,
        naloxoneForm: null,
        dosesPerUnit: null,
        tracksLots: false,
        isKit: false,
        isCommon: true,
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Wide-mouth cooker added.');
    // Ready for the next one, and the list is asked for again.
    expect(screen.getByLabelText('Item name')).toHaveValue('');
    await waitFor(() => expect(bridge['items.list'].mock.calls.length).toBeGreaterThan(1));
  });

  it('asks for the naloxone form and doses only for naloxone, and shows what is missing at the field', async () => {
    const { bridge, user } = await openSupplies();
    expect(screen.queryByLabelText('Naloxone form')).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Doses per unit/)).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Item name'), 'Naloxone injectable 0.4 mg');
    await user.selectOptions(screen.getByLabelText('Category'), 'naloxone');
    await user.type(screen.getByLabelText('Unit'), 'vial');
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await waitFor(() => expect(screen.getByLabelText('Naloxone form')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Doses per unit')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Choose the naloxone form: nasal or intramuscular.')).toBeInTheDocument();
    expect(screen.getByText('Enter the doses per unit of this naloxone item.')).toBeInTheDocument();
    expect(bridge['items.create']).not.toHaveBeenCalled();

    await user.selectOptions(screen.getByLabelText('Naloxone form'), 'intramuscular');
    await user.type(screen.getByLabelText('Doses per unit'), '1');
    await user.click(screen.getByLabelText('Track lot numbers and expiry dates'));
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await waitFor(() =>
      expect(bridge['items.create']).toHaveBeenCalledWith(
        expect.objectContaining({
          name: 'Naloxone injectable 0.4 mg',
          category: 'naloxone',
          naloxoneForm: 'intramuscular',
          dosesPerUnit: 1,
          tracksLots: true,
        }),
      ),
    );
  });

  it('asks a naloxone kit for no form or doses, saying its contents carry them', async () => {
    const { bridge, user } = await openSupplies();
    await user.type(screen.getByLabelText('Item name'), 'Overdose response kit');
    await user.selectOptions(screen.getByLabelText('Category'), 'naloxone');
    await user.selectOptions(screen.getByLabelText('Naloxone form'), 'nasal');
    await user.type(screen.getByLabelText('Doses per unit'), '2');
    expect(
      screen.queryByText("A kit's naloxone form and doses per unit come from its contents."),
    ).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Kit made of other items'));
    expect(screen.queryByLabelText('Naloxone form')).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Doses per unit/)).not.toBeInTheDocument();
    expect(screen.getByText("A kit's naloxone form and doses per unit come from its contents.")).toBeInTheDocument();
    await user.type(screen.getByLabelText('Unit'), 'kit');
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await waitFor(() =>
      expect(bridge['items.create']).toHaveBeenCalledWith(
        expect.objectContaining({ category: 'naloxone', isKit: true, naloxoneForm: null, dosesPerUnit: null }),
      ),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Overdose response kit added.');
  });

  it('drops the naloxone fields when the category is changed away from naloxone', async () => {
    const { bridge, user } = await openSupplies();
    await user.type(screen.getByLabelText('Item name'), 'Foil sheet');
    await user.selectOptions(screen.getByLabelText('Category'), 'naloxone');
    await user.selectOptions(screen.getByLabelText('Naloxone form'), 'nasal');
    await user.type(screen.getByLabelText('Doses per unit'), '2');
    await user.selectOptions(screen.getByLabelText('Category'), 'smoking');
    expect(screen.queryByLabelText('Naloxone form')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Unit'), 'sheet');
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await waitFor(() =>
      expect(bridge['items.create']).toHaveBeenCalledWith(
        expect.objectContaining({ category: 'smoking', naloxoneForm: null, dosesPerUnit: null }),
      ),
    );
  });

  it('shows bad numbers and a missing unit at their fields without calling the core', async () => {
    const { bridge, user } = await openSupplies();
    await user.type(screen.getByLabelText('Item name'), 'Tourniquet');
    await user.clear(screen.getByLabelText('Units per pack'));
    await user.type(screen.getByLabelText('Units per pack'), '0');
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await waitFor(() => expect(screen.getByLabelText('Units per pack')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Unit')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Item name')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Units per pack must be a whole number from 1 to 100,000.')).toBeInTheDocument();
    expect(bridge['items.create']).not.toHaveBeenCalled();
  });

  it('edits an item sending only what changed, and deactivates and reactivates items', async () => {
    const { bridge, user } = await openSupplies();
    await user.click(screen.getByRole('button', { name: `Edit ${strip.name}` }));
    const form = screen.getByRole('form', { name: `Edit item ${strip.name}` });
    expect(within(form).getByLabelText('Item name')).toHaveValue(strip.name);
    expect(within(form).getByLabelText('Show first when logging')).toBeChecked();
    await user.clear(within(form).getByLabelText('Units per pack'));
    await user.type(within(form).getByLabelText('Units per pack'), '50');
    await user.click(within(form).getByLabelText('Show first when logging'));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(bridge['items.update']).toHaveBeenCalledWith({ id: strip.id, unitsPerPack: 50, isCommon: false }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(`${strip.name} saved.`);
    // Back to adding once saved.
    expect(await screen.findByRole('form', { name: 'Add an item' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: `Deactivate ${syringe.name}` }));
    await waitFor(() => expect(bridge['items.update']).toHaveBeenLastCalledWith({ id: syringe.id, active: false }));
    expect(await screen.findByText(`${syringe.name} deactivated.`)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: `Reactivate ${retired.name}` }));
    await waitFor(() => expect(bridge['items.update']).toHaveBeenLastCalledWith({ id: retired.id, active: true }));
    expect(await screen.findByText(`${retired.name} reactivated.`)).toBeInTheDocument();
  });

  it('sends nothing when an edit changes nothing', async () => {
    const { bridge, user } = await openSupplies();
    await user.click(screen.getByRole('button', { name: `Edit ${naloxone.name}` }));
    expect(screen.getByLabelText('Naloxone form')).toHaveValue('nasal');
    expect(screen.getByLabelText('Doses per unit')).toHaveValue(2);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Nothing changed, so nothing was saved.');
    expect(bridge['items.update']).not.toHaveBeenCalled();
  });

  it('shows a refusal from the core at the field it names', async () => {
    const { bridge, user } = await openSupplies();
    bridge['items.create'].mockResolvedValueOnce(
      refused({
        code: 'item_name_taken',
        message: 'Another item already has this name.',
        issues: [
          { code: 'item_name_taken', message: 'Another item already has this name.', field: 'name' },
          { code: 'sku_taken', message: 'Another item already has this SKU.', field: 'sku' },
        ],
      }),
    );
    await user.type(screen.getByLabelText('Item name'), strip.name);
    await user.type(screen.getByLabelText('SKU (optional)'), 'FTS-1');
    await user.type(screen.getByLabelText('Unit'), 'strip');
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    await waitFor(() => expect(screen.getByLabelText('Item name')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('SKU (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Another item already has this name.')).toBeInTheDocument();
    expect(screen.getByText('Another item already has this SKU.')).toBeInTheDocument();
    // Nothing confirmed, and what was typed is still there to fix.
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(screen.getByLabelText('Item name')).toHaveValue(strip.name);
  });

  it('shows the current kit contents and saves new contents as a new version', async () => {
    const { bridge, user } = await openSupplies();
    bridge['items.kitContents']
      .mockResolvedValueOnce(ok({ itemId: kit.id, current: kitVersion(1, [{ item: syringe, units: 10 }]) }))
      .mockResolvedValue(
        ok({
          itemId: kit.id,
          current: kitVersion(2, [
            { item: syringe, units: 5 },
            { item: strip, units: 3 },
          ]),
        }),
      );
    bridge['items.setKitContents'].mockResolvedValue(
      ok(
        kitVersion(2, [
          { item: syringe, units: 5 },
          { item: strip, units: 3 },
        ]),
      ),
    );
    await user.click(screen.getByRole('button', { name: `Contents of ${kit.name}` }));
    const region = await screen.findByRole('region', { name: `Contents of ${kit.name}` });
    expect(bridge['items.kitContents']).toHaveBeenCalledWith({ itemId: kit.id });
    expect(await within(region).findByText(/^Version 1, set by Sam Rivera/)).toBeInTheDocument();
    const current = within(region).getByRole('table', { name: `Current contents of ${kit.name}` });
    expect(within(current).getByRole('row', { name: `${syringe.name} 10` })).toBeInTheDocument();
    expect(within(region).getByRole('heading', { name: `Contents of ${kit.name}` })).toHaveFocus();

    // Offered: active items that are not kits; not the kit itself, not inactive items.
    const first = within(region).getByLabelText('Item 1 in the kit');
    expect(first).toHaveValue(syringe.id);
    const offered = within(first)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(offered).toEqual(['Choose an item', syringe.name, naloxone.name, strip.name]);

    const units = within(region).getByLabelText('Units per kit of item 1');
    expect(units).toHaveValue(10);
    await user.clear(units);
    await user.type(units, '5');
    await user.click(within(region).getByRole('button', { name: 'Add an item to the kit' }));
    await user.selectOptions(within(region).getByLabelText('Item 2 in the kit'), strip.id);
    await user.type(within(region).getByLabelText('Units per kit of item 2'), '3');
    await user.click(within(region).getByRole('button', { name: 'Save contents as a new version' }));
    await waitFor(() =>
      expect(bridge['items.setKitContents']).toHaveBeenCalledWith({
        itemId: kit.id,
        components: [
          { itemId: syringe.id, units: 5 },
          { itemId: strip.id, units: 3 },
        ],
      }),
    );
    expect(await within(region).findByRole('status')).toHaveTextContent(`Contents of ${kit.name} saved as version 2.`);
    // The saved version is read back and shown.
    expect(await within(region).findByText(/^Version 2, set by Sam Rivera/)).toBeInTheDocument();
    expect(within(region).getByRole('row', { name: `${strip.name} 3` })).toBeInTheDocument();
  });

  it('shows a repeated component and an empty kit at the field, sending nothing', async () => {
    const { bridge, user } = await openSupplies();
    bridge['items.kitContents'].mockResolvedValue(ok({ itemId: kit.id, current: null }));
    await user.click(screen.getByRole('button', { name: `Contents of ${kit.name}` }));
    const region = await screen.findByRole('region', { name: `Contents of ${kit.name}` });
    expect(await within(region).findByText('No contents set yet.')).toBeInTheDocument();

    await user.selectOptions(within(region).getByLabelText('Item 1 in the kit'), strip.id);
    await user.type(within(region).getByLabelText('Units per kit of item 1'), '2');
    await user.click(within(region).getByRole('button', { name: 'Add an item to the kit' }));
    await user.selectOptions(within(region).getByLabelText('Item 2 in the kit'), strip.id);
    await user.type(within(region).getByLabelText('Units per kit of item 2'), '4');
    const save = within(region).getByRole('button', { name: 'Save contents as a new version' });
    await user.click(save);
    await waitFor(() =>
      expect(within(region).getByLabelText('Item 2 in the kit')).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(within(region).getByLabelText('Item 1 in the kit')).not.toHaveAttribute('aria-invalid', 'true');
    expect(within(region).getByText('This item is already in the kit; change its units instead.')).toBeInTheDocument();

    await user.click(within(region).getByRole('button', { name: 'Remove item 2 from the kit' }));
    await user.click(within(region).getByRole('button', { name: 'Remove item 1 from the kit' }));
    await user.click(save);
    expect(await within(region).findByText('Add at least one item to the kit.')).toBeInTheDocument();
    expect(bridge['items.setKitContents']).not.toHaveBeenCalled();
  });

  it('shows a component the core refuses at that component', async () => {
    const { bridge, user } = await openSupplies();
    // The kit still holds an item that has since been deactivated: it is shown, and the core refuses it.
    bridge['items.kitContents'].mockResolvedValue(
      ok({
        itemId: kit.id,
        current: kitVersion(1, [
          { item: strip, units: 1 },
          { item: retired, units: 2 },
        ]),
      }),
    );
    bridge['items.setKitContents'].mockResolvedValue(
      refused({ code: 'item_inactive', message: 'Inactive.', field: 'components.1.itemId' }),
    );
    await user.click(screen.getByRole('button', { name: `Contents of ${kit.name}` }));
    const region = await screen.findByRole('region', { name: `Contents of ${kit.name}` });
    const second = await within(region).findByLabelText('Item 2 in the kit');
    expect(second).toHaveValue(retired.id);
    await user.clear(within(region).getByLabelText('Units per kit of item 1'));
    await user.type(within(region).getByLabelText('Units per kit of item 1'), '2');
    await user.click(within(region).getByRole('button', { name: 'Save contents as a new version' }));
    await waitFor(() =>
      expect(bridge['items.setKitContents']).toHaveBeenCalledWith({
        itemId: kit.id,
        components: [
          { itemId: strip.id, units: 2 },
          { itemId: retired.id, units: 2 },
        ],
      }),
    );
    await waitFor(() => expect(second).toHaveAttribute('aria-invalid', 'true'));
    expect(within(region).getByText('This item is no longer offered. Choose another item.')).toBeInTheDocument();
    expect(within(region).getByRole('status')).toHaveTextContent('');
  });

  it('closes the contents and gives focus back to the button that opened them', async () => {
    const { bridge, user } = await openSupplies();
    bridge['items.kitContents'].mockResolvedValue(ok({ itemId: kit.id, current: null }));
    const open = screen.getByRole('button', { name: `Contents of ${kit.name}` });
    await user.click(open);
    const region = await screen.findByRole('region', { name: `Contents of ${kit.name}` });
    await user.click(await within(region).findByRole('button', { name: 'Close contents' }));
    expect(screen.queryByRole('region', { name: `Contents of ${kit.name}` })).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });
});
