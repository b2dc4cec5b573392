/** The "Settings" screen: tabs for sites, staff members, services and referrals, presets and the program. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  async addSite(name: string, siteType: string): Promise<void> {
    await this.tab('Sites');
    await this.page.getByLabel('Site name', { exact: true }).fill(name);
    await this.page.getByLabel('Site type', { exact: true }).selectOption({ label: siteType });
    await this.page.getByRole('button', { name: 'Add site' }).click();
    await expect(this.status).toHaveText(`${name} added.`);
    await expect(
      this.page.getByRole('table', { name: 'Sites' }).getByRole('row').filter({ hasText: name }),
    ).toBeVisible();
  }

  async addPreset(name: string, lines: { item: string; quantity: number }[]): Promise<void> {
    await this.tab('Presets');
    await this.page.getByLabel('Preset name', { exact: true }).fill(name);
    // Wait for the form and its catalog, as a person would, before choosing items.
    const firstItem = this.page.getByLabel('Item 1', { exact: true });
    await expect(firstItem).toBeVisible();
    await expect.poll(() => firstItem.locator('option').count()).toBeGreaterThan(1);
    for (const [index, line] of lines.entries()) {
      const number = index + 1;
      if ((await this.page.getByLabel(`Item ${number}`, { exact: true }).count()) === 0) {
        await this.page.getByRole('button', { name: 'Add supply line' }).click();
      }
      await this.page.getByLabel(`Item ${number}`, { exact: true }).selectOption({ label: line.item });
      await this.page.getByLabel(`Quantity ${number}`, { exact: true }).fill(String(line.quantity));
    }
    await this.page.getByRole('button', { name: 'Add preset' }).click();
    await expect(this.status).toHaveText(`${name} added.`);
  }

  programField(label: string): Locator {
    return this.page.getByRole('textbox', { name: label }).or(this.page.getByRole('spinbutton', { name: label }));
  }

  async saveProgram(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save program settings' }).click();
  }
}
