/**
 * The field screen's promise, measured: from the empty form to saved, within a budget of key
 * presses and clicks, counted by one helper. The flows use only the keyboard, as a worker at a
 * busy table would; the database then shows that what was saved is what was meant.
 */
import { SqliteDriver as BetterSqlite3 } from '../../db/platform/sqlite-driver';
import { expect, test } from './fixtures';
import { KeystrokeCounter } from './keystrokes';
import { LogEncounterPage } from './pages/log-encounter-page';

interface SavedLine {
  code: string | null;
  kind: string;
  contacts: number | null;
  item: string;
  quantity: number;
}

/** The newest entry's supply lines, with its participant code (or contacts for a tally). */
function newestEntry(databasePath: string): SavedLine[] {
  const file = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  try {
    return file
      .prepare(
        `SELECT p.code AS code, CASE e.kind WHEN 1 THEN 'encounter' ELSE 'tally' END AS kind, r.contacts AS contacts,
             i.name AS item, l.units AS quantity
           FROM current_revisions r
           JOIN field_entries e ON e.key = r.entry_key
           LEFT JOIN participants p ON p.key = r.participant_key
           JOIN field_entry_lines l ON l.revision_key = r.key
           JOIN items i ON i.key = l.item_key
          WHERE r.entry_key = (SELECT key FROM field_entries ORDER BY id DESC LIMIT 1)
          ORDER BY i.name`,
      )
      .all() as SavedLine[];
  } finally {
    file.close();
  }
}

function entryCount(databasePath: string): number {
  const file = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (file.prepare('SELECT count(*) AS n FROM field_entries').get() as { n: number }).n;
  } finally {
    file.close();
  }
}

test('a returning participant, "same as last time": at most 8 key presses and clicks', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  // Their first visit, logged the ordinary way (not counted).
  await form.logEncounter({
    participantCode: 'MA0785',
    lines: [
      { item: 'Syringe 1 mL 28G 1/2in', quantity: 20 },
      { item: 'Naloxone nasal 4 mg (box of 2)', quantity: 1 },
      { item: 'Cotton filter', quantity: 10 },
    ],
  });
  await form.expectSaved();
  await expect(form.participantCode).toBeFocused();
  await page.reload();
  await form.ready();
  await expect(form.participantCode).toBeFocused();

  const keys = new KeystrokeCounter(page);
  await keys.type('MA07');
  await expect(page.getByRole('option', { name: /MA0785/ })).toBeVisible();
  // The matches are for what was typed last (not an earlier prefix): only those can be picked with Enter.
  await expect(page.getByRole('listbox', { name: 'Matching codes' })).toHaveAttribute('aria-busy', 'false');
  await keys.press('Enter');
  await expect(page.getByTestId('last-visit')).toContainText('20 × Syringe 1 mL 28G 1/2in');
  await keys.press('Alt+KeyL');
  await expect(form.quantity('Cotton filter')).toHaveValue('10');
  await keys.press('Control+Enter');
  await form.expectSaved();

  expect(keys.count, keys.log.join(' ')).toBeLessThanOrEqual(8);
  expect(entryCount(databasePath)).toBe(2);
  expect(newestEntry(databasePath)).toEqual([
    { code: 'MA0785', kind: 'encounter', contacts: 1, item: 'Cotton filter', quantity: 10 },
    { code: 'MA0785', kind: 'encounter', contacts: 1, item: 'Naloxone nasal 4 mg (box of 2)', quantity: 1 },
    { code: 'MA0785', kind: 'encounter', contacts: 1, item: 'Syringe 1 mL 28G 1/2in', quantity: 20 },
  ]);
});

test('a first-time participant with a new code and three supply lines: at most 25, answers aside', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  await expect(form.participantCode).toBeFocused();

  const keys = new KeystrokeCounter(page);
  await keys.press('Alt+KeyN');
  const builder = page.getByRole('dialog', { name: 'New participant code' });
  await expect(builder.getByLabel("Mother's first name", { exact: true })).toBeFocused();
  await keys.answer('Maria');
  await keys.press('Tab'); // its "Declined" box
  await keys.press('Tab');
  await keys.answer('7');
  await keys.press('Tab');
  await keys.press('Tab');
  await keys.answer('1985');
  await expect(builder).toContainText('MA0785');
  await keys.press('Enter');
  await expect(builder).toBeHidden();
  await expect(form.participantCode).toHaveValue('MA0785');

  // Focus is on the first item's quantity; Tab goes from quantity to quantity.
  await expect(form.quantity('Fentanyl test strip')).toBeFocused();
  await keys.type('5');
  await keys.press('Tab');
  await keys.type('1');
  await keys.press('Tab');
  await keys.type('10');
  await keys.press('Control+Enter');
  await form.expectSaved();

  expect(keys.count, keys.log.join(' ')).toBeLessThanOrEqual(25);
  const saved = newestEntry(databasePath);
  expect(saved.map((line) => [line.code, line.item, line.quantity])).toEqual([
    ['MA0785', 'Alcohol pad', 10],
    ['MA0785', 'Fentanyl test strip', 5],
    ['MA0785', 'Naloxone nasal 4 mg (box of 2)', 1],
  ]);
});

test('a tally of a street shift with three supply lines: at most 20', async ({ signedInPage: page, databasePath }) => {
  const form = new LogEncounterPage(page);
  await form.ready();

  const keys = new KeystrokeCounter(page);
  await keys.press('Alt+KeyT');
  await expect(form.contacts).toBeFocused();
  await keys.type('12');
  await keys.press('Enter');
  await keys.type('100');
  await keys.press('Tab');
  await keys.type('10');
  await keys.press('Tab');
  await keys.type('5');
  await keys.press('Control+Enter');
  await form.expectSaved('Tally');

  expect(keys.count, keys.log.join(' ')).toBeLessThanOrEqual(20);
  expect(newestEntry(databasePath).map((line) => [line.kind, line.contacts, line.item, line.quantity])).toEqual([
    ['tally', 12, 'Alcohol pad', 5],
    ['tally', 12, 'Fentanyl test strip', 100],
    ['tally', 12, 'Naloxone nasal 4 mg (box of 2)', 10],
  ]);
  // The next shift starts in tally mode too, ready at the contacts.
  await expect(form.contacts).toBeFocused();
});
