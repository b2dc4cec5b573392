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

/** A returning participant with three supply lines, from the code to saved, counted by `keys`. */
async function returningWithThreeLines(form: LogEncounterPage, keys: KeystrokeCounter): Promise<void> {
  await expect(form.participantCode).toBeFocused();
  await keys.type('MA07');
  await expect(form.page.getByRole('listbox', { name: 'Matching codes' })).toHaveAttribute('aria-busy', 'false');
  await keys.press('Enter');
  await expect(form.quantity('Fentanyl test strip')).toBeFocused();
  await keys.type('5');
  await keys.press('Tab');
  await keys.type('1');
  await keys.press('Tab');
  await keys.type('10');
  await keys.press('Control+Enter');
  await form.expectSaved();
  await expect(form.participantCode).toHaveValue('');
}

test('a new code typed in full costs one confirming key, the Enter that moves on to the supplies', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.logEncounter({ participantCode: 'MA0785', lines: [{ item: 'Cooker', quantity: 2 }] });
  await form.expectSaved();
  await expect(form.participantCode).toBeFocused();

  const returning = new KeystrokeCounter(page);
  await returningWithThreeLines(form, returning);

  // The close match MA0785 is offered; Enter adds the new participant instead.
  const keys = new KeystrokeCounter(page);
  await keys.type('MA0758');
  await expect(page.getByRole('option', { name: /Add MA0758 as a new participant/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await keys.press('Enter');
  await expect(form.quantity('Fentanyl test strip')).toBeFocused();
  await keys.type('5');
  await keys.press('Tab');
  await keys.type('1');
  await keys.press('Tab');
  await keys.type('10');
  await keys.press('Control+Enter');
  await form.expectSaved();

  // Two more characters of code than the returning participant's prefix, and not one key more.
  expect(keys.count, keys.log.join(' ')).toBeLessThanOrEqual(returning.count + 2);
  expect(newestEntry(databasePath).map((line) => line.code)).toEqual(['MA0758', 'MA0758', 'MA0758']);
});

test('typing up paper forms costs what live logging does, plus the forms’ date once', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.logEncounter({ participantCode: 'MA0785', lines: [{ item: 'Cooker', quantity: 2 }] });
  await form.expectSaved();
  const live = new KeystrokeCounter(page);
  await returningWithThreeLines(form, live);

  // Set once for the stack: paper mode, the forms' date (the time stays), the staff member on them.
  const setUp = new KeystrokeCounter(page);
  await setUp.click(page.getByRole('switch', { name: /^Typing up paper forms/ }));
  const formDate = page.getByLabel('Date and time on the form');
  await expect(formDate).toBeFocused();
  await setUp.type('11022026');
  await expect(formDate).toHaveValue(/^2026-11-02T/);
  // The staff member on the forms starts as the one typing (this test's only staff member).
  await expect(page.getByRole('combobox', { name: 'Staff member on the form' })).toHaveValue(/.+/);
  await setUp.click(form.participantCode);

  const paper = new KeystrokeCounter(page);
  await returningWithThreeLines(form, paper);
  const second = new KeystrokeCounter(page);
  await returningWithThreeLines(form, second);

  expect(paper.count, paper.log.join(' ')).toBeLessThanOrEqual(live.count);
  expect(second.count, second.log.join(' ')).toBeLessThanOrEqual(live.count);
  expect(setUp.count, setUp.log.join(' ')).toBeLessThanOrEqual(10);
  const file = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  let instants: number[];
  try {
    instants = file.prepare('SELECT occurred_ms FROM current_revisions ORDER BY entry_key').pluck().all() as number[];
  } finally {
    file.close();
  }
  // Both typed-up forms on the day typed, as this computer's calendar reads it, at the same time.
  const days = await page.evaluate((times) => times.map((ms) => new Date(ms).toDateString()), instants.slice(2));
  expect(days).toEqual([new Date(2026, 10, 2).toDateString(), new Date(2026, 10, 2).toDateString()]);
});
