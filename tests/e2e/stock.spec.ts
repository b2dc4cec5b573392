/**
 * The Stock screen against the harness's real core: a lot received and seen on hand, a transfer
 * in transit to a second site, part of it received and the rest written off as damaged; bad input
 * refused at its field with nothing saved.
 */
import { expectAccessible } from './accessibility';
import { expect, test, callHarness } from './fixtures';

const item = 'Naloxone injectable 0.4 mg/mL (1 mL vial)';

test('receive a lot, send part of it to another site, confirm what came and write off the rest', async ({
  page,
  harness,
  databasePath,
}) => {
  test.setTimeout(90_000);
  void databasePath; // a fresh database, set up, before the site is added and the page loads
  await callHarness(harness, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
  await page.goto(harness.url);
  await expect(page.getByRole('banner')).toContainText('Default staff member');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stock' })).toBeFocused();

  // Receive 3 packs of 10 vials of a lot; a past expiry needs a confirmation first.
  await page.getByRole('tab', { name: 'Receive' }).click();
  const receive = page.getByRole('form', { name: 'Receive stock' });
  await receive.getByRole('combobox', { name: 'Item, line 1' }).selectOption({ label: item });
  await receive.getByLabel('Packs, line 1').fill('3');
  await expect(receive.getByTestId('receive-makes')).toHaveText('1 pack = 10 units · Makes 30 units (packs of 10)');
  await receive.getByLabel('Lot number, line 1').fill('nx-7781');
  await receive.getByLabel('Expiry date, line 1').fill('2020-01-31');
  await receive.getByLabel('Source or funder').fill('State naloxone grant');
  await receive.getByRole('button', { name: 'Receive stock' }).click();
  await expect(
    receive.getByText('The expiry date has passed. Tick the box to receive this lot anyway, or change the date.'),
  ).toBeVisible();
  expect(await callHarness<unknown[]>(harness, 'inventory.lots', { itemId: await itemId(harness) })).toEqual([]);
  await receive.getByLabel('Expiry date, line 1').fill('2030-06-30');
  await expect(receive.getByRole('checkbox')).toHaveCount(0);
  await receive.getByRole('button', { name: 'Receive stock' }).click();
  await expect(receive.getByRole('status')).toHaveText(`Received 30 units of ${item} at Main site.`);
  await expect(receive.getByLabel('Scan a barcode')).toBeFocused();

  await page.getByRole('tab', { name: 'On hand' }).click();
  const mainSite = page.getByRole('table', { name: 'On hand at Main site' });
  const row = mainSite.getByRole('row').filter({ hasText: item });
  await expect(row.getByRole('cell').nth(1)).toHaveText('OK');
  await expect(row.getByRole('cell').nth(2)).toHaveText('30 units3 packs of 10');
  await row.getByRole('button', { name: `Show 1 lot of ${item} at Main site` }).click();
  await expect(mainSite.getByText('Lot NX-7781 · expires Jun 30, 2030 · 30 units')).toBeVisible();

  // Bad transfers: to the same site, and more than on hand. Neither is saved.
  await page.getByRole('tab', { name: 'Transfers' }).click();
  const send = page.getByRole('form', { name: 'Send stock to another site' });
  await expect(send.getByRole('combobox', { name: 'From site' })).toHaveValue(/.+/);
  await send.getByRole('combobox', { name: 'To site' }).selectOption({ label: 'Main site' });
  await send.getByRole('combobox', { name: 'Item, line 1' }).selectOption({ label: item });
  await send.getByText('Units', { exact: true }).click();
  await send.getByLabel('Units, line 1').fill('40');
  await send.getByRole('button', { name: 'Send stock' }).click();
  await expect(send.getByRole('combobox', { name: 'To site' })).toHaveAccessibleDescription(
    'A transfer goes to another site: choose a different one.',
  );
  await send.getByRole('combobox', { name: 'To site' }).selectOption({ label: 'Van 2' });
  await send.getByRole('button', { name: 'Send stock' }).click();
  await expect(send.getByLabel('Units, line 1')).toHaveAccessibleDescription(
    'The sending site does not have that many units available. Check the quantity, or count the stock first.',
  );
  await expect(send.getByLabel('Units, line 1')).toBeFocused();
  expect(await callHarness<unknown[]>(harness, 'inventory.transfers', {})).toEqual([]);

  await send.getByLabel('Units, line 1').fill('12');
  await send.getByLabel('Reference number').fill('PS-0042');
  await send.getByRole('button', { name: 'Send stock' }).click();
  await expect(send.getByRole('status')).toHaveText(
    'Transfer sent. It stays in transit until Van 2 confirms what arrived.',
  );
  const transfers = page.getByRole('table', { name: 'Transfers' });
  const sent = transfers.getByRole('row').filter({ hasText: 'PS-0042' });
  await expect(sent).toContainText(`${item} (lot NX-7781), sent: 12 units · 1 pack of 10 + 2`);
  await expect(sent.getByRole('cell').nth(4)).toHaveText('In transit');

  // In neither site's on hand: gone from the sender, on the way to the receiver.
  await page.getByRole('tab', { name: 'On hand' }).click();
  await expect(
    page
      .getByRole('table', { name: 'On hand at Main site' })
      .getByRole('row')
      .filter({ hasText: item })
      .getByRole('cell')
      .nth(2),
  ).toHaveText('18 units1 pack of 10 + 8');
  await page.getByRole('combobox', { name: 'Site', exact: true }).selectOption({ label: 'Van 2' });
  const van = page.getByRole('table', { name: 'On hand at Van 2' }).getByRole('row').filter({ hasText: item });
  await expect(van.getByRole('cell').nth(1)).toHaveText('Out of stock');
  await expect(van.getByRole('cell').nth(4)).toHaveText('12 units');

  // 10 arrive; the other 2 came damaged.
  await page.getByRole('tab', { name: 'Transfers' }).click();
  await transfers.getByRole('button', { name: /^Confirm receipt of the transfer from Main site to Van 2/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm receipt' });
  const received = dialog.getByLabel(`Received: ${item} (lot NX-7781)`);
  await expect(received).toHaveValue('12');
  await received.fill('10');
  await dialog.getByLabel('Will not arrive: write it off').check();
  await dialog.getByRole('combobox', { name: `Why, for ${item} (lot NX-7781)` }).selectOption({ label: 'Damaged' });
  await dialog.getByRole('button', { name: 'Confirm receipt' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Receipt confirmed for the transfer from Main site to Van 2.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Transfers' })).toBeFocused();
  await expect(page.getByText('Nothing is in transit.')).toBeVisible();

  await page.getByRole('tab', { name: 'On hand' }).click();
  await page.getByRole('combobox', { name: 'Site', exact: true }).selectOption({ label: 'All sites' });
  const everywhere = page.getByRole('table', { name: 'On hand at every site' });
  const atMain = everywhere.getByRole('row').filter({ hasText: item }).filter({ hasText: 'Main site' });
  const atVan = everywhere.getByRole('row').filter({ hasText: item }).filter({ hasText: 'Van 2' });
  await expect(atMain.getByRole('cell').nth(3)).toHaveText('18 units1 pack of 10 + 8');
  await expect(atVan.getByRole('cell').nth(3)).toHaveText('10 units1 pack of 10');
  await expect(atVan.getByRole('cell').nth(5)).toHaveText('None');

  // The core's own record: 10 received, 2 written off as damaged, nothing left in transit.
  const [transfer] = await callHarness<{ status: string; lines: object[]; events: { kind: string }[] }[]>(
    harness,
    'inventory.transfers',
    {},
  );
  expect(transfer).toMatchObject({
    status: 'received',
    lines: [{ sent: 12, received: 10, writtenOff: 2, inTransit: 0 }],
  });
  expect(transfer!.events.map((event) => event.kind)).toEqual(expect.arrayContaining(['received', 'written_off']));
});

async function itemId(harness: Parameters<typeof callHarness>[0]): Promise<string> {
  const items = await callHarness<{ id: string; name: string }[]>(harness, 'items.list', {});
  return items.find((one) => one.name === item)!.id;
}

for (const language of ['en', 'es'] as const) {
  test(`${language}: every Stock tab passes the accessibility and layout checks, with stock, lots and a transfer in transit`, async ({
    page,
    harness,
    databasePath,
  }) => {
    test.setTimeout(90_000);
    void databasePath;
    const van = await callHarness<{ id: string }>(harness, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
    const [main] = await callHarness<{ id: string }[]>(harness, 'sites.list', {});
    const naloxone = await itemId(harness);
    await callHarness(harness, 'inventory.receive', {
      siteId: main!.id,
      itemId: naloxone,
      packs: 3,
      lotNumber: 'NX-7781',
      expiresOn: '2030-06-30',
    });
    await callHarness(harness, 'inventory.transfer', {
      fromSiteId: main!.id,
      toSiteId: van.id,
      lines: [{ itemId: naloxone, units: 12 }],
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(harness.url);
    await expect(page.getByRole('banner')).toContainText('Default staff member');
    if (language === 'es') {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    }
    const words = {
      en: {
        nav: 'Main',
        stock: 'Stock',
        loading: 'Loading…',
        showLots: /^Show \d+ lots? of/,
        confirm: /^Confirm receipt of/,
        transfers: 'Transfers',
      },
      es: {
        nav: 'Principal',
        stock: 'Inventario',
        loading: 'Cargando…',
        showLots: /^Ver \d+ lotes? de/,
        confirm: /^Confirmar recepción del/,
        transfers: 'Traslados',
      },
    }[language];
    await page.getByRole('navigation', { name: words.nav }).getByRole('button', { name: words.stock }).click();
    await expect(page.getByRole('main')).not.toContainText(words.loading);
    await page.getByRole('button', { name: words.showLots }).first().click();
    await expectAccessible(page, `${language} stock, on hand`);
    const tabs = page.getByRole('tab');
    for (let index = 1; index < (await tabs.count()); index += 1) {
      await tabs.nth(index).click();
      await expect(page.getByRole('main')).not.toContainText(words.loading);
      await expectAccessible(page, `${language} stock, ${(await tabs.nth(index).textContent()) ?? index}`);
    }
    // Transfers is not the last tab: back to it, to confirm what arrived.
    await page.getByRole('tab', { name: words.transfers }).click();
    await page.getByRole('button', { name: words.confirm }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.getByRole('dialog').getByRole('spinbutton').fill('10');
    await expectAccessible(page, `${language} stock, confirming a receipt`);
  });
}
