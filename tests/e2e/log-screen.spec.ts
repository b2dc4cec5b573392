/**
 * The log screen beyond the basic save: finding a participant by a mistyped code, the code builder's
 * "same person?" question, the details an encounter records, soft stock, presets, undo and the
 * shortcut overlay. Each flow checks the SQLite file, not just the screen.
 */
import { query } from './database-file';
import { expect, test } from './fixtures';
import { LogEncounterPage } from './pages/log-encounter-page';
import { SettingsPage } from './pages/settings-page';

test('a mistyped code finds the participant as a close match', async ({ signedInPage: page, databasePath }) => {
  const form = new LogEncounterPage(page);
  await form.logEncounter({ participantCode: 'MA0785', lines: [{ item: 'Cooker', quantity: 2 }] });
  await form.expectSaved();

  // Digits swapped: still offered, marked as a close match, picked with the arrow key and Enter.
  await form.participantCode.fill('MA0758');
  const match = page.getByRole('option', { name: /MA0785/ });
  await expect(match).toContainText('Close match');
  await form.participantCode.press('ArrowDown');
  await expect(form.participantCode).toHaveAttribute('aria-activedescendant', /.+/);
  await form.participantCode.press('Enter');
  await expect(form.participantCode).toHaveValue('MA0785');
  await expect(page.getByTestId('last-visit')).toContainText('2 × Cooker');
  await (await form.showItem('Cooker')).fill('1');
  await form.saveButton.click();
  const codes = () =>
    query<{ code: string }>(
      databasePath,
      'SELECT p.code FROM current_revisions r JOIN participants p ON p.key = r.participant_key',
    );
  await expect.poll(codes).toEqual([{ code: 'MA0785' }, { code: 'MA0785' }]);
  expect(query(databasePath, 'SELECT code FROM participants')).toEqual([{ code: 'MA0785' }]);
});

test('a code nobody has is marked new and saved only after its confirming Enter, never as the close match', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.logEncounter({ participantCode: 'MA0785', lines: [{ item: 'Cooker', quantity: 2 }] });
  await form.expectSaved();
  const participants = () => query<{ code: string }>(databasePath, 'SELECT code FROM participants ORDER BY code');

  // The typo of the issue: MA0758 typed, Tab, a supply, save. Marked new, the close match not chosen.
  await form.participantCode.pressSequentially('MA0758');
  await expect(page.getByRole('option', { name: /Add MA0758 as a new participant/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('option', { name: /MA0785/ })).toHaveAttribute('aria-selected', 'false');
  await form.participantCode.press('Tab');
  await (await form.showItem('Cooker')).fill('1');
  await page.keyboard.press('Control+Enter');
  await expect(form.participantCode).toBeFocused();
  await expect(form.participantCode).toHaveAccessibleDescription(/Nobody has this code yet\. Press Enter in the code/);
  expect(query(databasePath, 'SELECT count(*) AS n FROM field_entries')).toEqual([{ n: 1 }]);

  // One confirming key, and it is a new participant.
  await form.participantCode.press('Enter');
  await expect(page.getByTestId('last-visit')).toContainText('MA0758: first visit.');
  await page.keyboard.press('Control+Enter');
  await form.expectSaved();
  await expect.poll(participants).toEqual([{ code: 'MA0758' }, { code: 'MA0785' }]);
  await expect(form.participantCode).toHaveValue('');

  // A code the formula does not make is refused at the field, and nothing is saved.
  await form.participantCode.pressSequentially('ZZ');
  await form.participantCode.press('Enter');
  await expect(form.participantCode).toHaveAccessibleDescription(/does not follow the program's code formula/);
  await (await form.showItem('Cooker')).fill('1');
  await page.keyboard.press('Control+Enter');
  await expect(form.participantCode).toBeFocused();
  expect(query(databasePath, 'SELECT count(*) AS n FROM field_entries')).toEqual([{ n: 2 }]);
  expect(participants()).toEqual([{ code: 'MA0758' }, { code: 'MA0785' }]);
});

test('Enter inside a quantity or the syringes counted never saves; a 10,000-character note is refused, not cut', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  await page.keyboard.press('Alt+KeyA');
  const cooker = await form.showItem('Cooker');
  await cooker.fill('2');
  await cooker.press('Enter');
  const counted = page.getByRole('spinbutton', { name: 'Counted' });
  await counted.fill('5');
  await counted.press('Enter');
  const note = page.getByRole('textbox', { name: 'Note' });
  await note.fill('a'.repeat(10_000));
  await expect(note).toHaveValue('a'.repeat(10_000));
  await expect(page.getByText('9,500 characters too many: shorten it to 500 to save')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(note).toHaveAccessibleDescription(/The note must be at most 500 characters\./);
  expect(query(databasePath, 'SELECT count(*) AS n FROM field_entries')).toEqual([{ n: 0 }]);

  await note.fill('Asked about testing');
  await page.keyboard.press('Control+Enter');
  await form.expectSaved();
  expect(query(databasePath, 'SELECT note, collected_counted FROM current_revisions')).toEqual([
    { note: 'Asked about testing', collected_counted: 5 },
  ]);
});

test('Alt+A right after Alt+T twice sends the next digit to the supplies, every time', async ({
  signedInPage: page,
}) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  const first = page.getByRole('spinbutton').first();
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    await page.keyboard.press('Alt+KeyT');
    await page.keyboard.press('Alt+KeyT');
    await page.keyboard.press('Alt+KeyA');
    await page.keyboard.press('5');
    await expect(form.participantCode, `attempt ${attempt}`).toHaveValue('');
    await expect(first, `attempt ${attempt}`).toHaveValue('5');
    await first.fill('');
  }
});

test('a built code someone already has: "no, someone else" gives a new code with a letter added', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.logEncounter({ participantCode: 'MA0785', lines: [{ item: 'Cooker', quantity: 1 }] });
  await form.expectSaved();

  await page.getByRole('button', { name: /^New code/ }).click();
  const builder = page.getByRole('dialog', { name: 'New participant code' });
  await builder.getByLabel("Mother's first name", { exact: true }).fill('Marta');
  await builder.getByLabel('Month of birth', { exact: true }).fill('07');
  await builder.getByLabel('Year of birth', { exact: true }).fill('85');
  await builder.getByRole('button', { name: 'Use this code' }).click();
  await expect(builder).toContainText('Someone already has the code MA0785.');
  await expect(builder.getByRole('button', { name: 'Yes, same person' })).toBeFocused();
  await builder.getByRole('button', { name: 'No, someone else' }).click();
  await expect(builder).toBeHidden();
  // The core adds the first free letter (B: the first person keeps the plain code).
  await expect(form.participantCode).toHaveValue('MA0785B');
  await form.saveButton.click();
  await form.expectSaved();

  expect(query<{ code: string }>(databasePath, 'SELECT code FROM participants ORDER BY code')).toEqual([
    { code: 'MA0785' },
    { code: 'MA0785B' },
  ]);
});

test('collected syringes, supplies for others, services, a reversal, an unmet request and a note are saved', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.fill({ participantCode: 'KB0922', lines: [{ item: 'Naloxone nasal 4 mg (box of 2)', quantity: 2 }] });
  await page.getByLabel('Counted', { exact: true }).fill('40');
  await page.getByLabel('Or containers', { exact: true }).fill('1');
  await expect(page.getByText(/About .* syringes in all/)).toBeVisible();
  await page.getByLabel('Also for others', { exact: true }).fill('3');
  await page.locator('label', { hasText: 'HIV test' }).click();
  await expect(page.getByRole('checkbox', { name: 'HIV test' })).toBeChecked();
  await page.getByRole('button', { name: 'Add a reversal report' }).click();
  await page.getByLabel('Outcome 1', { exact: true }).selectOption({ label: 'Person survived' });
  await page.getByLabel('Naloxone doses used 1', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add a request we could not meet' }).click();
  await page.getByLabel('Requested item 1', { exact: true }).selectOption({ label: 'Glass stem' });
  await page.getByLabel('Note', { exact: true }).fill('Asked about the wound care clinic hours');
  await form.saveButton.click();
  await form.expectSaved();

  const [revision] = query<Record<string, unknown>>(
    databasePath,
    'SELECT on_behalf_of, collected_counted, collected_containers, collected_estimated, note FROM current_revisions',
  );
  expect(revision).toMatchObject({
    on_behalf_of: 3,
    collected_counted: 40,
    collected_containers: 1,
    note: 'Asked about the wound care clinic hours',
  });
  expect(Number(revision?.collected_estimated)).toBeGreaterThan(0);
  expect(
    query(databasePath, 'SELECT s.name FROM field_entry_services f JOIN service_types s ON s.key = f.service_type_key'),
  ).toEqual([{ name: 'HIV test' }]);
  expect(query(databasePath, 'SELECT outcome, doses_used FROM field_entry_reversals')).toEqual([
    { outcome: 'survived', doses_used: 2 },
  ]);
  expect(
    query(databasePath, 'SELECT i.name, u.reason FROM field_entry_unmet_requests u JOIN items i ON i.key = u.item_key'),
  ).toEqual([{ name: 'Glass stem', reason: 'out_of_stock' }]);
});

test('stock is shown softly and never blocks a save; the shortfall is pointed out', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  const row = form.quantity('External condom').locator('xpath=ancestor::div[contains(@class,"mantine-Group-root")][1]');
  await expect(row).toContainText('None on hand here');
  await form.quantity('External condom').fill('12');
  await form.saveButton.click();
  await form.expectSaved();
  await expect(form.status).toContainText('a stock count is due');
  expect(query(databasePath, 'SELECT count(*) AS n FROM field_entries')).toEqual([{ n: 1 }]);
});

test('a preset adds its supplies in one key', async ({ signedInPage: page, databasePath }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addPreset('Standard injection kit x2', [
    { item: 'Syringe 1 mL 28G 1/2in', quantity: 20 },
    { item: 'Cotton filter', quantity: 4 },
  ]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log encounter' }).click();
  const form = new LogEncounterPage(page);
  await form.ready();
  await expect(page.getByRole('button', { name: /^Standard injection kit x2/ })).toBeVisible();
  await form.participantCode.focus();
  await page.keyboard.press('Alt+Digit1');
  await expect(form.quantity('Syringe 1 mL 28G 1/2in')).toHaveValue('20');
  await expect(form.quantity('Cotton filter')).toHaveValue('4');
  // Pressed again, it adds again.
  await page.keyboard.press('Alt+Digit1');
  await expect(form.quantity('Cotton filter')).toHaveValue('8');
  await page.keyboard.press('Control+Enter');
  await form.expectSaved();
  expect(
    query(
      databasePath,
      'SELECT i.name, l.units FROM field_entry_lines l JOIN items i ON i.key = l.item_key ORDER BY i.name',
    ),
  ).toEqual([
    { name: 'Cotton filter', units: 8 },
    { name: 'Syringe 1 mL 28G 1/2in', units: 40 },
  ]);
});

test('undo takes back the last save within 10 seconds and puts it back in the form', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.fill({ participantCode: 'UN0101', lines: [{ item: 'Cooker', quantity: 3 }] });
  await page.keyboard.press('Control+Enter');
  await form.expectSaved();
  await expect(form.participantCode).toHaveValue('');
  await page.keyboard.press('Alt+KeyU');
  await expect(form.status).toContainText('Undone. Its details are back in the form.');
  await expect(form.participantCode).toHaveValue('UN0101');
  await expect(form.quantity('Cooker')).toHaveValue('3');
  // Recorded as an undo, not as a void someone gave a reason for.
  expect(query(databasePath, 'SELECT kind, reason FROM field_entry_voids')).toEqual([
    { kind: 'undo', reason: 'undone' },
  ]);
  // Nothing is deleted: the entry is still there, voided.
  expect(query(databasePath, 'SELECT count(*) AS n FROM field_entries')).toEqual([{ n: 1 }]);
});

test('the undo offer goes after 10 seconds', async ({ signedInPage: page }) => {
  // Time stands still except when the test moves it.
  await page.clock.install({ time: new Date('2026-11-20T10:00:00') });
  await page.reload();
  const form = new LogEncounterPage(page);
  // The page loads with time running (its data arrives through timers), then time stops.
  await form.ready();
  await page.clock.pauseAt(new Date('2026-11-20T10:05:00'));
  await form.fill({ lines: [{ item: 'Cooker', quantity: 1 }] });
  await form.saveButton.click();
  await form.expectSaved();
  const undo = page.getByRole('button', { name: /^Undo/ });
  await expect(undo).toBeVisible();
  await page.clock.runFor(9_000);
  await expect(undo).toBeVisible();
  await page.clock.runFor(1_500);
  await expect(undo).toBeHidden();
});

test('the shortcuts are listed in a help overlay that opens with F1', async ({ signedInPage: page }) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Same as last time'.replace('Same as last time', 'last visit'));
  await expect(help.getByRole('row').filter({ hasText: 'Alt+U' })).toContainText('Undo the last save');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('tally mode: a missing contacts count is shown at its field and nothing is saved', async ({
  signedInPage: page,
  databasePath,
}) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  await page.locator('label', { hasText: 'Street tally' }).click();
  await expect(form.contacts).toBeVisible();
  await form.quantity('Cooker').fill('4');
  await form.saveButton.click();
  await expect(form.contacts).toHaveAttribute('aria-invalid', 'true');
  await expect(form.contacts).toBeFocused();
  expect(query(databasePath, 'SELECT count(*) AS n FROM field_entries')).toEqual([{ n: 0 }]);
});

test('a field reached with Tab is scrolled clear of the Save bar at the bottom of the window', async ({
  signedInPage: page,
}) => {
  const form = new LogEncounterPage(page);
  await form.ready();
  await form.quantity('Fentanyl test strip').focus();
  const bar = form.saveButton.locator('xpath=..');
  for (let step = 0; step < 6; step += 1) {
    await page.keyboard.press('Tab');
    const field = await page.evaluate('document.activeElement.getBoundingClientRect().bottom');
    const barTop = (await bar.boundingBox())!.y;
    expect(field as number).toBeLessThanOrEqual(barTop);
  }
});
