import { testSetup } from '../support/test-setup';
import { callHarness, expect, test } from './fixtures';
import { LogEncounterPage } from './pages/log-encounter-page';
import { SettingsPage } from './pages/settings-page';
import { chooseTimeZone, timeZoneField } from './pages/time-zone-field';

test('a browser that remembers no site starts on the first site the program added, not the first by name', async ({
  page,
  harness,
  newInstallPath,
}) => {
  void newInstallPath; // a new install, set up here with sites in the order the program added them
  await callHarness(harness, 'system.setup', {
    ...testSetup,
    sites: [
      { name: 'Zeta van', siteType: 'mobile_van' },
      { name: 'Alpha drop-in', siteType: 'drop_in' },
    ],
  });
  await page.goto(harness.url);
  const form = new LogEncounterPage(page);
  await expect(form.site.locator('option:checked')).toHaveText('Zeta van');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Collections' }).click();
  const collection = page.getByRole('form', { name: 'Log a collection' });
  await expect(collection.getByLabel('Site')).toHaveValue('Zeta van');
});

test('a site added in Settings is offered when logging an encounter', async ({ signedInPage: page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addSite('Riverside park', 'Street outreach');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log encounter' }).click();
  const form = new LogEncounterPage(page);
  await expect(form.site.locator('option', { hasText: 'Riverside park' })).toHaveCount(1);
  await form.site.selectOption({ label: 'Riverside park' });
});

test('add a preset', async ({ signedInPage: page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addPreset('Injection kit', [{ item: 'Syringe 1 mL 28G 1/2in', quantity: 10 }]);
  await expect(
    page.getByRole('table', { name: 'Presets' }).getByRole('row').filter({ hasText: 'Injection kit' }),
  ).toContainText('10 × Syringe 1 mL 28G 1/2in');
});

test('program settings: a changed value is kept after a reload; an abbreviation finds no time zone, one chosen from the list is kept', async ({
  signedInPage: page,
}) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.tab('Program');
  await settings.programField('Syringes per pound').fill('300');
  await settings.saveProgram();
  await expect(settings.status).toHaveText('Program settings saved.');

  await page.reload();
  await settings.open();
  await settings.tab('Program');
  await expect(settings.programField('Syringes per pound')).toHaveValue('300');

  // The zone comes from the list: an abbreviation matches nothing, and the saved zone stays.
  const zone = timeZoneField(page);
  const saved = await zone.inputValue();
  await zone.fill('PST');
  await expect(page.getByText('No time zone matches \u201cPST\u201d.', { exact: false })).toBeVisible();
  await zone.press('Escape');
  await zone.blur();
  await expect(zone).toHaveValue(saved);
  await chooseTimeZone(page, 'vancouver', 'America/Vancouver');
  await settings.saveProgram();
  await expect(settings.status).toHaveText('Program settings saved.');
  await page.reload();
  await settings.open();
  await settings.tab('Program');
  await expect(timeZoneField(page)).toHaveValue('America/Vancouver');
});
