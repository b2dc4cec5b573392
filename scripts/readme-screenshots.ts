/**
 * `npm run screenshots`: the README's pictures of the log screen and the encounter list, taken in
 * Debian's Chromium against the harness on a fresh demo database (synthetic data only).
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtRendererDir, builtWorkerEntry } from '../harness/default-paths';
import { startHarness } from '../harness/server';
import { chromiumPath } from '../tests/e2e/chromium';

const outputDir = join(process.cwd(), 'docs', 'screenshots');

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'outpost-screenshots-'));
  const harness = await startHarness({
    databasePath: join(folder, 'demo.sqlite'),
    rendererDir: builtRendererDir(),
    worker: builtWorkerEntry(),
    demo: true,
    appVersion: 'screenshots',
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(harness.url);
    const code = page.getByRole('combobox', { name: 'Participant code' });
    await code.waitFor();
    // A returning participant found by the start of their code, with last time's supplies: one whose
    // last visit was of the common items the form shows first, so the picture shows them filled in.
    const lastVisit = page.getByTestId('last-visit');
    for (let option = 0; option < 6; option += 1) {
      await code.fill('');
      await code.pressSequentially('A');
      await page.getByRole('listbox', { name: 'Matching codes' }).getByRole('option').first().waitFor();
      for (let step = 0; step < option; step += 1) await code.press('ArrowDown');
      await code.press('Enter');
      await lastVisit.getByRole('button').waitFor();
      if (/Syringe 1 mL 2[78]G/.test((await lastVisit.textContent()) ?? '')) break;
    }
    await page.keyboard.press('Alt+KeyL');
    await page.waitForTimeout(300);
    await page.setViewportSize({ width: 1280, height: 1250 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'log-encounter.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Encounters' }).click();
    await page.getByRole('table', { name: 'Encounters' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'encounter-list.png') });
  } finally {
    await browser.close();
    await harness.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
