/** The "Encounters" screen: filters, the merged list, and the detail drawer with void and correct. */
import { expect, type Locator, type Page } from '@playwright/test';

export class EncounterListPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Encounters' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Encounters' })).toBeFocused();
  }

  get filters(): Locator {
    return this.page.getByRole('search', { name: 'Filter encounters and tallies' });
  }
  get from(): Locator {
    return this.filters.getByLabel('From', { exact: true });
  }
  get showVoided(): Locator {
    return this.filters.getByRole('checkbox', { name: 'Show voided entries' });
  }
  get table(): Locator {
    return this.page.getByRole('table', { name: 'Encounters' });
  }
  row(text: string): Locator {
    return this.table.getByRole('row').filter({ hasText: text });
  }
  get detail(): Locator {
    return this.page.getByRole('dialog', { name: /^(Encounter|Tally) details$/ });
  }
  detailValue(label: string): Locator {
    return this.detail.getByRole('rowheader', { name: label, exact: true }).locator('xpath=following-sibling::td');
  }

  async openEntry(text: string): Promise<void> {
    await this.row(text)
      .getByRole('button', { name: /^Open / })
      .click();
    await expect(this.detail).toBeVisible();
  }

  async closeDetail(): Promise<void> {
    await this.detail.getByRole('button', { name: 'Close' }).click();
    await expect(this.detail).toBeHidden();
  }

  async voidOpenEntry(reason: string): Promise<void> {
    await this.detail.getByRole('button', { name: 'Void', exact: true }).click();
    await this.detail.getByRole('textbox', { name: 'Reason for voiding' }).fill(reason);
    await this.detail.getByRole('button', { name: 'Void entry' }).click();
    await expect(this.detail.getByRole('status')).toHaveText('Entry voided.');
  }

  /** Corrects the quantity handed out of an item (named as the form labels its quantity). */
  async correctQuantity(item: string, quantity: number, reason: string): Promise<void> {
    await this.detail.getByRole('button', { name: /^Correct this (encounter|tally)$/ }).click();
    await this.detail.getByLabel(item, { exact: true }).fill(String(quantity));
    await this.detail.getByRole('textbox', { name: /Reason for the correction/ }).fill(reason);
    await this.detail.getByRole('button', { name: 'Save correction' }).click();
    await expect(this.detail.getByRole('status')).toHaveText('Correction saved.');
  }
}
