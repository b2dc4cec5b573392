/** The "Supplies" tab of Settings: the catalog's items, the form to add or edit one, and a kit's contents. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface NewItem {
  name: string;
  category: string;
  unit: string;
  unitsPerPack?: number;
  sku?: string;
  naloxoneForm?: string;
  dosesPerUnit?: number;
  showFirst?: boolean;
  tracksLots?: boolean;
  isKit?: boolean;
}

export class ItemsSettingsPage {
  constructor(readonly page: Page) {}

  /** Opens Settings, then the tab, and waits for the catalog to be listed. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
    await this.page.getByRole('tab', { name: 'Supplies' }).click();
    await expect(this.table.getByRole('row').nth(1)).toBeVisible();
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Supplies' });
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** The confirmation under the tab's heading (the kit contents have their own). */
  get status(): Locator {
    return this.page.getByRole('tabpanel').getByRole('status').first();
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Add an item' });
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fillItem(item: NewItem): Promise<void> {
    await this.field('Item name').fill(item.name);
    if (item.sku !== undefined) await this.field('SKU (optional)').fill(item.sku);
    await this.field('Category').selectOption({ label: item.category });
    await this.field('Unit').fill(item.unit);
    if (item.unitsPerPack !== undefined) await this.field('Units per pack').fill(String(item.unitsPerPack));
    if (item.naloxoneForm !== undefined) await this.field('Naloxone form').selectOption({ label: item.naloxoneForm });
    if (item.dosesPerUnit !== undefined) await this.field('Doses per unit').fill(String(item.dosesPerUnit));
    if (item.showFirst) await this.field('Show first when logging').check();
    if (item.tracksLots) await this.field('Track lot numbers and expiry dates').check();
    if (item.isKit) await this.field('Kit made of other items').check();
  }

  get addButton(): Locator {
    return this.page.getByRole('button', { name: 'Add item' });
  }

  async addItem(item: NewItem): Promise<void> {
    await this.fillItem(item);
    await this.addButton.click();
    await expect(this.status).toHaveText(`${item.name} added.`);
    await expect(this.row(item.name)).toBeVisible();
  }

  contentsButton(kit: string): Locator {
    return this.page.getByRole('button', { name: `Contents of ${kit}` });
  }

  contents(kit: string): Locator {
    return this.page.getByRole('region', { name: `Contents of ${kit}` });
  }

  component(kit: string, number: number): Locator {
    return this.contents(kit).getByLabel(`Item ${number} in the kit`, { exact: true });
  }

  componentUnits(kit: string, number: number): Locator {
    return this.contents(kit).getByLabel(`Units per kit of item ${number}`, { exact: true });
  }

  async addComponent(kit: string, number: number, item: string, units: number): Promise<void> {
    await this.contents(kit).getByRole('button', { name: 'Add an item to the kit' }).click();
    await this.component(kit, number).selectOption({ label: item });
    await this.componentUnits(kit, number).fill(String(units));
  }

  async saveContents(kit: string): Promise<void> {
    await this.contents(kit).getByRole('button', { name: 'Save contents as a new version' }).click();
  }
}
