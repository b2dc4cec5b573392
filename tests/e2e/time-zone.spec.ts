import { expectAccessible } from './accessibility';
import { expect, test } from './fixtures';
import { EncounterListPage } from './pages/encounter-list-page';
import { LogEncounterPage } from './pages/log-encounter-page';
import { SettingsPage } from './pages/settings-page';
import { chooseTimeZone, timeZoneField } from './pages/time-zone-field';

// The browser is in Los Angeles (playwright.config.ts), the computer in Los Angeles too.
test.use({ timezoneId: 'America/Los_Angeles' });

/** The list narrowed to one day: the day entries are filed on, as the monthly figures count them. */
async function showDay(list: EncounterListPage, day: string): Promise<void> {
  await list.from.fill(day);
  await list.filters.getByLabel('To', { exact: true }).fill(day);
}

test('an evening logged while the program was in UTC is re-filed on its day in Los Angeles', async ({
  signedInPage: page,
}) => {
  test.setTimeout(60_000);
  const settings = new SettingsPage(page);
  // Set up in the zone of the core's computer; here the program says UTC, as the did.
  await settings.open();
  await settings.tab('Program');
  const zone = timeZoneField(page);
  if ((await zone.inputValue()) !== 'UTC') {
    await chooseTimeZone(page, 'UTC', 'UTC');
    await settings.saveProgram();
    await expect(settings.status).toHaveText('Program settings saved.');
  }

  // 18:30 on November 30 in Los Angeles is 02:30 on December 1 in UTC.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log encounter' }).click();
  const form = new LogEncounterPage(page);
  await form.logEncounter({
    dateTime: '2026-11-30T18:30',
    participantCode: 'LA1185',
    lines: [{ item: 'Fentanyl test strip', quantity: 3 }],
  });
  await form.expectSaved();

  const list = new EncounterListPage(page);
  await list.open();
  await showDay(list, '2026-12-01');
  await expect(list.row('LA1185')).toBeVisible();
  await showDay(list, '2026-11-30');
  await expect(list.row('LA1185')).toHaveCount(0);

  // The zone is corrected: the entry stays where it was filed until it is re-filed.
  await settings.open();
  await settings.tab('Program');
  await chooseTimeZone(page, 'los angeles', 'America/Los_Angeles');
  await settings.saveProgram();
  await expect(settings.status).toHaveText('Program settings saved.');
  await expect(
    page.getByText(
      "1 entry is filed on its day in UTC, the program's earlier time zone, on days from Nov 30, 2026 to Dec 1, 2026.",
      { exact: false },
    ),
  ).toBeVisible();
  await expectAccessible(page, 'program settings, entries to re-file');
  await page.getByRole('button', { name: 'Re-file 1 entry to America/Los_Angeles' }).click();
  await expectAccessible(page, 'program settings, re-filing to confirm');
  await page.getByRole('button', { name: 'Yes, re-file 1 entry' }).click();
  await expect(settings.status).toHaveText('1 entry re-filed to America/Los_Angeles.');
  await expect(page.getByRole('button', { name: /^Re-file/ })).toHaveCount(0);

  await list.open();
  await showDay(list, '2026-11-30');
  await expect(list.row('LA1185')).toBeVisible();
  await expect(list.row('LA1185')).toContainText('3 × Fentanyl test strip');
  await showDay(list, '2026-12-01');
  await expect(list.row('LA1185')).toHaveCount(0);
});
