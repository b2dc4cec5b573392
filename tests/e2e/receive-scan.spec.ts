/**
 * Receiving by scanning, against the harness's real core: GS1 strings typed into the scan field
 * the way a keyboard-wedge scanner types them (one with its GS separator, one without), each
 * filling a line with the package's size, lot and expiry; the delivery saved and seen on hand.
 * Bad scans (a GTIN no item has, a wrong check digit) and a scan without the lot an item needs are
 * each answered at their field, and nothing is saved.
 */
import { expect, test, callHarness } from './fixtures';

const naloxone = 'Naloxone injectable 0.4 mg/mL (1 mL vial)';
const syringe = 'Syringe 1 mL 28G 1/2in';
const GS = '\u001d';
/** A case of 10 boxes of 10 vials, as its GS1 DataMatrix reads: GTIN, expiry, lot, GS, serial. */
const caseScan = `]d201040063813339311728013110NX-7781${GS}21SN-0001`;
/** A box of 100 syringes from a GS1-128 whose scanner drops GS: GTIN, then the expiry. */
const boxScan = '010061414100001217300630';

async function itemIdOf(harness: Parameters<typeof callHarness>[0], name: string): Promise<string> {
  const items = await callHarness<{ id: string; name: string }[]>(harness, 'items.list', {});
  return items.find((item) => item.name === name)!.id;
}

test('scan two packages into a delivery, receive it, and see it on hand', async ({ page, harness, databasePath }) => {
  test.setTimeout(90_000);
  void databasePath;
  await callHarness(harness, 'items.addGtin', {
    itemId: await itemIdOf(harness, naloxone),
    gtin: '4006381333931',
    unitsPerPack: 100,
    label: 'Case of 10 boxes',
  });
  await callHarness(harness, 'items.addGtin', {
    itemId: await itemIdOf(harness, syringe),
    gtin: '614141000012',
    unitsPerPack: 100,
    label: 'Box of 100',
  });
  await page.goto(harness.url);
  await expect(page.getByRole('banner')).toContainText('Default staff member');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stock' }).click();
  await page.getByRole('tab', { name: 'Receive' }).click();
  const receive = page.getByRole('form', { name: 'Receive stock' });
  const scan = receive.getByLabel('Scan a barcode');

  await scan.click();
  await page.keyboard.type(caseScan);
  await expect(scan).toHaveValue(caseScan);
  await page.keyboard.press('Enter');
  await expect(receive.getByRole('combobox', { name: 'Item, line 1' })).toHaveValue(await itemIdOf(harness, naloxone));
  await expect(receive.getByLabel('Packs, line 1')).toHaveValue('1');
  await expect(receive.getByLabel('Lot number, line 1')).toHaveValue('NX-7781');
  await expect(receive.getByLabel('Expiry date, line 1')).toHaveValue('2028-01-31');
  await expect(receive.getByTestId('receive-makes').first()).toHaveText(
    '1 pack (Case of 10 boxes) = 100 units · Makes 100 units (packs of 100)',
  );
  await expect(scan).toHaveValue('');
  await expect(scan).toBeFocused();

  await page.keyboard.type(boxScan);
  await page.keyboard.press('Enter');
  await expect(receive.getByRole('combobox', { name: 'Item, line 2' })).toHaveValue(await itemIdOf(harness, syringe));
  await expect(scan).toBeFocused();
  await receive.getByLabel('Packs, line 2').fill('3');
  await expect(receive.getByTestId('receive-makes').nth(1)).toHaveText(
    '1 pack (Box of 100) = 100 units · Makes 300 units (packs of 100)',
  );
  await receive.getByLabel('Reference number').fill('PO-2291');
  await receive.getByRole('button', { name: 'Receive stock' }).click();
  await expect(receive.getByRole('status')).toHaveText('Received 2 lines (400 units) at Main site.');
  await expect(scan).toBeFocused();

  const { deliveries } = await callHarness<{
    deliveries: { reference: string; lines: { gtin: string; packs: number; units: number; lotNumber: string }[] }[];
  }>(harness, 'inventory.deliveries', {});
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]).toMatchObject({
    reference: 'PO-2291',
    lines: [
      { gtin: '04006381333931', packs: 1, units: 100, lotNumber: 'NX-7781' },
      { gtin: '00614141000012', packs: 3, units: 300, lotNumber: null },
    ],
  });

  await page.getByRole('tab', { name: 'On hand' }).click();
  const onHand = page.getByRole('table', { name: 'On hand at Main site' });
  await expect(onHand.getByRole('row').filter({ hasText: naloxone }).getByRole('cell').nth(2)).toHaveText(
    '100 units10 packs of 10',
  );
  await expect(onHand.getByRole('row').filter({ hasText: syringe }).getByRole('cell').nth(2)).toHaveText(
    '300 units3 packs of 100',
  );
});

test('bad scans are answered at their field, and a scan without the lot cannot be saved', async ({
  page,
  harness,
  databasePath,
}) => {
  test.setTimeout(90_000);
  void databasePath;
  await callHarness(harness, 'items.addGtin', {
    itemId: await itemIdOf(harness, naloxone),
    gtin: '4006381333931',
    unitsPerPack: 100,
  });
  await page.goto(harness.url);
  await expect(page.getByRole('banner')).toContainText('Default staff member');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stock' }).click();
  await page.getByRole('tab', { name: 'Receive' }).click();
  const receive = page.getByRole('form', { name: 'Receive stock' });
  const scan = receive.getByLabel('Scan a barcode');

  // A check digit that does not add up: refused at the scan field, no line filled.
  await scan.click();
  await page.keyboard.type('01040063813339321728013110NX-1');
  await page.keyboard.press('Enter');
  await expect(scan).toHaveAttribute('aria-invalid', 'true');
  await expect(scan).toHaveAccessibleDescription(/its last digit is wrong/);
  await expect(receive.getByRole('combobox', { name: 'Item, line 1' })).toHaveValue('');

  // A GTIN no item has: said calmly on the line, with the lot it read; the item is left to choose.
  await scan.fill('');
  await page.keyboard.type('01059012340000001728013110LOT-9');
  await page.keyboard.press('Enter');
  await expect(receive.getByTestId('receive-unknown-gtin')).toContainText(
    'No item has the GTIN 05901234000000 yet. Choose the item for line 1',
  );
  await expect(scan).not.toHaveAttribute('aria-invalid', 'true');

  // A case with no lot in its barcode: the line needs one before it can be received.
  await page.keyboard.type('0104006381333931');
  await page.keyboard.press('Enter');
  await expect(receive.getByRole('combobox', { name: 'Item, line 2' })).toHaveValue(await itemIdOf(harness, naloxone));
  await receive.getByRole('button', { name: 'Remove line 1' }).click();
  await receive.getByRole('button', { name: 'Receive stock' }).click();
  await expect(receive.getByLabel('Lot number, line 1')).toHaveAttribute('aria-invalid', 'true');
  await expect(receive.getByText('Enter the lot number: this item is tracked by lot.')).toBeVisible();
  await expect(receive.getByText('Enter the expiry date: this item is tracked by lot.')).toBeVisible();
  expect((await callHarness<{ deliveries: unknown[] }>(harness, 'inventory.deliveries', {})).deliveries).toEqual([]);
});
