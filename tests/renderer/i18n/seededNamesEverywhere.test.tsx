/**
 * Seeded items, services and staff shown in the interface language, with the seeded names' own
 * Spanish (the test reads each expected name from the map, so it holds whatever the glossary says).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Item } from '@contract/catalog';
import { seededName } from '@contract/seeded-names';
import { changeLanguage } from '../../../renderer/src/i18n';
import { encounter, glassStem, installFakeBridge, items, ok, supplyLine } from '../support/fakeBridge';
import { renderApp } from '../support/render';

const spanish = (name: string) => {
  const translated = seededName(name, 'es');
  // A name the map leaves in English would prove nothing here.
  if (translated === name) throw new Error(`"${name}" has no Spanish seeded name.`);
  return translated;
};
const stripEs = spanish('Fentanyl test strip');
const stemEs = spanish('Glass stem');
const hivTestEs = spanish('HIV test');
const staffEs = spanish('Default staff member');

const [syringe, , strip] = items as [Item, Item, Item];
const renamedStrip: Item = { ...strip, id: '0190f5a0-0000-7000-8000-000000000107', name: 'FTS (our brand)' };
const seededStaff = { displayName: 'Default staff member' };

describe('seeded names of items, services and staff', () => {
  it('are shown in Spanish in the log form, the header and the add-item search, which matches the shown name', async () => {
    await changeLanguage('es');
    installFakeBridge({ items: [syringe, strip, renamedStrip, glassStem], session: seededStaff });
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('form', { name: 'Registrar un encuentro o un recuento' });

    expect(screen.getByRole('banner')).toHaveTextContent(`Sesión iniciada como ${staffEs}`);
    expect(screen.getByLabelText('Fecha y hora')).toHaveAccessibleDescription(`Registrado por ${staffEs}`);
    expect(screen.getByRole('spinbutton', { name: stripEs })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Uno más: ${stripEs}` })).toBeInTheDocument();
    expect(screen.queryByRole('spinbutton', { name: strip.name })).not.toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'FTS (our brand)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: hivTestEs })).toBeInTheDocument();

    const addItem = screen.getByRole('combobox', { name: 'Agregar otro artículo' });
    await user.type(addItem, 'pipa{ArrowDown}{Enter}');
    expect(await screen.findByRole('spinbutton', { name: stemEs })).toBeInTheDocument();
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
    expect(row).toHaveTextContent(`5 × ${stripEs}`);
    expect(row).toHaveTextContent(staffEs);
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
      expect(within(table).getByRole('cell', { name: stripEs })).toBeInTheDocument();
      expect(within(table).getByRole('cell', { name: 'FTS (our brand)' })).toBeInTheDocument();
      await user.click(within(table).getByRole('button', { name: `Editar ${stripEs}` }));
      const form = screen.getByRole('form', { name: `Editar el artículo ${stripEs}` });
      return { bridge, user, form };
    }

    it('open a seeded item on its shown name, and saved untouched change nothing', async () => {
      const { bridge, user, form } = await editStripInSpanish();
      expect(within(form).getByLabelText('Nombre del artículo')).toHaveValue(stripEs);
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
