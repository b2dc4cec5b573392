import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seededName } from '@contract/seeded-names';
import { menuQuery } from '../../renderer/src/App';
import { changeLanguage } from '../../renderer/src/i18n';
import { reloadPage } from '../../renderer/src/lib/page';
import { about, encounter, installFakeBridge, items, refused, session, supplyLine, tally } from './support/fakeBridge';
import { renderApp } from './support/render';

// Reloading the page is the browser's job; here it is only observed.
vi.mock('../../renderer/src/lib/page', () => ({ reloadPage: vi.fn() }));

describe('App shell', () => {
  it('has header, navigation and main landmarks, the staff member signed in, and Log encounter first', async () => {
    installFakeBridge();
    renderApp();

    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Outpost')).toBeInTheDocument();
    expect(await within(banner).findByText(`Signed in as ${session.displayName}`)).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('button', { name: 'Log encounter' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('button', { name: 'About' })).not.toHaveAttribute('aria-current');
    expect(
      within(screen.getByRole('main')).getByRole('heading', { level: 1, name: 'Log encounter' }),
    ).toBeInTheDocument();
  });

  it('shows the demo banner when the database is a demo', async () => {
    installFakeBridge({ about: { demo: true } });
    renderApp();
    expect(await within(screen.getByRole('banner')).findByText('Demo data: nothing here is real')).toBeVisible();
  });

  it('shows no demo banner for program data', async () => {
    const bridge = installFakeBridge({ about: { demo: false } });
    renderApp();
    await waitFor(() => expect(bridge['system.about']).toHaveBeenCalled());
    await screen.findByText(`Signed in as ${session.displayName}`);
    expect(screen.queryByText('Demo data: nothing here is real')).not.toBeInTheDocument();
  });

  it('shows the About screen with the version, database file, schema version and device', async () => {
    installFakeBridge();
    const user = userEvent.setup();
    renderApp();

    await user.click(screen.getByRole('button', { name: 'About' }));
    const heading = screen.getByRole('heading', { level: 1, name: 'About Outpost' });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('button', { name: 'About' })).toHaveAttribute('aria-current', 'page');
    const main = screen.getByRole('main');
    expect(await within(main).findByRole('rowheader', { name: 'App version' })).toBeInTheDocument();
    const valueOf = (label: string) => within(main).getByRole('rowheader', { name: label }).nextElementSibling;
    expect(valueOf('App version')).toHaveTextContent(about.appVersion);
    expect(valueOf('Database file')).toHaveTextContent(about.databasePath);
    expect(valueOf('Database schema version')).toHaveTextContent('1');
    expect(valueOf('Device ID')).toHaveTextContent(about.deviceId);

    // Back on the log form, the worker starts at the participant code, as on a fresh form.
    await user.click(screen.getByRole('button', { name: 'Log encounter' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Log encounter' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log encounter' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Participant code' })).toHaveFocus());
  });

  it('offers to try the app on demo data, and to go back to the program data', async () => {
    const bridge = installFakeBridge();
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: 'About' }));
    await user.click(await screen.findByRole('button', { name: 'Try with demo data' }));
    expect(bridge['system.switchDataSet']).toHaveBeenCalledWith({ demo: true });
    await vi.waitFor(() => expect(reloadPage).toHaveBeenCalled());
  });

  it('offers the way back from demo data', async () => {
    const bridge = installFakeBridge({ about: { demo: true } });
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: 'About' }));
    await user.click(await screen.findByRole('button', { name: "Back to the program's data" }));
    expect(bridge['system.switchDataSet']).toHaveBeenCalledWith({ demo: false });
  });

  it('switches to Spanish, remembers the choice and sets the page language', async () => {
    installFakeBridge();
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('spinbutton', { name: items[0]!.name });

    const language = screen.getByRole('combobox', { name: 'Language' });
    expect(language).toHaveValue('en');
    expect(within(language).getByRole('option', { name: 'Español' })).toHaveAttribute('lang', 'es');
    await user.selectOptions(language, 'Español');

    expect(screen.getByRole('button', { name: /^Guardar encuentro/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Sitio' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Código de participante' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Uno más: ${seededName(items[0]!.name, 'es')}` })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Agregar otro artículo' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Idioma' })).toHaveValue('es');
    expect(screen.getByRole('navigation', { name: 'Principal' })).toBeInTheDocument();
    expect(window.localStorage.getItem('outpost.language')).toBe('es');
    expect(document.documentElement.lang).toBe('es');
  });

  it('shows form errors in Spanish when Spanish is chosen', async () => {
    window.localStorage.setItem('outpost.language', 'es');
    await changeLanguage('es');
    const bridge = installFakeBridge();
    const user = userEvent.setup();
    renderApp();

    const quantity = await screen.findByRole('spinbutton', { name: seededName(items[0]!.name, 'es') });
    await user.type(quantity, '-4');
    await user.click(screen.getByRole('button', { name: /^Guardar encuentro/ }));
    await waitFor(() => expect(quantity).toHaveAccessibleDescription(/La cantidad debe ser al menos 1\./));
    expect(screen.getByText('La cantidad debe ser al menos 1.')).toBeInTheDocument();
    expect(bridge['encounters.log']).not.toHaveBeenCalled();
  });

  it('shows a translated error when the core cannot be reached', async () => {
    const bridge = installFakeBridge();
    bridge['sites.list'].mockResolvedValue(
      refused({ code: 'core_unavailable', message: 'The database is not available right now. Nothing was changed.' }),
    );
    renderApp();
    expect(
      await screen.findByText('The database is not available right now. Nothing was changed.'),
    ).toBeInTheDocument();
  });
});

describe('the menu in a narrow window', () => {
  const wide = window.matchMedia;
  /** jsdom lays nothing out: the window is made "narrow" by answering the app's one media query. */
  const narrowWindow = () => {
    window.matchMedia = (query: string) => ({ ...wide(query), matches: query === menuQuery });
  };
  afterEach(() => {
    window.matchMedia = wide;
  });

  it('offers a labelled menu button that opens the navigation, and choosing a screen closes it', async () => {
    narrowWindow();
    installFakeBridge();
    const user = userEvent.setup();
    renderApp();

    const menu = within(screen.getByRole('banner')).getByRole('button', { name: 'Menu' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(menu).toHaveAttribute('aria-controls', nav.id);
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    // Folded away off screen, the navigation takes no focus and is not read.
    expect(nav).toHaveAttribute('inert');

    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(nav).not.toHaveAttribute('inert');

    await user.click(within(nav).getByRole('button', { name: 'About' }));
    expect(screen.getByRole('heading', { level: 1, name: 'About Outpost' })).toHaveFocus();
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(nav).toHaveAttribute('inert');
    expect(within(nav).getByRole('button', { name: 'About' })).toHaveAttribute('aria-current', 'page');

    // A second press closes it again without choosing anything.
    await user.click(menu);
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(nav).toHaveAttribute('inert');
  });

  it('names the menu button in Spanish', async () => {
    await changeLanguage('es');
    narrowWindow();
    installFakeBridge();
    renderApp();
    expect(within(screen.getByRole('banner')).getByRole('button', { name: 'Menú' })).toBeInTheDocument();
  });

  it('keeps the sidebar open and usable in a wide window, with no menu button', async () => {
    installFakeBridge();
    const user = userEvent.setup();
    renderApp();
    expect(within(screen.getByRole('banner')).queryByRole('button', { name: 'Menu' })).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toHaveFocus();
    expect(nav).not.toHaveAttribute('inert');
  });
});

describe('Recent encounters', () => {
  it('lists encounters and tallies newest first, in a table named by its heading, walk-ins named as such', async () => {
    installFakeBridge({
      encounters: [
        encounter(),
        encounter({
          id: '0190f5a0-0000-7000-8000-000000000402',
          occurredAt: '2026-11-21T18:15:00.000Z',
          participantCode: null,
          lines: [supplyLine(items[0]!, 1200), supplyLine(items[1]!, 2)],
        }),
      ],
      tallies: [tally({ occurredAt: '2026-11-20T20:00:00.000Z' })],
    });
    renderApp();

    const table = await screen.findByRole('table', { name: 'Recent encounters' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveTextContent('14 contacts');
    expect(rows[2]).toHaveTextContent('30 × Fentanyl test strip');
    expect(within(rows[0]!).getByText('MA0785')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('10 × Syringe 1 mL 28G 1/2in');
    expect(rows[0]).toHaveTextContent('Downtown drop-in');
    expect(rows[0]).toHaveTextContent(session.displayName);
    const time = rows[0]!.querySelector('time');
    expect(time).toHaveAttribute('datetime', '2026-11-22T18:15:00.000Z');
    expect(time).toHaveTextContent(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date('2026-11-22T18:15:00Z'),
      ),
    );
    expect(within(rows[1]!).getByText('Anonymous walk-in')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('1,200 × Syringe 1 mL 28G 1/2in');
    expect(rows[1]).toHaveTextContent('2 × Naloxone nasal 4 mg (box of 2)');
  });

  it('formats numbers for Spanish and names anonymous walk-ins in Spanish', async () => {
    await changeLanguage('es');
    installFakeBridge({
      encounters: [
        encounter({
          participantCode: null,
          lines: [supplyLine(items[0]!, 12000)],
        }),
      ],
    });
    renderApp();
    const table = await screen.findByRole('table', { name: 'Encuentros recientes' });
    expect(within(table).getByText('Visita anónima')).toBeInTheDocument();
    // A seeded item's name in Spanish too, whatever the translation says it is.
    expect(table).toHaveTextContent(
      `${new Intl.NumberFormat('es').format(12000)} × ${seededName('Syringe 1 mL 28G 1/2in', 'es')}`,
    );
  });

  it('says so when there are no encounters yet', async () => {
    installFakeBridge({ encounters: [] });
    renderApp();
    expect(await screen.findByText('No encounters yet. Saved encounters appear here.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Recent encounters' })).toBeInTheDocument();
  });

  it('shows a newly saved encounter after saving', async () => {
    const bridge = installFakeBridge({ encounters: [] });
    const user = userEvent.setup();
    renderApp();
    await screen.findByText('No encounters yet. Saved encounters appear here.');
    bridge['encounters.list'].mockResolvedValue({ ok: true, data: [encounter({ participantCode: 'ZX0142' })] });

    await user.type(screen.getByRole('combobox', { name: 'Participant code' }), 'zx0142{Enter}');
    await user.type(screen.getByRole('spinbutton', { name: items[0]!.name }), '10');
    await user.click(screen.getByRole('button', { name: /^Save encounter/ }));

    const table = await screen.findByRole('table', { name: 'Recent encounters' });
    expect(within(table).getByRole('row', { name: /ZX0142/ })).toBeInTheDocument();
  });
});
