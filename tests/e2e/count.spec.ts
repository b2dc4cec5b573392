/**
 * The Count tab against the harness's real core: a count of the whole site started, figures
 * entered by keyboard in units and in packs, bad figures refused at their field with nothing
 * saved, posting with nothing counted refused, the blind sheet printed, and the count posted with
 * the correction it makes shown first.
 */
import { expect, test, callHarness } from './fixtures';

const syringes = 'Syringe 1 mL 28G 1/2in';

interface CountShown {
  id: string;
  status: string;
  lines: { itemName: string; counted: number | null }[];
}

test('count the shelf by keyboard, refuse bad figures, print the sheet and post the count', async ({
  page,
  harness,
  databasePath,
}) => {
  test.setTimeout(90_000);
  void databasePath; // a fresh database, set up, before the stock is received and the page loads
  const [site] = await callHarness<{ id: string }[]>(harness, 'sites.list', {});
  const items = await callHarness<{ id: string; name: string }[]>(harness, 'items.list', {});
  const syringesId = items.find((item) => item.name === syringes)!.id;
  await callHarness(harness, 'inventory.receive', { siteId: site!.id, itemId: syringesId, packs: 5 });
  await page.goto(harness.url);
  await expect(page.getByRole('banner')).toContainText('Default staff member');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stock' }).click();
  await page.getByRole('tab', { name: 'Count' }).click();

  await expect(page.getByText('No counts yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Start the count' }).click();
  await expect(page.getByRole('heading', { name: /^Count at Main site, as of / })).toBeVisible();
  const counts = await callHarness<{ id: string }[]>(harness, 'inventory.counts', {});
  const countNow = () => callHarness<CountShown>(harness, 'inventory.count', { countId: counts[0]!.id });
  const syringeLine = async () => (await countNow()).lines.find((line) => line.itemName === syringes)!;

  const field = page.getByLabel(`Units of ${syringes} on the shelf`);
  const row = page.getByRole('row').filter({ has: field });

  // A negative figure and a blank one: refused at the field, nothing saved.
  await field.fill('-3');
  await field.press('Enter');
  await expect(field).toHaveAccessibleDescription('Enter the count as a whole number from 0 to 10,000,000.');
  await expect(field).toBeFocused();
  expect((await syringeLine()).counted).toBeNull();

  // Posting with nothing counted is refused, and says why.
  await page.getByRole('button', { name: 'Post…' }).click();
  const post = page.getByRole('dialog', { name: 'Post this count' });
  await expect(post).toContainText('lines were not counted');
  await post.getByRole('button', { name: 'Post the count' }).click();
  await expect(post.getByRole('alert')).toHaveText(
    'Nothing has been counted yet: enter at least one line before posting.',
  );
  await post.getByRole('button', { name: 'Back' }).click();
  expect((await countNow()).status).toBe('open');

  // 4 packs of 100, by keyboard: Enter saves and moves to the next line.
  await page.getByText('Packs', { exact: true }).click();
  const inPacks = page.getByLabel(`Packs of 100 of ${syringes} on the shelf`);
  await inPacks.fill('4');
  await inPacks.press('Enter');
  await expect(row.or(page.getByRole('row').filter({ has: inPacks }))).toContainText('400 units · 4 packs of 100');
  await expect(inPacks).not.toBeFocused();
  expect((await syringeLine()).counted).toBe(400);

  // A correction in units: the latest figure is the count; expected and difference are shown.
  await page.getByText('Units', { exact: true }).click();
  await field.fill('460');
  await field.press('Tab');
  await expect(row).toContainText('460 units · 4 packs of 100 + 60');
  await expect(row).toContainText('500 units · 5 packs of 100');
  await expect(row).toContainText('-40 units');
  // Emptied again: refused, and the count stays 460.
  await field.fill('');
  await field.press('Tab');
  await expect(field).toHaveAccessibleDescription('Enter what is on the shelf (0 when there is none).');
  expect((await syringeLine()).counted).toBe(460);

  // The printed sheet: every line with a box to write in, and no expected figures.
  await page.getByRole('button', { name: 'Print the count sheet' }).click();
  const sheet = page.getByRole('dialog', { name: 'Count sheet' });
  await expect(sheet.getByRole('columnheader', { name: 'Counted (units)' })).toBeVisible();
  await expect(sheet.getByRole('row').filter({ hasText: syringes })).toContainText('syringe');
  await expect(sheet).not.toContainText('Expected');
  await expect(sheet).not.toContainText('500');
  // The browser's print dialog is the system's: the button is checked to ask for it.
  await page.evaluate(() => {
    const page = globalThis as unknown as { printed: boolean; print: () => void };
    page.printed = false;
    page.print = () => {
      page.printed = true;
    };
  });
  await sheet.getByRole('button', { name: 'Print', exact: true }).click();
  expect(await page.evaluate(() => (globalThis as unknown as { printed: boolean }).printed)).toBe(true);
  await sheet.getByRole('button', { name: 'Back' }).click();

  // Posting shows the correction first, and says the lines not counted stay as they are.
  await page.getByRole('button', { name: 'Post…' }).click();
  await expect(post).toContainText(`${syringes}: counted 460 units, records 500 units, correction -40 units`);
  await expect(post).toContainText('were not counted: they are left as the records have them.');
  await post.getByRole('button', { name: 'Post the count' }).click();
  await expect(post).toHaveCount(0);
  await expect(page.getByText(/^Posted by Default staff member on /)).toBeVisible();
  const [onHand] = await callHarness<{ units: number }[]>(harness, 'inventory.onHand', {
    siteId: site!.id,
    itemId: syringesId,
  });
  expect(onHand!.units).toBe(460);
  await expect(field).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to the counts' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Posted' })).toContainText('lines counted');
});

test('add a line found on the shelf: a new lot with its expiry, and one the count already lists is refused at its field', async ({
  page,
  harness,
  databasePath,
}) => {
  void databasePath; // a fresh database, set up, before the page loads
  const naloxone = 'Naloxone nasal 4 mg (box of 2)';
  const [site] = await callHarness<{ id: string }[]>(harness, 'sites.list', {});
  const items = await callHarness<{ id: string; name: string }[]>(harness, 'items.list', {});
  const syringesId = items.find((item) => item.name === syringes)!.id;
  await callHarness(harness, 'inventory.receive', { siteId: site!.id, itemId: syringesId, packs: 1 });
  await page.goto(harness.url);
  await expect(page.getByRole('banner')).toContainText('Default staff member');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stock' }).click();
  await page.getByRole('tab', { name: 'Count' }).click();
  await page.getByRole('button', { name: 'Start the count' }).click();
  await expect(page.getByRole('heading', { name: /^Count at Main site, as of / })).toBeVisible();
  const [count] = await callHarness<{ id: string }[]>(harness, 'inventory.counts', {});
  const linesNow = async () =>
    (
      await callHarness<{ lines: { itemName: string; lotNumber: string | null }[] }>(harness, 'inventory.count', {
        countId: count!.id,
      })
    ).lines;
  const before = (await linesNow()).length;

  const form = page.getByRole('form', { name: 'A line found on the shelf' });
  // The syringes are listed already: refused at the item, nothing added.
  await form.getByLabel('Item found').selectOption({ label: syringes });
  await form.getByRole('button', { name: 'Add the line' }).click();
  await expect(form.getByLabel('Item found')).toHaveAttribute('aria-invalid', 'true');
  expect(await linesNow()).toHaveLength(before);

  // A box of naloxone from a lot nobody recorded: its number and expiry from the label.
  await form.getByLabel('Item found').selectOption({ label: naloxone });
  await form.getByLabel('Its lot').selectOption({ label: 'A lot not recorded yet…' });
  await form.getByLabel('Lot number').fill('nx-found');
  await form.getByLabel('Expiry date').fill('2028-03-31');
  await form.getByRole('button', { name: 'Add the line' }).click();
  await expect(page.getByLabel(`Units of ${naloxone}, lot NX-FOUND on the shelf`)).toBeVisible();
  const lines = await linesNow();
  expect(lines).toHaveLength(before + 1);
  expect(lines.filter((line) => line.lotNumber === 'NX-FOUND')).toHaveLength(1);
});
