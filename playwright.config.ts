import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/e2e/chromium';

/**
 * End-to-end tests run the built renderer in Debian's Chromium against the harness (the Electron
 * binary cannot be downloaded everywhere). Never `npx playwright install`: the browser comes from
 * the system (`apt-get install chromium`), or from OUTPOST_CHROMIUM.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      // The machine's network is closed: stop Chromium's own background connections.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
