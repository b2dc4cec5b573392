import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Collection } from '@contract/collections';
import { installFakeBridge, ok, refused, sites, type FakeData } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

const pad = (value: number) => String(value).padStart(2, '0');
const now = new Date();
const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

function collection(overrides: Partial<Collection> = {}): Collection {
  return {
    id: '0190f5a0-0000-7000-8000-000000000c01',
    status: 'active',
    revision: 1,
    siteId: sites[0]!.id,
    siteName: sites[0]!.name,
    collectedOn: '2026-11-20',
    source: 'kiosk',
    collected: { counted: 120, containers: 0, pounds: 0, estimated: 0, total: 120 },
    syringesPerContainer: 100,
    syringesPerPound: 281,
    note: null,
    loggedBy: 'Sam Rivera',
    loggedAt: '2026-11-20T20:00:00.000Z',
    changedBy: 'Sam Rivera',
    changedAt: '2026-11-20T20:00:00.000Z',
    changeReason: null,
    voidReason: null,
    ...overrides,
  };
}

/** A bridge whose collections are kept in a list: logged ones join it, voided ones leave it. */
async function openScreen(initial: Collection[] = [], data: FakeData = {}) {
  const bridge = installFakeBridge(data);
  let kept = [...initial];
  bridge['collections.list'].mockImplementation(async () => ok(kept));
  bridge['collections.log'].mockImplementation(async (input) => {
    const estimated = Math.round((input.collected.containers ?? 0) * 100 + (input.collected.pounds ?? 0) * 281);
    const counted = input.collected.counted ?? 0;
    const saved = collection({
      id: '0190f5a0-0000-7000-8000-000000000c02',
      siteId: input.siteId,
      siteName: sites.find((site) => site.id === input.siteId)!.name,
      collectedOn: input.collectedOn,
      source: input.source,
      collected: {
        counted,
        containers: input.collected.containers ?? 0,
        pounds: input.collected.pounds ?? 0,
        estimated,
        total: counted + estimated,
      },
    });
    kept = [saved, ...kept];
    return ok(saved);
  });
  bridge['collections.void'].mockImplementation(async (input) => {
    const voided = { ...kept.find((one) => one.id === input.id)!, status: 'voided' as const, voidReason: input.reason };
    kept = kept.filter((one) => one.id !== input.id);
    return ok(voided);
  });
  const user = userEvent.setup();
  renderApp();
  // Shown once the session says the role logs field work.
  await user.click(
    await within(screen.getByRole('navigation', { name: 'Main' })).findByRole('button', { name: 'Collections' }),
  );
  await screen.findByRole('form', { name: 'Log a collection' });
  return { bridge, user };
}

const form = () => within(screen.getByRole('form', { name: 'Log a collection' }));

describe('Collections screen', () => {
  it('comes right after Log encounter, with the day set to today and the first site chosen', async () => {
    await openScreen();
    const nav = within(screen.getByRole('navigation', { name: 'Main' })).getAllByRole('button');
    expect(nav.map((button) => button.textContent).slice(0, 3)).toEqual(['Log encounter', 'Collections', 'Encounters']);
    expect(screen.getByRole('heading', { level: 1, name: 'Collections' })).toHaveFocus();
    expect(form().getByLabelText('Day collected')).toHaveValue(today);
    expect(form().getByLabelText('Site')).toHaveValue(sites[0]!.name);
    expect(await screen.findByText('No collections yet. Saved collections appear here.')).toBeInTheDocument();
  });

  it('starts on the site the program added first, whatever its name', async () => {
    const vanFirst = [
      { ...sites[0]!, createdAt: '2026-03-01T09:00:00.000Z' },
      { ...sites[1]!, createdAt: '2026-01-01T09:00:00.000Z' },
    ];
    await openScreen([], { sites: vanFirst });
    expect(form().getByLabelText('Site')).toHaveValue(sites[1]!.name);
  });

  it('shows the estimate as containers are typed, saves with Ctrl+Enter and lists the collection', async () => {
    const { bridge, user } = await openScreen();
    await user.type(form().getByLabelText('Or sharps containers'), '2');
    expect(screen.getByTestId('collection-estimate')).toHaveTextContent(
      "About 200 syringes, estimated with the program's factors",
    );
    await user.type(form().getByLabelText('Or weight (lb)'), '0.5');
    expect(screen.getByTestId('collection-estimate')).toHaveTextContent('About 341 syringes');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(bridge['collections.log']).toHaveBeenCalledTimes(1));
    const input = bridge['collections.log'].mock.calls[0]![0];
    expect(input).toMatchObject({
      siteId: sites[0]!.id,
      collectedOn: today,
      source: 'kiosk',
      collected: { containers: 2, pounds: 0.5 },
      note: null,
    });
    expect(input.formKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByRole('status')).toHaveTextContent('Collection saved');
    const list = await screen.findByRole('table', { name: 'Recent collections' });
    expect(within(list).getByText('341 estimated')).toBeInTheDocument();
    // Cleared for the next one, a new form.
    expect(form().getByLabelText('Or sharps containers')).toHaveValue(null);
    await user.type(form().getByLabelText('Syringes counted'), '40');
    await user.click(form().getByRole('button', { name: /Save collection/ }));
    await waitFor(() => expect(bridge['collections.log']).toHaveBeenCalledTimes(2));
    expect(bridge['collections.log'].mock.calls[1]![0].formKey).not.toBe(input.formKey);
  });

  it('refuses nothing collected, or counted and estimated at once, before sending', async () => {
    const { bridge, user } = await openScreen();
    await user.click(form().getByRole('button', { name: /Save collection/ }));
    expect(
      await form().findByText('Enter the syringes counted, or the containers or weight collected.'),
    ).toBeInTheDocument();
    await user.type(form().getByLabelText('Syringes counted'), '40');
    await user.type(form().getByLabelText('Or sharps containers'), '1');
    await user.click(form().getByRole('button', { name: /Save collection/ }));
    expect(await form().findByText(/not both/)).toBeInTheDocument();
    expect(bridge['collections.log']).not.toHaveBeenCalled();
  });

  it('shows a refusal of the core at its field', async () => {
    const { bridge, user } = await openScreen();
    bridge['collections.log'].mockImplementation(async () =>
      refused({ code: 'collected_on_future', message: 'The day collected is in the future.', field: 'collectedOn' }),
    );
    await user.type(form().getByLabelText('Syringes counted'), '40');
    await user.click(form().getByRole('button', { name: /Save collection/ }));
    expect(await form().findByText('The day collected is in the future. Check the date.')).toBeInTheDocument();
    expect(form().getByLabelText('Day collected')).toHaveFocus();
  });

  it('voids a collection with a reason, and it leaves the list', async () => {
    const { bridge, user } = await openScreen([collection()]);
    const list = await screen.findByRole('table', { name: 'Recent collections' });
    expect(within(list).getByText('120 counted')).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: /Void the collection of/ }));
    const voiding = within(screen.getByRole('form', { name: 'Void a collection' }));
    await user.click(voiding.getByRole('button', { name: 'Void collection' }));
    expect(await voiding.findByText('Give a reason.')).toBeInTheDocument();
    expect(bridge['collections.void']).not.toHaveBeenCalled();
    await user.type(voiding.getByLabelText(/Reason for voiding/), 'Logged twice');
    await user.click(voiding.getByRole('button', { name: 'Void collection' }));
    await waitFor(() =>
      expect(bridge['collections.void']).toHaveBeenCalledWith({ id: collection().id, reason: 'Logged twice' }),
    );
    expect(await screen.findByText('No collections yet. Saved collections appear here.')).toBeInTheDocument();
  });
});
