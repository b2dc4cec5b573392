import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../renderer/src/App';
import { SetupGate } from '../../../../renderer/src/features/setup/SetupGate';
import { changeLanguage } from '../../../../renderer/src/i18n';
import { reloadPage } from '../../../../renderer/src/lib/page';
import { installFakeBridge, ok, refused } from '../../support/fakeBridge';
import { renderWithProviders } from '../../support/render';

// Reloading the page is the browser's job; here it is only observed.
vi.mock('../../../../renderer/src/lib/page', () => ({ reloadPage: vi.fn() }));

afterEach(() => changeLanguage('en'));

const computerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function openSetup() {
  const bridge = installFakeBridge({ setupNeeded: true });
  const user = userEvent.setup();
  renderWithProviders(
    <SetupGate>
      <App />
    </SetupGate>,
  );
  return { bridge, user };
}

const checkbox = (name: string) => screen.getByRole('checkbox', { name });

describe('first-run setup', () => {
  it('opens on the computer zone, the common items and one site to name, and sets the program up as answered', async () => {
    const { bridge, user } = openSetup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up Outpost' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    const zone = screen.getByRole('combobox', { name: /^Time zone/ });
    expect(zone).toHaveValue(computerZone.replaceAll('_', ' '));
    expect(checkbox('Cooker')).toBeChecked();
    expect(checkbox('Fentanyl test strip')).toBeChecked();
    expect(checkbox('Wound care kit')).not.toBeChecked();
    expect(screen.getByText('Comes with: Adhesive bandage, Alcohol pad')).toBeInTheDocument();
    // Each formula shows a code it builds.
    expect(screen.getByText(/Example: FABCD1985/)).toBeInTheDocument();
    expect(screen.getByText(/Example: MA0785/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Program name'), 'Harbour Outreach');
    await user.clear(zone);
    // By keyboard: jsdom has no layout, so the list never shows to a click.
    await user.type(zone, 'chicago{ArrowDown}{Enter}');
    await user.click(screen.getByRole('radio', { name: /Gender, four letters and year of birth/ }));
    await user.type(screen.getByLabelText('Site 1 name'), 'Harbour drop-in');
    await user.selectOptions(screen.getByLabelText('Site 1 type'), 'drop_in');
    await user.click(screen.getByRole('button', { name: 'Add another site' }));
    await user.type(screen.getByLabelText('Site 2 name'), 'Night van');
    await user.selectOptions(screen.getByLabelText('Site 2 type'), 'mobile_van');
    await user.click(checkbox('Cooker'));
    await user.click(checkbox('Wound care kit'));
    const perPound = screen.getByLabelText('Syringes per pound');
    await user.clear(perPound);
    await user.type(perPound, '300');

    // Once set up, the core answers that no setup is needed: the app takes the window.
    bridge['system.setupStatus'].mockResolvedValue(ok({ needed: false, catalog: [] }));
    await user.click(screen.getByRole('button', { name: 'Start using Outpost' }));
    await waitFor(() =>
      expect(bridge['system.setup']).toHaveBeenCalledWith({
        programName: 'Harbour Outreach',
        language: 'en',
        timeZone: 'America/Chicago',
        participantCodeFormula: 'gender_letters_year',
        sites: [
          { name: 'Harbour drop-in', siteType: 'drop_in' },
          { name: 'Night van', siteType: 'mobile_van' },
        ],
        items: ['Alcohol pad', 'Fentanyl test strip', 'Wound care kit'],
        syringesPerContainer: 100,
        syringesPerPound: 300,
      }),
    );
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Set up Outpost' })).not.toBeInTheDocument();
  });

  it('shows what is missing at its field without calling the core, and removes a site added by mistake', async () => {
    const { bridge, user } = openSetup();
    await user.click(await screen.findByRole('button', { name: 'Add another site' }));
    expect(screen.getByLabelText('Site 2 name')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove site 2' }));
    expect(screen.queryByLabelText('Site 2 name')).not.toBeInTheDocument();
    // The last site cannot be removed: a program has at least one.
    expect(screen.queryByRole('button', { name: 'Remove site 1' })).not.toBeInTheDocument();

    const perContainer = screen.getByLabelText('Syringes per container');
    await user.clear(perContainer);
    await user.click(screen.getByRole('button', { name: 'Start using Outpost' }));
    await waitFor(() => expect(screen.getByLabelText('Program name')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Site 1 name')).toHaveAttribute('aria-invalid', 'true');
    expect(perContainer).toHaveAttribute('aria-invalid', 'true');
    expect(bridge['system.setup']).not.toHaveBeenCalled();
  });

  it("shows the core's refusal where it belongs: a site's field, or above the button", async () => {
    const { bridge, user } = openSetup();
    bridge['system.setup'].mockResolvedValueOnce(
      refused({ code: 'name_too_long', message: 'Too long.', field: 'sites.0.name' }),
    );
    await user.type(await screen.findByLabelText('Program name'), 'Harbour Outreach');
    await user.type(screen.getByLabelText('Site 1 name'), 'Harbour drop-in');
    await user.click(screen.getByRole('button', { name: 'Start using Outpost' }));
    await waitFor(() => expect(screen.getByLabelText('Site 1 name')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Program name')).not.toHaveAttribute('aria-invalid', 'true');

    bridge['system.setup'].mockResolvedValueOnce(refused({ code: 'setup_already_done', message: 'Already set up.' }));
    await user.click(screen.getByRole('button', { name: 'Start using Outpost' }));
    expect(
      await screen.findByText('This program is already set up; change its settings in Settings.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Set up Outpost' })).toBeInTheDocument();
  });

  it('switches to Spanish as soon as Spanish is chosen, seeded names too, and sets the program up in Spanish', async () => {
    const { bridge, user } = openSetup();
    await user.selectOptions(await screen.findByLabelText('Language'), 'es');
    expect(await screen.findByRole('heading', { level: 1, name: 'Configurar Outpost' })).toBeInTheDocument();
    const insumos = screen.getByRole('region', { name: 'Insumos' });
    expect(within(insumos).getByRole('checkbox', { name: 'Cazoleta' })).toBeChecked();
    expect(within(insumos).getByText('Incluye: Curita, Toallita con alcohol')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Nombre del programa'), 'Alcance Bahía');
    await user.type(screen.getByLabelText('Nombre del sitio 1'), 'Centro Bahía');
    await user.click(screen.getByRole('button', { name: 'Empezar a usar Outpost' }));
    await waitFor(() =>
      expect(bridge['system.setup']).toHaveBeenCalledWith(expect.objectContaining({ language: 'es' })),
    );
    // Names are saved as the catalog seeds them; the screen only shows them in Spanish.
    expect(bridge['system.setup'].mock.calls[0]![0].items).toContain('Cooker');
  });

  it('offers a look at demo data first, leaving the program untouched', async () => {
    const { bridge, user } = openSetup();
    await user.click(await screen.findByRole('button', { name: 'Look around with demo data first' }));
    expect(bridge['system.switchDataSet']).toHaveBeenCalledWith({ demo: true });
    await vi.waitFor(() => expect(reloadPage).toHaveBeenCalled());
    expect(bridge['system.setup']).not.toHaveBeenCalled();
  });
});
