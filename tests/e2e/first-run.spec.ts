import { expectAccessible, expectAccessibleAtEveryWidth } from './accessibility';
import { query } from './database-file';
import { expect, test } from './fixtures';
import { SettingsPage } from './pages/settings-page';
import { chooseTimeZone, timeZoneField } from './pages/time-zone-field';

// The browser, standing in for the computer, is in Los Angeles (playwright.config.ts).
test('a new program is set up on the first-run screen, its time zone chosen from the list', async ({
  page,
  harness,
  newInstallPath,
}) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Outpost' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expectAccessible(page, 'first-run setup');

  // The computer's zone to start with; an abbreviation or an offset is nothing to choose.
  const zone = timeZoneField(page);
  await expect(zone).toHaveValue('America/Los Angeles');
  for (const typed of ['PST', '+05:00']) {
    await zone.fill(typed);
    await expect(page.getByText(`No time zone matches \u201c${typed}\u201d.`, { exact: false })).toBeVisible();
    await zone.press('Escape');
    await zone.blur();
    await expect(zone).toHaveValue('America/Los Angeles');
  }
  await chooseTimeZone(page, 'chicago', 'America/Chicago');

  await page.getByLabel('Program name', { exact: true }).fill('Harbour Outreach');
  await page.getByRole('radio', { name: /Gender, four letters and year of birth/ }).check();
  await page.getByLabel('Site 1 name', { exact: true }).fill('Harbour drop-in');
  await page.getByLabel('Site 1 type', { exact: true }).selectOption({ label: 'Drop-in' });
  await page.getByRole('button', { name: 'Add another site' }).click();
  await page.getByLabel('Site 2 name', { exact: true }).fill('Night van');
  await page.getByLabel('Site 2 type', { exact: true }).selectOption({ label: 'Mobile van' });
  await page.getByRole('checkbox', { name: 'Wound care kit' }).check();
  await page.getByRole('button', { name: 'Start using Outpost' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Log encounter' })).toBeVisible();
  expect(
    query(newInstallPath, `SELECT program_name, time_zone, participant_code_formula FROM program_settings`),
  ).toEqual([
    { program_name: 'Harbour Outreach', time_zone: 'America/Chicago', participant_code_formula: 'gender_letters_year' },
  ]);
  expect(query(newInstallPath, `SELECT name, site_type FROM sites ORDER BY created_at, name`)).toEqual([
    { name: 'Harbour drop-in', site_type: 'drop_in' },
    { name: 'Night van', site_type: 'mobile_van' },
  ]);
  // The kit came with its contents, though only the kit was ticked.
  const names = query<{ name: string }>(newInstallPath, `SELECT name FROM items`).map((row) => row.name);
  expect(names).toEqual(expect.arrayContaining(['Wound care kit', 'Adhesive bandage', 'Alcohol pad', 'Cooker']));

  // Set up once: a reload opens the app, and the Program settings show the same zone in the same list.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Log encounter' })).toBeVisible();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.tab('Program');
  await expect(timeZoneField(page)).toHaveValue('America/Chicago');
});

test('the first-run screen is in Spanish once Spanish is chosen, and usable from 640 to 1280 pixels', async ({
  page,
  harness,
  newInstallPath,
}) => {
  void newInstallPath; // a new install before the page loads
  await page.goto(harness.url);
  await page.getByLabel('Language', { exact: true }).selectOption('es');
  await expect(page.getByRole('heading', { level: 1, name: 'Configurar Outpost' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Cazoleta' })).toBeChecked();
  await expectAccessibleAtEveryWidth(page, 'first-run setup in Spanish');
  await timeZoneField(page, 'Zona horaria').fill('PST');
  await expect(page.getByText('Ninguna zona horaria coincide con \u201cPST\u201d.', { exact: false })).toBeVisible();
});
