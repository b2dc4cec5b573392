import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EncounterListPage } from './pages/encounter-list-page';
import { LogEncounterPage } from './pages/log-encounter-page';

/** A `datetime-local` value some hours ago in the browser's time zone: inside the default 7 days, never in the future. */
function hoursAgo(page: Page, hours: number): Promise<string> {
  return page.evaluate((ms) => {
    const date = new Date(Date.now() - ms);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, hours * 3_600_000);
}

test('void one encounter with a reason and correct the quantity of another', async ({ signedInPage: page }) => {
  // A long flow: two saves, a void and a correction, each checked on screen.
  test.setTimeout(60_000);
  const form = new LogEncounterPage(page);
  await form.logEncounter({
    dateTime: await hoursAgo(page, 2),
    participantCode: 'VX0101',
    lines: [{ item: 'Fentanyl test strip', quantity: 5 }],
  });
  await form.expectSaved();
  await expect(form.recentRow('VX0101')).toBeVisible();
  await form.logEncounter({
    dateTime: await hoursAgo(page, 1),
    participantCode: 'CR0202',
    lines: [{ item: 'Syringe 1 mL 28G 1/2in', quantity: 10 }],
  });
  await form.expectSaved();
  await expect(form.recentRow('CR0202')).toBeVisible();

  const list = new EncounterListPage(page);
  await list.open();
  await expect(list.row('VX0101')).toBeVisible();
  await expect(list.row('CR0202')).toContainText('10 × Syringe 1 mL 28G 1/2in');
  // Newest first.
  await expect(list.table.getByRole('row').nth(1)).toContainText('CR0202');

  // Void: gone from the default list, back as voided (with its reason) when asked for.
  await list.openEntry('VX0101');
  await list.voidOpenEntry('Logged for the wrong person');
  await expect(list.detailValue('Status')).toHaveText('Voided');
  await list.closeDetail();
  await expect(list.row('VX0101')).toHaveCount(0);
  await expect(list.page.getByRole('heading', { level: 1, name: 'Encounters' })).toBeFocused();
  await list.showVoided.check();
  await expect(list.row('VX0101')).toContainText('Voided');
  await expect(list.row('VX0101')).toContainText('Logged for the wrong person');
  await list.showVoided.uncheck();
  await expect(list.row('VX0101')).toHaveCount(0);

  // Correct: the new quantity is listed, and the change is recorded with its reason.
  await list.openEntry('CR0202');
  await list.correctQuantity('Syringe 1 mL 28G 1/2in', 20, 'Handed out 20, typed 10');
  await expect(list.detailValue('Supplies')).toHaveText('20 × Syringe 1 mL 28G 1/2in');
  await expect(list.detailValue('Revision')).toHaveText('2');
  await expect(list.detailValue('Reason for the last change')).toHaveText('Handed out 20, typed 10');
  await list.closeDetail();
  await expect(list.row('CR0202').getByRole('button', { name: /^Open / })).toBeFocused();
  await expect(list.row('CR0202')).toContainText('20 × Syringe 1 mL 28G 1/2in');

  // Fits a 1280x720 window without scrolling sideways.
  // (An expression string: this file is type-checked for Node, where the page's globals do not exist.)
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a tally is listed beside encounters and can be corrected', async ({ signedInPage: page }) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  await page.keyboard.press('Alt+KeyT');
  await form.contacts.fill('12');
  await form.quantity('Cooker').fill('30');
  await form.saveButton.click();
  await form.expectSaved('Tally');

  const list = new EncounterListPage(page);
  await list.open();
  await expect(list.row('12 contacts')).toContainText('30 × Cooker');
  await list.openEntry('12 contacts');
  await expect(list.detail).toHaveAccessibleName('Tally details');
  await list.detail.getByRole('button', { name: 'Correct this tally' }).click();
  await list.detail.getByLabel('Contacts', { exact: true }).fill('15');
  await list.detail.getByRole('textbox', { name: /Reason for the correction/ }).fill('Counted the second clicker too');
  await list.detail.getByRole('button', { name: 'Save correction' }).click();
  await expect(list.detail.getByRole('status')).toHaveText('Correction saved.');
  await expect(list.detailValue('Revision')).toHaveText('2');
  await list.closeDetail();
  await expect(list.row('15 contacts')).toContainText('30 × Cooker');
});

test('the code filter finds a participant by the start of a code and by a one-digit typo, and says when no one has it', async ({
  signedInPage: page,
}) => {
  test.setTimeout(60_000);
  const form = new LogEncounterPage(page);
  for (const [participantCode, hours] of [
    ['HX0390', 2],
    ['KT1185', 1],
  ] as const) {
    await form.logEncounter({
      dateTime: await hoursAgo(page, hours),
      participantCode,
      lines: [{ item: 'Syringe 1 mL 28G 1/2in', quantity: 10 }],
    });
    await form.expectSaved();
    await expect(form.recentRow(participantCode)).toBeVisible();
  }

  const list = new EncounterListPage(page);
  await list.open();
  await expect(list.row('KT1185')).toBeVisible();
  const code = list.filters.getByRole('combobox', { name: 'Participant code' });
  const matches = list.filters.getByRole('listbox', { name: 'Matching codes' });

  // The start of a code: picked from the matches, the list is that participant's.
  await code.fill('hx03');
  await matches.getByRole('option', { name: /HX0390/ }).click();
  await expect(code).toHaveValue('HX0390');
  await expect(list.row('HX0390')).toBeVisible();
  await expect(list.row('KT1185')).toHaveCount(0);

  // One digit wrong: offered as a close match, picked with Enter.
  await code.fill('HX0391');
  await expect(matches.getByRole('option', { name: /HX0390/ })).toContainText('Close match');
  await code.press('Enter');
  await expect(code).toHaveValue('HX0390');
  await expect(list.row('HX0390')).toBeVisible();

  // A code no one has, nor anything close: said at the field, not an empty list.
  await code.fill('QQ0101');
  await expect(list.filters.getByText('No participant has the code QQ0101, and none is close to it.')).toBeVisible();
  await expect(list.table).toHaveCount(0);
  await expect(page.getByText('No encounters or tallies match these filters.')).toHaveCount(0);
});

test('an entry corrected once shows two steps in its history, and From after To is marked at To', async ({
  signedInPage: page,
}) => {
  test.setTimeout(60_000);
  const form = new LogEncounterPage(page);
  await form.logEncounter({
    dateTime: await hoursAgo(page, 1),
    participantCode: 'HS0492',
    lines: [{ item: 'Syringe 1 mL 28G 1/2in', quantity: 10 }],
  });
  await form.expectSaved();
  await expect(form.recentRow('HS0492')).toBeVisible();

  const list = new EncounterListPage(page);
  await list.open();
  await list.openEntry('HS0492');
  await list.correctQuantity('Syringe 1 mL 28G 1/2in', 20, 'Handed out 20, typed 10');
  const history = list.detail.getByRole('region', { name: 'History' });
  const steps = history.locator('ol > li');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText('logged');
  await expect(steps.nth(1)).toContainText('corrected: Handed out 20, typed 10');
  await expect(steps.nth(1)).toContainText('Syringe 1 mL 28G 1/2in: 10 → 20');
  await list.closeDetail();

  await list.from.fill('2026-11-20');
  const to = list.filters.getByLabel('To', { exact: true });
  await to.fill('2026-11-10');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(
    list.filters.getByText('The range ends before it starts: choose a date on or after the From date.'),
  ).toBeVisible();
  await expect(list.table).toHaveCount(0);
});
