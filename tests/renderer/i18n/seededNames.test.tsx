/**
 * Seeded names (here the first site's, 'Main site') shown in the interface language wherever the
 * renderer shows the record, and a renamed record as typed.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Site } from '@contract/catalog';
import { seededName } from '@contract/seeded-names';
import { changeLanguage } from '../../../renderer/src/i18n';
import { nameToSave } from '../../../renderer/src/i18n/seededNames';
import { encounter, installFakeBridge, ok } from '../support/fakeBridge';
import { renderApp } from '../support/render';

const mainSite: Site = {
  id: '0190f5a0-0000-7000-8000-000000000011',
  name: 'Main site',
  siteType: 'fixed',
  active: true,
  createdAt: '2026-01-01T09:00:00.000Z',
};
const renamed: Site = {
  id: '0190f5a0-0000-7000-8000-000000000012',
  name: 'Riverside park',
  siteType: 'street_outreach',
  active: true,
  createdAt: '2026-01-01T09:00:00.000Z',
};
const fakeSites = [mainSite, renamed];
/** Its Spanish name, whatever the translation says it is. */
const mainSiteInSpanish = seededName(mainSite.name, 'es');

const siteOptions = () =>
  within(screen.getByRole('combobox', { name: /^(Site|Sitio)$/ }))
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('seeded names', () => {
  it('include the first site with a Spanish name of its own', () => {
    expect(mainSiteInSpanish).not.toBe(mainSite.name);
  });

  it('are offered in the log form in Spanish, in English again once the language changes, and a renamed site as typed', async () => {
    await changeLanguage('es');
    installFakeBridge({ sites: fakeSites });
    renderApp();
    await screen.findByRole('form', { name: 'Registrar un encuentro o un recuento' });
    expect(siteOptions()).toEqual([mainSiteInSpanish, 'Riverside park']);

    await act(() => changeLanguage('en'));
    await waitFor(() => expect(siteOptions()).toEqual(['Main site', 'Riverside park']));
  });

  it("show an entry's seeded site in Spanish in the recent encounters", async () => {
    await changeLanguage('es');
    installFakeBridge({
      sites: fakeSites,
      encounters: [
        encounter({ id: '0190f5a0-0000-7000-8000-000000000411', siteId: mainSite.id, siteName: mainSite.name }),
        encounter({
          id: '0190f5a0-0000-7000-8000-000000000412',
          siteId: renamed.id,
          siteName: renamed.name,
          occurredAt: '2026-11-22T17:00:00.000Z',
        }),
      ],
    });
    renderApp();
    const table = await screen.findByRole('table', { name: 'Encuentros recientes' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(mainSiteInSpanish);
    expect(rows[0]).not.toHaveTextContent('Main site');
    expect(rows[1]).toHaveTextContent('Riverside park');
  });

  describe('in the settings rename form', () => {
    async function editSiteInSpanish(shownName: string) {
      await changeLanguage('es');
      const bridge = installFakeBridge({ sites: fakeSites });
      bridge['sites.update'].mockImplementation(async (input) =>
        ok({ ...mainSite, ...(input.name === undefined ? {} : { name: input.name }) }),
      );
      const user = userEvent.setup();
      renderApp();
      const nav = await screen.findByRole('navigation', { name: 'Principal' });
      await user.click(within(nav).getByRole('button', { name: 'Configuración' }));
      const table = await screen.findByRole('table', { name: 'Sitios' });
      expect(within(table).getByRole('cell', { name: mainSiteInSpanish })).toBeInTheDocument();
      expect(within(table).queryByRole('cell', { name: 'Main site' })).not.toBeInTheDocument();
      await user.click(within(table).getByRole('button', { name: `Editar ${shownName}` }));
      return { bridge, user };
    }

    it('opens on the name as shown, and saved untouched keeps the stored seeded name', async () => {
      const { bridge, user } = await editSiteInSpanish(mainSiteInSpanish);
      const form = screen.getByRole('form', { name: `Editar el sitio ${mainSiteInSpanish}` });
      expect(within(form).getByLabelText('Nombre del sitio')).toHaveValue(mainSiteInSpanish);
      await user.selectOptions(within(form).getByLabelText('Tipo de sitio'), 'drop_in');
      await user.click(within(form).getByRole('button', { name: 'Guardar cambios' }));
      await waitFor(() =>
        expect(bridge['sites.update']).toHaveBeenCalledWith({
          id: mainSite.id,
          name: 'Main site',
          siteType: 'drop_in',
        }),
      );
    });

    it('stores a name typed over the shown one as the rename', async () => {
      const { bridge, user } = await editSiteInSpanish(mainSiteInSpanish);
      const field = screen.getByLabelText('Nombre del sitio');
      await user.clear(field);
      await user.type(field, 'Sede central');
      await user.click(screen.getByRole('button', { name: 'Guardar cambios' }));
      await waitFor(() =>
        expect(bridge['sites.update']).toHaveBeenCalledWith({
          id: mainSite.id,
          name: 'Sede central',
          siteType: 'fixed',
        }),
      );
    });

    it('opens a renamed site on its own name', async () => {
      await editSiteInSpanish('Riverside park');
      expect(screen.getByLabelText('Nombre del sitio')).toHaveValue('Riverside park');
    });
  });

  describe('nameToSave', () => {
    it('keeps the stored seeded name when the field holds it as shown in any interface language', () => {
      expect(nameToSave(mainSiteInSpanish, 'Main site')).toBe('Main site');
      expect(nameToSave(` ${mainSiteInSpanish}  `, 'Main site')).toBe('Main site');
      expect(nameToSave('Main site', 'Main site')).toBe('Main site');
    });

    it('saves anything else as typed, the Spanish text too when the stored name is not a seeded one', () => {
      expect(nameToSave('Sede central', 'Main site')).toBe('Sede central');
      expect(nameToSave(mainSiteInSpanish, 'Riverside park')).toBe(mainSiteInSpanish);
    });
  });
});
