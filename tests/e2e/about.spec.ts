import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadOnlyDatabase } from '../../db/platform/database';
import { openCore } from '../../db/runtime/core';
import { verifyDatabase } from '../../db/system/system';
import { expect, test } from './fixtures';

test('the About screen shows the database file, and "try with demo data" opens a separate demo database', async ({
  signedInPage: page,
  databasePath,
}) => {
  // Making the demo data set takes several seconds on a slow machine.
  test.setTimeout(90_000);
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'About Outpost' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(databasePath);
  await expect(page.getByText('Demo data: nothing here is real')).toHaveCount(0);

  await page.getByRole('button', { name: 'Try with demo data' }).click();
  // Demo data is generated on first use, in the core's own thread: the page stays responsive meanwhile.
  await expect(page.getByText('Demo data: nothing here is real')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Recent encounters' }).getByRole('row').nth(1)).toBeVisible();

  await page.getByRole('button', { name: 'About' }).click();
  await page.getByRole('button', { name: "Back to the program's data" }).click();
  await expect(
    page.getByRole('button', { name: 'Try with demo data' }).or(page.getByRole('button', { name: 'Save encounter' })),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('Demo data: nothing here is real')).toHaveCount(0);
});

test('"Check the database" runs verify as a job, showing its progress bar, then what it found', async ({
  signedInPage: page,
}) => {
  await page.getByRole('button', { name: 'About' }).click();
  // The bar may come and go quickly on a small database: note whether it was ever on the page.
  // (A script as text: it runs in the page, where there is a DOM.)
  await page.evaluate(`
    window.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[role="progressbar"][aria-label="Progress"]')) window.sawProgress = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  `);
  await page.getByRole('button', { name: 'Check the database' }).click();
  await expect(page.getByText('Every check passed.')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate('window.sawProgress')).toBe(true);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check the database' })).toBeEnabled();
});

test('"Check a copy of a database" uploads the chosen file and checks it through its handle', async ({
  signedInPage: page,
}) => {
  // A copy of an Outpost database, as one from another laptop would be.
  const folder = mkdtempSync(join(tmpdir(), 'outpost-e2e-copy-'));
  const copy = join(folder, 'backup.sqlite');
  (await openCore({ databasePath: copy, appVersion: 'e2e' })).close();
  try {
    await page.getByRole('button', { name: 'About' }).click();
    // In a browser the file is picked, then uploaded: the page only ever holds its handle.
    await page.getByLabel('Check a copy of a database…').setInputFiles(copy);
    await expect(page.getByText('Database: backup.sqlite')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Every check passed.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('main')).not.toContainText(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('"Save a copy…" writes a checked copy of the database, which the browser downloads', async ({
  signedInPage: page,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'outpost-e2e-saved-'));
  try {
    await page.getByRole('button', { name: 'About' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save a copy…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^outpost-copy-\d{4}-\d{2}-\d{2}\.sqlite$/);
    await expect(page.getByText(/^Copy saved and checked: outpost-copy-.*\.sqlite \(.+\)$/)).toBeVisible();

    // What arrived is a whole Outpost database that passes every check.
    const saved = join(folder, download.suggestedFilename());
    await download.saveAs(saved);
    const copy = openReadOnlyDatabase(saved);
    try {
      expect((await verifyDatabase(copy)).ok).toBe(true);
    } finally {
      copy.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
