/** The time zone list of the first-run screen and the Program settings: searched, then chosen. */
import { expect, type Locator, type Page } from '@playwright/test';

export function timeZoneField(page: Page, label = 'Time zone'): Locator {
  return page.getByRole('combobox', { name: label, exact: true });
}

/** Types `search` and picks `zone` ("America/Los_Angeles") from what the list then offers. */
export async function chooseTimeZone(page: Page, search: string, zone: string, label?: string): Promise<void> {
  const field = timeZoneField(page, label);
  const shown = zone.replaceAll('_', ' ');
  await field.fill(search);
  await page.getByRole('option', { name: shown, exact: true }).click();
  await expect(field).toHaveValue(shown);
}
