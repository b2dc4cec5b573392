/** The "Log encounter" screen, driven the way a person would: by label and role. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface SupplyLine {
  item: string;
  quantity: number | string;
}

export interface EncounterEntry {
  site?: string;
  /** Local date and time as typed into the field, e.g. 2026-11-20T10:15. */
  dateTime?: string;
  participantCode?: string;
  lines?: SupplyLine[];
}

export class LogEncounterPage {
  constructor(readonly page: Page) {}

  get site(): Locator {
    return this.page.getByLabel('Site', { exact: true });
  }
  get dateTime(): Locator {
    return this.page.getByLabel('Date and time', { exact: true });
  }
  get participantCode(): Locator {
    return this.page.getByLabel('Participant code', { exact: true });
  }
  item(line: number): Locator {
    return this.page.getByLabel(`Item ${line}`, { exact: true });
  }
  quantity(line: number): Locator {
    return this.page.getByLabel(`Quantity ${line}`, { exact: true });
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save encounter' });
  }
  get recentTable(): Locator {
    return this.page.getByRole('table', { name: 'Recent encounters' });
  }
  recentRow(text: string): Locator {
    return this.recentTable.getByRole('row').filter({ hasText: text });
  }

  /** The form is on screen with the catalog loaded (a person would wait for the item list too). */
  async ready(): Promise<void> {
    await expect(this.item(1)).toBeVisible();
    await expect.poll(() => this.item(1).locator('option').count()).toBeGreaterThan(1);
  }

  async fill(entry: EncounterEntry): Promise<void> {
    await this.ready();
    if (entry.site) await this.site.selectOption({ label: entry.site });
    if (entry.dateTime !== undefined) await this.dateTime.fill(entry.dateTime);
    if (entry.participantCode !== undefined) await this.participantCode.fill(entry.participantCode);
    const lines = entry.lines ?? [];
    for (const [index, line] of lines.entries()) {
      const number = index + 1;
      if ((await this.item(number).count()) === 0) {
        await this.page.getByRole('button', { name: 'Add supply line' }).click();
      }
      await this.item(number).selectOption({ label: line.item });
      await this.quantity(number).fill(String(line.quantity));
    }
  }

  async logEncounter(entry: EncounterEntry): Promise<void> {
    await this.fill(entry);
    await this.saveButton.click();
  }

  async expectSaved(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: 'Encounter saved' })).toBeVisible();
  }
}
