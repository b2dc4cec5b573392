/**
 * Seeded items, services and staff shown in the interface language. The Spanish map of seeded
 * names is being filled in; so these tests do not depend on which entries it holds yet, the names
 * below get Spanish ones here, and every other name goes through the real function.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Item } from '@contract/catalog';
import type * as SeededNames from '@contract/seeded-names';
import { changeLanguage } from '../../../renderer/src/i18n';
import { encounter, installFakeBridge, items, ok, supplyLine } from '../support/fakeBridge';
import { renderApp } from '../support/render';

const spanishHere: Record<string, string> = {
  'Fentanyl test strip': 'Tira reactiva de fentanilo',
  'Glass stem': 'Pipa de vidrio',
  'HIV test': 'Prueba de VIH',
  'Default staff member': 'Persona del personal predeterminada',
};

vi.mock('@contract/seeded-names', async (importOriginal) => {
  const actual = await importOriginal<typeof SeededNames>();
  return {
    ...actual,
    seededName: (name: string, language: string) =>
      language.startsWith('es') && spanishHere[name] !== undefined
        ? spanishHere[name]
        : actual.seededName(name, language),
  };
});

const [syringe, , strip] = items as [Item, Item, Item];
const glassStem: Item = {
  ...strip,
  id: '0190f5a0-0000-7000-8000-000000000104',
  name: 'Glass stem',
  category: 'smoking',
  unit: 'stem',
  isCommon: false,
};
const renamedStrip: Item = { ...strip, id: '0190f5a0-0000-7000-8000-000000000107', name: 'FTS (our brand)' };
const seededStaff = { displayName: 'Default staff member' };

describe('seeded names of items, services and staff', () => {
  it('are shown in Spanish in the log form, the header and the add-item search, which matches the shown name', async () => {
    await changeLanguage('es');
    installFakeBridge({ items: [syringe, strip, renamedStrip, glassStem], session: seededStaff });
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('form', { name: 'Registrar un encuentro o un recuento' });

    expect(screen.getByRole('banner')).toHaveTextContent('Sesión iniciada como Persona del personal predeterminada');
    expect(screen.getByLabelText('Fecha y hora')).toHaveAccessibleDescription(
      'Registrado por Persona del personal predeterminada',
    );
    expect(screen.getByRole('spinbutton', { name: 'Tira reactiva de fentanilo' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Uno más: Tira reactiva de fentanilo' })).toBeInTheDocument();
    expect(screen.queryByRole('spinbutton', { name: strip.name })).not.toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'FTS (our brand)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Prueba de VIH' })).toBeInTheDocument();

    const addItem = screen.getByRole('combobox', { name: 'Agregar otro artículo' });
    await user.type(addItem, 'pipa{ArrowDown}{Enter}');
    expect(await screen.findByRole('spinbutton', { name: 'Pipa de vidrio' })).toBeInTheDocument();
  });

  it('are shown in English when the language is English', async () => {
    installFakeBridge({ items: [syringe, strip, glassStem], session: seededStaff });
    renderApp();
    await screen.findByRole('form', { name: 'Log an encounter or a tally' });
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as Default staff member');
    expect(screen.getByRole('spinbutton', { name: 'Fentanyl test strip' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'HIV test' })).toBeInTheDocument();
  });

  it("show an entry's seeded items and staff member in Spanish in the recent encounters", async () => {
    await changeLanguage('es');
    installFakeBridge({
      items: [syringe, strip],
      encounters: [encounter({ lines: [supplyLine(strip, 5)], loggedBy: 'Default staff member' })],
    });
    renderApp();
    const table = await screen.findByRole('table', { name: 'Encuentros recientes' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('5 × Tira reactiva de fentanilo');
    expect(row).toHaveTextContent('Persona del personal predeterminada');
    expect(row).not.toHaveTextContent('Fentanyl test strip');
  });

  describe('in the supplies settings', () => {
    async function editStripInSpanish() {
      await changeLanguage('es');
      const bridge = installFakeBridge({ items: [syringe, strip, renamedStrip] });
      bridge['items.update'].mockImplementation(async ({ id, ...changes }) => ok({ ...strip, id, ...changes } as Item));
      const user = userEvent.setup();
      renderApp();
      const nav = await screen.findByRole('navigation', { name: 'Principal' });
      await user.click(within(nav).getByRole('button', { name: 'Configuración' }));
      await user.click(screen.getByRole('tab', { name: 'Insumos' }));
      const table = await screen.findByRole('table', { name: 'Insumos' });
      expect(within(table).getByRole('cell', { name: 'Tira reactiva de fentanilo' })).toBeInTheDocument();
      expect(within(table).getByRole('cell', { name: 'FTS (our brand)' })).toBeInTheDocument();
      await user.click(within(table).getByRole('button', { name: 'Editar Tira reactiva de fentanilo' }));
      const form = screen.getByRole('form', { name: 'Editar el artículo Tira reactiva de fentanilo' });
      return { bridge, user, form };
    }

    it('open a seeded item on its shown name, and saved untouched change nothing', async () => {
      const { bridge, user, form } = await editStripInSpanish();
      expect(within(form).getByLabelText('Nombre del artículo')).toHaveValue('Tira reactiva de fentanilo');
      await user.click(within(form).getByRole('button', { name: 'Guardar cambios' }));
      expect(await screen.findByRole('status')).toHaveTextContent('No cambió nada, así que no se guardó nada.');
      expect(bridge['items.update']).not.toHaveBeenCalled();
    });

    it('send only the other field changed, never the shown name as a rename', async () => {
      const { bridge, user, form } = await editStripInSpanish();
      const unit = within(form).getByLabelText('Unidad');
      await user.clear(unit);
      await user.type(unit, 'tira');
      await user.click(within(form).getByRole('button', { name: 'Guardar cambios' }));
      await waitFor(() => expect(bridge['items.update']).toHaveBeenCalledWith({ id: strip.id, unit: 'tira' }));
    });
  });
});
