import { query } from './database-file';
import { expect, test } from './fixtures';
import { ItemsSettingsPage } from './pages/items-settings-page';
import { LogEncounterPage } from './pages/log-encounter-page';

/** Reads the database file directly, as another program would: what the core really wrote. */
const itemCount = (databasePath: string) => query<{ n: number }>(databasePath, 'SELECT count(*) AS n FROM items')[0]!.n;

const kitVersions = (databasePath: string, kit: string) =>
  query<{ version: number }>(
    databasePath,
    `SELECT v.version FROM kit_versions v JOIN items i ON i.id = v.kit_item_id WHERE i.name = ? ORDER BY v.version`,
    kit,
  ).map((row) => row.version);

// Page-side code as strings and a plain function: this file is type-checked for Node, without the DOM's globals.
const sideways = `(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)()`;
const outlineStyle = (element: unknown) =>
  (globalThis as unknown as { getComputedStyle(element: unknown): { outlineStyle: string } }).getComputedStyle(element)
    .outlineStyle;

test('an item added in Settings is listed, kept after a reload, and written to the database', async ({
  signedInPage: page,
  databasePath,
}) => {
  const items = new ItemsSettingsPage(page);
  await items.open();
  // Every item is listed, the seeded kit with its flag, and the page does not scroll sideways.
  await expect(items.row('Safer smoking kit')).toContainText('Yes');
  expect(await page.evaluate(sideways)).toBeLessThanOrEqual(0);

  await items.fillItem({ name: 'Wide-mouth cooker', category: 'Other supplies', unit: 'cooker', unitsPerPack: 200 });
  // By keyboard: Tab from the pack size reaches the first option, with a visible focus ring; Space ticks it.
  await items.field('Units per pack').focus();
  await page.keyboard.press('Tab');
  const showFirst = items.field('Show first when logging');
  await expect(showFirst).toBeFocused();
  expect(await showFirst.evaluate(outlineStyle)).not.toBe('none');
  await page.keyboard.press('Space');
  await expect(showFirst).toBeChecked();
  await items.field('Unit').press('Enter');
  await expect(items.status).toHaveText('Wide-mouth cooker added.');

  const row = items.row('Wide-mouth cooker');
  await expect(row).toContainText('Other supplies');
  await expect(row).toContainText('cooker');
  await expect(row).toContainText('200');
  await expect(row).toContainText('Active');
  expect(await page.evaluate(sideways)).toBeLessThanOrEqual(0);

  expect(
    query(
      databasePath,
      'SELECT name, category, unit, units_per_pack, is_common, is_kit, active FROM items WHERE name = ?',
      'Wide-mouth cooker',
    ),
  ).toEqual([
    {
      name: 'Wide-mouth cooker',
      category: 'other',
      unit: 'cooker',
      units_per_pack: 200,
      is_common: 1,
      is_kit: 0,
      active: 1,
    },
  ]);

  await page.reload();
  await items.open();
  await expect(items.row('Wide-mouth cooker')).toContainText('200');
});

test('a naloxone item needs its form and doses; deactivating an item keeps it listed', async ({
  signedInPage: page,
  databasePath,
}) => {
  const items = new ItemsSettingsPage(page);
  await items.open();
  await expect(items.field('Naloxone form')).toHaveCount(0);
  await items.addItem({
    name: 'Naloxone nasal 8 mg',
    category: 'Naloxone',
    unit: 'box',
    naloxoneForm: 'Nasal spray',
    dosesPerUnit: 2,
    tracksLots: true,
  });
  expect(
    query(
      databasePath,
      'SELECT naloxone_form, doses_per_unit, tracks_lots FROM items WHERE name = ?',
      'Naloxone nasal 8 mg',
    ),
  ).toEqual([{ naloxone_form: 'nasal', doses_per_unit: 2, tracks_lots: 1 }]);

  await page.getByRole('button', { name: 'Deactivate Naloxone nasal 8 mg' }).click();
  await expect(items.status).toHaveText('Naloxone nasal 8 mg deactivated.');
  await expect(items.row('Naloxone nasal 8 mg')).toContainText('Inactive');
  expect(query(databasePath, 'SELECT active FROM items WHERE name = ?', 'Naloxone nasal 8 mg')).toEqual([
    { active: 0 },
  ]);
});

test('a naloxone kit is saved without a form or doses of its own', async ({ signedInPage: page, databasePath }) => {
  const items = new ItemsSettingsPage(page);
  await items.open();
  await items.fillItem({ name: 'Overdose response kit', category: 'Naloxone', unit: 'kit', isKit: true });
  await expect(items.field('Naloxone form')).toHaveCount(0);
  await expect(items.form).toContainText("A kit's naloxone form and doses per unit come from its contents.");
  await items.addButton.click();
  await expect(items.status).toHaveText('Overdose response kit added.');
  expect(
    query(
      databasePath,
      'SELECT category, is_kit, naloxone_form, doses_per_unit FROM items WHERE name = ?',
      'Overdose response kit',
    ),
  ).toEqual([{ category: 'naloxone', is_kit: 1, naloxone_form: null, doses_per_unit: null }]);
});

test("a kit's new contents are saved as a new version and shown", async ({ signedInPage: page, databasePath }) => {
  const items = new ItemsSettingsPage(page);
  await items.open();
  const kit = 'Safer smoking kit';
  expect(kitVersions(databasePath, kit)).toEqual([1]);

  // Opened by keyboard; focus moves to the contents.
  await items.contentsButton(kit).focus();
  await page.keyboard.press('Enter');
  const contents = items.contents(kit);
  await expect(contents.getByRole('heading', { name: `Contents of ${kit}` })).toBeFocused();
  await expect(contents.getByText(/^Version 1, set by /)).toBeVisible();
  const current = contents.getByRole('table', { name: `Current contents of ${kit}` });
  await expect(current.getByRole('row').filter({ hasText: 'Glass stem' })).toContainText('1');
  await expect(items.component(kit, 1)).toHaveValue(/.+/);

  await items.addComponent(kit, 6, 'Foil sheet', 4);
  await items.saveContents(kit);
  await expect(contents.getByRole('status')).toHaveText(`Contents of ${kit} saved as version 2.`);
  await expect(contents.getByText(/^Version 2, set by /)).toBeVisible();
  await expect(current.getByRole('row').filter({ hasText: 'Foil sheet' })).toContainText('4');
  expect(await page.evaluate(sideways)).toBeLessThanOrEqual(0);

  expect(kitVersions(databasePath, kit)).toEqual([1, 2]);
  expect(
    query(
      databasePath,
      `SELECT i.name, c.units FROM kit_components c
         JOIN kit_versions v ON v.id = c.kit_version_id
         JOIN items k ON k.id = v.kit_item_id
         JOIN items i ON i.id = c.component_item_id
       WHERE k.name = ? AND v.version = 2 AND i.name = 'Foil sheet'`,
      kit,
    ),
  ).toEqual([{ name: 'Foil sheet', units: 4 }]);

  // Still version 2 after a reload.
  await page.reload();
  await items.open();
  await items.contentsButton(kit).click();
  await expect(items.contents(kit).getByText(/^Version 2, set by /)).toBeVisible();
});

test('bad input shows the error at the field and saves nothing', async ({ signedInPage: page, databasePath }) => {
  const items = new ItemsSettingsPage(page);
  await items.open();
  const before = itemCount(databasePath);

  // Checked in the form: naloxone without its form and doses.
  await items.fillItem({ name: 'Naloxone nasal 3 mg', category: 'Naloxone', unit: 'box' });
  await items.addButton.click();
  await expect(items.field('Naloxone form')).toHaveAttribute('aria-invalid', 'true');
  await expect(items.field('Doses per unit')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Choose the naloxone form: nasal or intramuscular.')).toBeVisible();

  // Checked by the core: a name the catalog already has.
  await items.field('Item name').fill('Cooker');
  await items.field('Category').selectOption({ label: 'Other supplies' });
  await items.addButton.click();
  await expect(items.field('Item name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Another item already has this name.')).toBeVisible();
  await expect(items.field('Item name')).toBeFocused();
  await expect(items.status).toHaveText('');
  expect(itemCount(databasePath)).toBe(before);

  // A kit component chosen twice.
  const kit = 'Safer smoking kit';
  await items.contentsButton(kit).click();
  await items.addComponent(kit, 6, 'Glass stem', 2);
  await items.saveContents(kit);
  await expect(items.component(kit, 6)).toHaveAttribute('aria-invalid', 'true');
  await expect(
    items.contents(kit).getByText('This item is already in the kit; change its units instead.'),
  ).toBeVisible();
  await expect(items.contents(kit).getByRole('status')).toHaveText('');
  expect(kitVersions(databasePath, kit)).toEqual([1]);
});

test('an item shown first is offered as a stepper on the log screen; a deactivated one is not', async ({
  signedInPage: page,
}) => {
  const items = new ItemsSettingsPage(page);
  await items.open();
  await items.addItem({ name: 'Nasal spray cap', category: 'Other supplies', unit: 'cap', showFirst: true });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log encounter' }).click();
  const form = new LogEncounterPage(page);
  await form.ready();
  await expect(form.quantity('Nasal spray cap')).toBeVisible();
  await expect(form.quantity('Cooker')).toBeVisible();

  await items.open();
  await page.getByRole('button', { name: 'Deactivate Cooker' }).click();
  await expect(items.row('Cooker')).toContainText('Inactive');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log encounter' }).click();
  await form.ready();
  await expect(form.quantity('Nasal spray cap')).toBeVisible();
  await expect(form.quantity('Cooker')).toHaveCount(0);
});
