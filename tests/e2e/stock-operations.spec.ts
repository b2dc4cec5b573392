/**
 * Stock operations against the harness's real core: an adjustment (and the ones refused: more
 * than the lot holds, zero), a lot put on hold and left out of what can be handed out, then
 * released, the stock card with its running balance, and the quiet stock line on the log screen.
 */
import { expect, test, callHarness } from './fixtures';
import { LogEncounterPage } from './pages/log-encounter-page';

const item = 'Naloxone injectable 0.4 mg/mL (1 mL vial)';

interface Named {
  id: string;
  name: string;
}

test('adjust a lot, hold and release it, read its stock card, and see the stock line on the log screen', async ({
  page,
  harness,
  databasePath,
}) => {
  test.setTimeout(120_000);
  void databasePath; // a fresh database, set up, before the stock is received and the page loads
  const [site] = await callHarness<Named[]>(harness, 'sites.list', {});
  const items = await callHarness<Named[]>(harness, 'items.list', {});
  const itemId = items.find((one) => one.name === item)!.id;
  await callHarness(harness, 'inventory.receive', {
    siteId: site!.id,
    itemId,
    units: 30,
    lotNumber: 'NX-7781',
    expiresOn: '2030-06-30',
    source: 'State naloxone grant',
  });
  await page.goto(harness.url);
  await expect(page.getByRole('banner')).toContainText('Default staff member');

  // Nothing wants a look yet: the log screen says nothing of stock.
  const log = new LogEncounterPage(page);
  await log.ready();
  await expect(page.getByTestId('stock-attention')).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stock' }).click();
  await page.getByRole('tab', { name: 'Adjust' }).click();
  const adjust = page.getByRole('form', { name: 'Adjust stock' });
  await adjust.getByRole('combobox', { name: 'Reason' }).selectOption({ label: 'Damaged (takes stock off)' });
  await adjust.getByRole('combobox', { name: 'Item, line 1' }).selectOption({ label: item });
  await adjust
    .getByRole('combobox', { name: 'Lot, line 1' })
    .selectOption({ label: 'Lot NX-7781 · expires Jun 30, 2030 · 30 units' });
  const units = adjust.getByLabel('Units, line 1');

  // Refused at the field, nothing saved: more than the lot holds, and zero.
  await units.fill('31');
  await adjust.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(units).toHaveAccessibleDescription('This lot holds fewer units at this site.');
  await units.fill('0');
  await adjust.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(units).toHaveAccessibleDescription('Units must be a whole number from 1 to 10,000,000.');
  expect(await callHarness<unknown[]>(harness, 'inventory.adjustments', {})).toEqual([]);

  await units.fill('4');
  await adjust.getByLabel('Note').fill('Vials cracked in the van');
  await adjust.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(adjust.getByRole('status')).toHaveText('Adjustment saved at Main site: Damaged, −4 units.');
  const recent = page.getByRole('table', { name: 'Latest adjustments at Main site' });
  await expect(recent.getByRole('row').nth(1)).toContainText(`${item}, lot NX-7781: −4 units`);
  await expect(recent.getByRole('row').nth(1)).toContainText('Vials cracked in the van');

  // On hold: still on hand, none of it can be handed out.
  await page.getByRole('tab', { name: 'On hand' }).click();
  const onHand = page.getByRole('table', { name: 'On hand at Main site' });
  const row = onHand.getByRole('row').filter({ hasText: item });
  await expect(row.getByRole('cell').nth(2)).toHaveText('26 units2 packs of 10 + 6');
  await expect(row.getByRole('cell').nth(3)).toHaveText('26 units');
  await row.getByRole('button', { name: `Show 1 lot of ${item} at Main site` }).click();
  await onHand.getByRole('button', { name: `Put on hold: lot NX-7781 of ${item}` }).click();
  const holdDialog = page.getByRole('dialog', { name: 'Put lot NX-7781 on hold' });
  await holdDialog.getByRole('button', { name: 'Put on hold' }).click();
  await expect(holdDialog.getByLabel('Reason')).toHaveAccessibleDescription(/Give a reason\./);
  await holdDialog.getByLabel('Reason').fill('Recall notice 2026-114');
  await holdDialog.getByRole('button', { name: 'Put on hold' }).click();
  await expect(holdDialog).toHaveCount(0);
  await expect(row.getByRole('cell').nth(1)).toHaveText('On hold');
  await expect(row.getByRole('cell').nth(2)).toHaveText('26 units2 packs of 10 + 6');
  await expect(row.getByRole('cell').nth(3)).toHaveText('0 units');
  await expect(onHand.getByText('A lot on hold is not handed out or sent until it is released.')).toBeVisible();

  // The log screen: a quiet line, and the soft stock reads what can be handed out.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log encounter' }).click();
  await log.ready();
  const line = page.getByTestId('stock-attention');
  await expect(line).toContainText('1 lot on hold');
  const vials = await log.showItem(item);
  await expect(vials).toHaveAccessibleDescription('None on hand here');
  await line.getByRole('button', { name: 'See the stock here' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stock' })).toBeVisible();

  // Released: it can be handed out again, and the line is gone.
  await row.getByRole('button', { name: `Show 1 lot of ${item} at Main site` }).click();
  await onHand.getByRole('button', { name: `Release lot NX-7781 of ${item}` }).click();
  const releaseDialog = page.getByRole('dialog', { name: 'Release lot NX-7781' });
  await releaseDialog.getByLabel('Reason').fill('Cleared by the supplier');
  await releaseDialog.getByRole('button', { name: 'Release' }).click();
  await expect(releaseDialog).toHaveCount(0);
  await expect(row.getByRole('cell').nth(1)).toHaveText('OK');
  await expect(row.getByRole('cell').nth(3)).toHaveText('26 units');

  // The stock card: newest first, each with its record and the balance after it.
  await row.getByRole('button', { name: `Stock card of ${item} at Main site` }).click();
  const card = page.getByRole('dialog', { name: `Stock card: ${item} at Main site` });
  const movements = card.getByRole('table', { name: /^Movements of/ });
  await expect(movements.getByRole('row')).toHaveCount(3);
  const cells = async (index: number) =>
    (await movements.getByRole('row').nth(index).getByRole('cell').allTextContents()).slice(1);
  expect(await cells(1)).toEqual([
    'Adjustment: Damaged',
    'An adjustment',
    'NX-7781',
    '−4 units',
    '26 units2 packs of 10 + 6',
  ]);
  expect(await cells(2)).toEqual([
    'Received',
    'A receipt from State naloxone grant',
    'NX-7781',
    '+30 units',
    '30 units3 packs of 10',
  ]);
  await card.getByRole('combobox', { name: 'Lot' }).selectOption({ label: 'Lot NX-7781 · expires Jun 30, 2030' });
  await expect(card.getByText(/^Movements of lot NX-7781/)).toContainText('On hand now: 26 units');
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log encounter' }).click();
  await log.ready();
  await expect(page.getByTestId('stock-attention')).toHaveCount(0);
  await expect(await log.showItem(item)).toHaveAccessibleDescription('26 on hand here');
});
