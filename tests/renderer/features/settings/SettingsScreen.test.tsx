import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeBridge, items, ok, refused, staff } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

async function openSettings(tab?: string) {
  const user = userEvent.setup();
  renderApp();
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  await user.click(within(nav).getByRole('button', { name: 'Settings' }));
  if (tab) await user.click(screen.getByRole('tab', { name: tab }));
  return user;
}

describe('Settings', () => {
  it('adds a site with the name and type given, and confirms it', async () => {
    const bridge = installFakeBridge();
    const user = await openSettings();
    await screen.findByRole('table', { name: 'Sites' });
    expect(bridge['sites.list']).toHaveBeenCalledWith({ includeInactive: true });
    await user.type(screen.getByLabelText('Site name'), 'Riverside park');
    await user.selectOptions(screen.getByLabelText('Site type'), 'street_outreach');
    await user.click(screen.getByRole('button', { name: 'Add site' }));
    await waitFor(() =>
      expect(bridge['sites.create']).toHaveBeenCalledWith({ name: 'Riverside park', siteType: 'street_outreach' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Riverside park added.');
  });

  it('shows an empty site name at the field without calling the core', async () => {
    const bridge = installFakeBridge();
    const user = await openSettings();
    await user.click(await screen.findByRole('button', { name: 'Add site' }));
    await waitFor(() => expect(screen.getByLabelText('Site name')).toHaveAttribute('aria-invalid', 'true'));
    expect(bridge['sites.create']).not.toHaveBeenCalled();
  });

  it('offers a new staff member the least role, viewer, until someone chooses more', async () => {
    const bridge = installFakeBridge();
    bridge['staff.create'].mockImplementation(async ({ displayName, role }) =>
      ok({
        id: '0190f5a0-0000-7000-8000-000000000209',
        displayName,
        role,
        active: true,
        createdAt: '2026-11-22T12:00:00.000Z',
      }),
    );
    const user = await openSettings('Staff members');
    const form = within(await screen.findByRole('form', { name: 'Add a staff member' }));
    expect(form.getByLabelText('Role')).toHaveValue('viewer');
    await user.type(form.getByLabelText('Display name'), 'Jo Park');
    await user.click(form.getByRole('button', { name: 'Add staff member' }));
    await waitFor(() =>
      expect(bridge['staff.create']).toHaveBeenCalledWith({ displayName: 'Jo Park', role: 'viewer' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Jo Park added.');
    // Ready for the next one, the least role again.
    expect(form.getByLabelText('Role')).toHaveValue('viewer');
  });

  it('shows the last-admin refusal at the role field', async () => {
    const bridge = installFakeBridge();
    bridge['staff.update'].mockResolvedValue(
      refused({
        code: 'last_admin',
        message: 'At least one active admin must remain.',
        field: 'role',
      }),
    );
    const user = await openSettings('Staff members');
    await user.click(await screen.findByRole('button', { name: `Edit ${staff[1]!.displayName}` }));
    await user.selectOptions(screen.getByLabelText('Role'), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(bridge['staff.update']).toHaveBeenCalledWith({
        id: staff[1]!.id,
        displayName: staff[1]!.displayName,
        role: 'viewer',
      }),
    );
    expect(await screen.findByText(/At least one active admin must remain/)).toBeInTheDocument();
    expect(screen.getByLabelText('Role')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a name problem found by the core at the service name field', async () => {
    const bridge = installFakeBridge();
    bridge['serviceTypes.create'].mockResolvedValue(
      refused({
        code: 'invalid_value',
        message: 'Invalid',
        issues: [{ code: 'name_too_long', message: 'Too long', field: 'name' }],
      }),
    );
    const user = await openSettings('Services and referrals');
    await user.type(await screen.findByLabelText('Service or referral name'), 'Housing');
    await user.selectOptions(screen.getByLabelText('Kind'), 'referral');
    await user.click(screen.getByRole('button', { name: 'Add service or referral' }));
    await waitFor(() =>
      expect(bridge['serviceTypes.create']).toHaveBeenCalledWith({ name: 'Housing', kind: 'referral' }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Service or referral name')).toHaveAttribute('aria-invalid', 'true'),
    );
  });

  it('adds a preset with its supply lines', async () => {
    const bridge = installFakeBridge();
    bridge['presets.create'].mockImplementation(async (input) =>
      ok({
        id: '0190f5a0-0000-7000-8000-000000000801',
        name: input.name,
        lines: [],
        sortOrder: 1,
        active: true,
      }),
    );
    const user = await openSettings('Presets');
    await user.type(await screen.findByLabelText('Preset name'), 'Injection kit');
    await user.selectOptions(screen.getByLabelText('Item 1'), items[0]!.id);
    await user.type(screen.getByLabelText('Quantity 1'), '10');
    await user.click(screen.getByRole('button', { name: 'Add preset' }));
    await waitFor(() =>
      expect(bridge['presets.create']).toHaveBeenCalledWith({
        name: 'Injection kit',
        lines: [{ itemId: items[0]!.id, quantity: 10 }],
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Injection kit added.');
  });

  it('sends only the program settings that changed, and shows an invalid time zone at the field', async () => {
    const bridge = installFakeBridge();
    bridge['settings.update'].mockResolvedValueOnce(
      refused({ code: 'time_zone_invalid', message: 'Choose a time zone.', field: 'timeZone' }),
    );
    const user = await openSettings('Program');
    const perPound = await screen.findByLabelText('Syringes per pound');
    await user.clear(perPound);
    await user.type(perPound, '300');
    await user.click(screen.getByRole('button', { name: 'Save program settings' }));
    await waitFor(() => expect(bridge['settings.update']).toHaveBeenCalledWith({ syringesPerPound: 300 }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /^Time zone/ })).toHaveAttribute('aria-invalid', 'true'),
    );

    // The zone is chosen from the list: an abbreviation or a made-up zone finds nothing to choose.
    const zone = screen.getByRole('combobox', { name: /^Time zone/ });
    await user.clear(zone);
    // By keyboard: jsdom has no layout, so the list never shows to a click.
    await user.type(zone, 'chicago{ArrowDown}{Enter}');
    expect(zone).toHaveValue('America/Chicago');
    await user.clear(zone);
    await user.type(zone, 'PST');
    expect(
      await screen.findByText('No time zone matches \u201cPST\u201d. Type a city, such as Chicago or Los Angeles.'),
    ).toBeInTheDocument();
    await user.tab();
    expect(zone).toHaveValue('America/Chicago');
    await user.click(screen.getByRole('button', { name: 'Save program settings' }));
    await waitFor(() =>
      expect(bridge['settings.update']).toHaveBeenLastCalledWith({
        syringesPerPound: 300,
        timeZone: 'America/Chicago',
      }),
    );
    expect(bridge['settings.update']).toHaveBeenCalledTimes(2);
  });
});
