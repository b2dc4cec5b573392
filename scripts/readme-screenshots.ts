/**
 * `npm run screenshots`: the README's pictures of the log screen, the encounter list, stock on
 * hand and a count being entered at 1280 pixels wide, and of the log screen and the list at 768 (a tablet, or a laptop
 * window beside another: the navigation is a menu there), taken in Debian's Chromium against the
 * harness on a fresh demo database (synthetic data only).
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtRendererDir, builtWorkerEntry } from '../harness/default-paths';
import { startHarness } from '../harness/server';
import { chromiumPath } from '../tests/e2e/chromium';
import { demoTimeZone } from '../db/demo/demo';

const outputDir = join(process.cwd(), 'docs', 'screenshots');

/** Opens a screen from the sidebar, or from the header's menu when the window is narrow. */
async function navigate(page: Page, screen: string): Promise<void> {
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen }).click();
}

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
    // A computer at the program keeps the program's time: the demo's, so visit times read as the site's hours.
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: demoTimeZone,
    });
    await page.goto(harness.url);
    const code = page.getByRole('combobox', { name: 'Participant code' });
    await code.waitFor();
    // A returning participant found by the start of their code, with last time's supplies: one whose
    // last visit was of the common items the form shows first, so the picture shows them filled in.
    const lastVisit = page.getByTestId('last-visit');
    // Some last visits had no supplies (no "Same as last time" then): those are passed over.
    for (let option = 0; option < 12; option += 1) {
      await code.fill('');
      await code.pressSequentially('A');
      await page.getByRole('listbox', { name: 'Matching codes' }).getByRole('option').first().waitFor();
      for (let step = 0; step < option; step += 1) await code.press('ArrowDown');
      await code.press('Enter');
      await lastVisit.filter({ hasText: /last visit/i }).waitFor();
      const withSupplies = (await lastVisit.getByRole('button').count()) > 0;
      if (withSupplies && /Syringe 1 mL 2[78]G/.test((await lastVisit.textContent()) ?? '')) break;
    }
    await page.keyboard.press('Alt+KeyL');
    await page.waitForTimeout(300);
    await page.setViewportSize({ width: 1280, height: 1250 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'log-encounter.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await navigate(page, 'Encounters');
    await page.getByRole('table', { name: 'Encounters' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'encounter-list.png') });

    await navigate(page, 'Stock');
    await page.getByRole('table').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'stock-on-hand.png') });

    // The demo's syringe count still open at the first site, half its lines counted.
    await page.getByRole('main').getByRole('tab', { name: 'Count' }).click();
    await page
      .getByRole('button', { name: /^Open the count at / })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Count at / }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'stock-count.png'), fullPage: true });

    // At 768 the navigation folds into the header's menu button.
    await page.setViewportSize({ width: 768, height: 1024 });
    await navigate(page, 'Log encounter');
    await code.waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'log-encounter-768.png') });
    await navigate(page, 'Encounters');
    await page.getByRole('table', { name: 'Encounters' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, 'encounter-list-768.png') });
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
