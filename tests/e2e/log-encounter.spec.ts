import { SqliteDriver as BetterSqlite3 } from '../../db/platform/sqlite-driver';
import { expect, test } from './fixtures';
import { LogEncounterPage } from './pages/log-encounter-page';

function encounterRows(databasePath: string): number {
  const file = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (file.prepare('SELECT count(*) AS n FROM field_entries').get() as { n: number }).n;
  } finally {
    file.close();
  }
}

test('log an encounter and see it in the list, still there after a reload', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await expect(form.recentTable.or(page.getByText('No encounters yet'))).toBeVisible();
  await form.logEncounter({
    site: 'Main site',
    dateTime: '2026-11-20T10:15',
    participantCode: 'ma0785',
    lines: [
      { item: 'Syringe 1 mL 28G 1/2in', quantity: 20 },
      { item: 'Naloxone nasal 4 mg (box of 2)', quantity: 1 },
    ],
  });
  await form.expectSaved();
  const row = form.recentRow('MA0785');
  await expect(row).toBeVisible();
  await expect(row).toContainText('Syringe 1 mL 28G 1/2in');
  await expect(row).toContainText('Naloxone nasal 4 mg (box of 2)');
  expect(encounterRows(databasePath)).toBe(1);

  await page.reload();
  await expect(new LogEncounterPage(page).recentRow('MA0785')).toBeVisible();
});

test('an anonymous walk-in is listed as such', async ({ signedInPage: page }) => {
  const form = new LogEncounterPage(page);
  await form.logEncounter({ lines: [{ item: 'External condom', quantity: 10 }] });
  await form.expectSaved();
  await expect(form.recentRow('Anonymous walk-in')).toContainText('External condom');
});

test('Ctrl+Enter saves, and the form is ready for the next person', async ({ signedInPage: page, databasePath }) => {
  const form = new LogEncounterPage(page);
  await form.fill({ participantCode: 'KB0922', lines: [{ item: 'Fentanyl test strip', quantity: 5 }] });
  await form.quantity('Fentanyl test strip').press('Control+Enter');
  await form.expectSaved();
  await expect(form.participantCode).toBeFocused();
  await expect(form.participantCode).toHaveValue('');
  expect(encounterRows(databasePath)).toBe(1);
});

test('bad input shows the error at the field and saves nothing', async ({ signedInPage: page, databasePath }) => {
  const form = new LogEncounterPage(page);
  await form.fill({ participantCode: 'ZZ0999', lines: [{ item: 'Fentanyl test strip', quantity: -4 }] });
  await form.saveButton.click();
  await expect(form.quantity('Fentanyl test strip')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Quantity must be at least 1.')).toBeVisible();
  await expect(form.quantity('Fentanyl test strip')).toBeFocused();

  await form.quantity('Fentanyl test strip').fill('2.5');
  await form.dateTime.fill('');
  await form.saveButton.click();
  await expect(form.dateTime).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a valid date and time.')).toBeVisible();
  await expect(page.getByText('Enter a whole number.')).toBeVisible();

  await expect(page.getByRole('status').filter({ hasText: 'Encounter saved' })).toHaveCount(0);
  await expect(form.recentRow('ZZ0999')).toHaveCount(0);
  expect(encounterRows(databasePath)).toBe(0);
});

test('the page loads with no CSP violations or console errors', async ({ page, harness, databasePath }) => {
  void databasePath;
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(harness.url);
  await expect(page.getByRole('banner')).toContainText('Default staff member');
  await expect(page.getByRole('button', { name: /^Save encounter/ })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the interface switches to Spanish, and remembers it', async ({ signedInPage: page }) => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('button', { name: /^Guardar encuentro/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Código de participante' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.reload();
  await expect(page.getByRole('button', { name: /^Guardar encuentro/ })).toBeVisible();
});
