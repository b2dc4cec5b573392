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

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Log an encounter or a tally' });
  }
  get site(): Locator {
    return this.page.getByLabel('Site', { exact: true });
  }
  get dateTime(): Locator {
    return this.page.getByLabel('Date and time', { exact: true });
  }
  get participantCode(): Locator {
    return this.page.getByRole('combobox', { name: 'Participant code' });
  }
  get contacts(): Locator {
    return this.page.getByLabel('Contacts', { exact: true });
  }
  /** The quantity field of an item, named by the item. */
  quantity(item: string): Locator {
    return this.form.getByLabel(item, { exact: true });
  }
  get addItem(): Locator {
    return this.page.getByRole('combobox', { name: 'Add another item' });
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: /^Save (encounter|tally)/ });
  }
  get status(): Locator {
    return this.page.getByRole('status').filter({ hasText: /saved|Undone/ });
  }
  get recentTable(): Locator {
    return this.page.getByRole('table', { name: 'Recent encounters' });
  }
  recentRow(text: string): Locator {
    return this.recentTable.getByRole('row').filter({ hasText: text });
  }

  /** The form is on screen with the catalog loaded (a person would wait for the items too). */
  async ready(): Promise<void> {
    await expect(this.saveButton).toBeVisible();
    await expect(this.quantity('Fentanyl test strip').or(this.addItem).first()).toBeVisible();
  }

  /** Shows an item's quantity field, adding the item by name when the form does not offer it yet. */
  async showItem(item: string): Promise<Locator> {
    const field = this.quantity(item);
    if ((await field.count()) === 0) {
      await this.addItem.click();
      await this.addItem.fill(item);
      await this.page.getByRole('option', { name: item, exact: true }).click();
      await expect(field).toBeVisible();
    }
    return field;
  }

  async fill(entry: EncounterEntry): Promise<void> {
    await this.ready();
    if (entry.site) await this.site.selectOption({ label: entry.site });
    if (entry.dateTime !== undefined) await this.dateTime.fill(entry.dateTime);
    if (entry.participantCode !== undefined) {
      await this.participantCode.fill(entry.participantCode);
      // Moves on as Enter does, closing the list of matching codes.
      await this.participantCode.press('Enter');
    }
    for (const line of entry.lines ?? []) {
      await (await this.showItem(line.item)).fill(String(line.quantity));
    }
  }

  async logEncounter(entry: EncounterEntry): Promise<void> {
    await this.fill(entry);
    await this.saveButton.click();
  }

  async expectSaved(kind: 'Encounter' | 'Tally' = 'Encounter'): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: `${kind} saved` })).toBeVisible();
  }
}
