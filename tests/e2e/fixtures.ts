/**
 * Fixtures for every end-to-end spec: one harness per Playwright worker, a fresh SQLite file per
 * test (set up as the first-run screen would set it up, unless the spec is about that screen),
 * and a page that is signed in. Sign-in lives in `signedInPage` only, so when real sign-in
 * arrives this one fixture changes, not every spec.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtRendererDir, builtWorkerEntry } from '../../harness/default-paths';
import { startHarness, type Harness } from '../../harness/server';
import { testSetup } from '../support/test-setup';
import { chromiumPath } from './chromium';

/** Calls the harness's API as the page would: the same core, the same database file. */
export async function callHarness<T>(harness: Harness, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${harness.url}api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-outpost-token': harness.token },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; data?: T; error?: unknown };
  if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.data as T;
}

interface WorkerFixtures {
  harness: Harness;
}

interface TestFixtures {
  /** A database as a new install finds it: the first-run screen still to answer. */
  newInstallPath: string;
  databasePath: string;
  signedInPage: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  harness: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      if (!existsSync(chromiumPath)) {
        throw new Error(
          `Chromium is not installed at ${chromiumPath}: run "apt-get install chromium" (or set OUTPOST_CHROMIUM).`,
        );
      }
      if (!existsSync(builtWorkerEntry().path)) throw new Error('The app is not built: run "npm run build" first.');
      const folder = mkdtempSync(join(tmpdir(), 'outpost-e2e-'));
      const harness = await startHarness({
        databasePath: join(folder, 'start.sqlite'),
        rendererDir: builtRendererDir(),
        worker: builtWorkerEntry(),
        appVersion: 'e2e',
      });
      await use(harness);
      await harness.close();
      rmSync(folder, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],

  newInstallPath: async ({ harness }, use, testInfo) => {
    const path = testInfo.outputPath('outpost.sqlite');
    await harness.useDatabase(path);
    await use(path);
  },

  databasePath: async ({ harness, newInstallPath }, use) => {
    await callHarness(harness, 'system.setup', testSetup);
    await use(newInstallPath);
  },

  signedInPage: async ({ page, harness, databasePath }, use) => {
    void databasePath; // a fresh database before the page loads
    await page.goto(harness.url);
    await expect(page.getByRole('banner')).toContainText('Default staff member');
    await use(page);
  },
});

export { expect };
