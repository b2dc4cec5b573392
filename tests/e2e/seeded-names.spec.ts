/**
 * The records a new install seeds (the first site, the first staff member, the default catalog)
 * read in Spanish when the interface is Spanish, while the database keeps their seeded names: a
 * Spanish save neither logs nor renames anything under the Spanish text.
 */
import { query } from './database-file';
import { seededName } from '../../db/contract/seeded-names';
import es from '../../renderer/src/locales/es.json';
import { expect, test } from './fixtures';

const mainSite = seededName('Main site', 'es');
const cooker = seededName('Cooker', 'es');
const staffMember = seededName('Default staff member', 'es');

test('in Spanish the log screen shows the first site, a seeded item and the staff member in Spanish, and the database keeps their seeded names', async ({
  signedInPage: page,
  databasePath,
}) => {
  // What the Spanish map says, so this cannot pass on English names shown unchanged.
  expect(mainSite).not.toBe('Main site');
  expect(cooker).not.toBe('Cooker');
  expect(staffMember).not.toBe('Default staff member');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  const form = page.getByRole('form', { name: 'Registrar un encuentro o un recuento' });
  await expect(form.getByLabel('Sitio', { exact: true }).locator('option:checked')).toHaveText(mainSite);
  await expect(page.getByRole('banner')).toContainText(`Sesión iniciada como ${staffMember}`);

  await form.getByLabel(cooker, { exact: true }).fill('2');
  await page.getByRole('button', { name: /^Guardar encuentro/ }).click();
  const recent = page.getByRole('table', { name: 'Encuentros recientes' });
  await expect(recent.getByRole('row').nth(1)).toContainText(mainSite);
  await expect(recent.getByRole('row').nth(1)).toContainText(`2 × ${cooker}`);

  expect(
    query<{ site: string; item: string }>(
      databasePath,
      `SELECT s.name AS site, i.name AS item FROM current_revisions r
         JOIN sites s ON s.key = r.site_key
         JOIN field_entry_lines l ON l.revision_key = r.key
         JOIN items i ON i.key = l.item_key`,
    ),
  ).toEqual([{ site: 'Main site', item: 'Cooker' }]);
});

test('in Spanish the first site saved from Settings without touching its name keeps its seeded name', async ({
  signedInPage: page,
  databasePath,
}) => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Configuración' }).click();
  const sites = page.getByRole('table', { name: 'Sitios' });
  await sites.getByRole('button', { name: `Editar ${mainSite}` }).click();
  const form = page.getByRole('form', { name: `Editar el sitio ${mainSite}` });
  await expect(form.getByLabel('Nombre del sitio')).toHaveValue(mainSite);
  await form.getByLabel('Tipo de sitio').selectOption('drop_in');
  await form.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(sites.getByRole('row').filter({ hasText: mainSite })).toContainText(es.siteTypes.drop_in);

  expect(query(databasePath, 'SELECT name, site_type FROM sites')).toEqual([
    { name: 'Main site', site_type: 'drop_in' },
  ]);
});
