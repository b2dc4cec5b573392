/**
 * No interface text outside the locale files: every English value is replaced by a marked copy,
 * then every text the app shows (and every aria-label, title, placeholder) must carry the mark,
 * unless it is data from the core (site and item names, codes, dates, numbers).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../../renderer/src/i18n';
import type { Preset } from '@contract/presets';
import { timeZoneNames } from '@contract/calendar';
import { timeZoneLabel } from '../../../renderer/src/components/TimeZoneSelect';
import {
  about,
  encounter,
  installFakeBridge,
  items,
  ok,
  participant,
  session,
  sites,
  staff,
  stockCardRow,
  stockLot,
  transfer,
} from '../support/fakeBridge';
import { locales } from '../support/locales';
import { renderApp } from '../support/render';

const mark = (value: unknown): unknown =>
  typeof value === 'string'
    ? `⟦${value}⟧`
    : Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, mark(child)]));

const saved = encounter({ participantCode: null });
const returning = participant('MA0785', {
  entryId: saved.id,
  occurredAt: saved.occurredAt,
  siteId: saved.siteId,
  siteName: saved.siteName,
  lines: [{ itemId: items[0]!.id, itemName: items[0]!.name, quantity: 10 }],
});
const preset: Preset = {
  id: '0190f5a0-0000-7000-8000-000000000901',
  name: 'Standard injection kit x2',
  lines: [{ itemId: items[0]!.id, itemName: items[0]!.name, unit: items[0]!.unit, quantity: 20 }],
  sortOrder: 1,
  active: true,
};
const data = new Set<string>([
  ...sites.map((site) => site.name),
  ...items.map((item) => item.name),
  // A lot on hand, and a transfer in transit: the lot's number and expiry, when the transfer was sent.
  'NX-2207',
  'Mar 31, 2027',
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(transfer().sentAt)),
  // A stock card's row: when it happened.
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(stockCardRow().at)),
  // The Supplies tab lists each item's unit and pack size.
  ...items.map((item) => item.unit),
  ...items.map((item) => String(item.unitsPerPack)),
  session.displayName,
  returning.code,
  preset.name,
  ...staff.map((member) => member.displayName),
  'HIV test',
  'Harbour Outreach',
  about.appVersion,
  about.databasePath,
  about.deviceId,
  String(about.schemaVersion),
  saved.siteName,
  // The details of an entry show its numbers.
  String(saved.onBehalfOf),
  String(saved.revision),
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(saved.occurredAt)),
  // The time zone list shows the IANA names themselves, as every operating system does.
  ...timeZoneNames().map(timeZoneLabel),
]);

function unmarkedText(root: HTMLElement): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    if (text === '' || text.includes('⟦') || text.includes('⟧') || data.has(text)) continue;
    if (node.parentElement?.closest('style, script')) continue;
    // The asterisk Mantine puts after a required field's label: a symbol, hidden from screen readers.
    if (text === '*' && node.parentElement?.matches('[aria-hidden="true"][class*="InputWrapper-required"]')) continue;
    found.push(text);
  }
  for (const element of root.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = element.getAttribute(attribute);
      if (value !== null && value.trim() !== '' && !value.includes('⟦')) found.push(`${attribute}="${value}"`);
    }
  }
  return found;
}

describe('interface text', () => {
  beforeAll(() => {
    i18n.addResourceBundle('en', 'translation', mark(locales.en), true, true);
  });
  afterAll(() => {
    i18n.addResourceBundle('en', 'translation', locales.en, true, true);
  });

  it('comes only from the locale files, on every screen and in every state', async () => {
    const bridge = installFakeBridge({
      about: { demo: true },
      // A coordinator sees every screen, the Participants one included.
      session: { role: 'coordinator' },
      encounters: [saved],
      presets: [preset],
      participants: [returning],
      stock: [{ siteId: sites[0]!.id, itemId: items[0]!.id, units: 12 }],
    });
    const user = userEvent.setup();
    renderApp();

    // The log form: a bad quantity at its item, a reversal, an unmet request, stock notes, presets.
    const save = await screen.findByRole('button', { name: /^⟦Save encounter⟧/ });
    await screen.findByRole('table');
    await waitFor(() => expect(screen.getAllByText('⟦None on hand here⟧').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: '⟦Add a reversal report⟧' }));
    await user.click(screen.getByRole('button', { name: '⟦Add a request we could not meet⟧' }));
    await user.type(screen.getByRole('spinbutton', { name: items[0]!.name }), '-4');
    await user.type(screen.getByRole('spinbutton', { name: items[1]!.name }), '5');
    await user.click(save);
    await waitFor(() =>
      expect(screen.getByRole('spinbutton', { name: items[0]!.name })).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(screen.getByText('⟦Quantity must be at least 1.⟧')).toBeInTheDocument();
    expect(unmarkedText(document.body)).toEqual([]);

    // A participant found by the search, with their last visit.
    const code = screen.getByRole('combobox', { name: '⟦Participant code⟧' });
    await user.type(code, 'MA07');
    await screen.findByRole('option', { name: /MA0785/ });
    expect(unmarkedText(document.body)).toEqual([]);
    await user.keyboard('{Enter}');
    await screen.findByRole('button', { name: /^⟦Same as last time⟧/ });
    expect(unmarkedText(document.body)).toEqual([]);

    // Saved, with a shortfall, then undone.
    await user.clear(screen.getByRole('spinbutton', { name: items[0]!.name }));
    bridge['encounters.log'].mockResolvedValueOnce(ok({ ...saved, shortfalls: [{ itemId: items[1]!.id, units: 2 }] }));
    await user.click(screen.getByRole('button', { name: '⟦Remove reversal report 1⟧' }));
    await user.click(screen.getByRole('button', { name: '⟦Remove request 1⟧' }));
    await user.click(save);
    await screen.findByText('⟦Encounter saved⟧');
    expect(unmarkedText(document.body)).toEqual([]);
    await user.click(screen.getByRole('button', { name: /^⟦Undo⟧/ }));
    await screen.findByText('⟦Undone. Its details are back in the form.⟧');
    expect(unmarkedText(document.body)).toEqual([]);

    // A street tally.
    await user.click(screen.getByRole('radio', { name: '⟦Street tally⟧' }));
    await screen.findByRole('spinbutton', { name: '⟦Contacts⟧' });
    expect(unmarkedText(document.body)).toEqual([]);
    await user.click(screen.getByRole('radio', { name: '⟦Encounter⟧' }));

    // The code builder, with its questions unanswered.
    await user.click(screen.getByRole('button', { name: /^⟦New code⟧/ }));
    const builder = await screen.findByRole('dialog', { name: '⟦New participant code⟧' });
    await user.click(within(builder).getByRole('button', { name: '⟦Use this code⟧' }));
    await waitFor(() => expect(within(builder).getAllByRole('textbox')[0]).toHaveAttribute('aria-invalid', 'true'));
    expect(unmarkedText(document.body)).toEqual([]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // The keyboard shortcuts.
    await user.click(screen.getByRole('button', { name: '⟦Keyboard shortcuts⟧' }));
    await screen.findByRole('dialog', { name: '⟦Keyboard shortcuts⟧' });
    expect(unmarkedText(document.body)).toEqual([]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const nav = (name: string) => within(screen.getByRole('navigation')).getByRole('button', { name: `⟦${name}⟧` });
    await user.click(nav('Collections'));
    await screen.findByRole('heading', { level: 1, name: '⟦Collections⟧' });
    await waitFor(() => expect(screen.queryByText('⟦Loading…⟧')).not.toBeInTheDocument());
    expect(unmarkedText(document.body)).toEqual([]);

    await user.click(nav('Encounters'));
    const list = await screen.findByRole('table', { name: '⟦Encounters⟧' });
    expect(unmarkedText(document.body)).toEqual([]);

    // An entry's details, and its correction form.
    await user.click(within(list).getAllByRole('button')[0]!);
    const detail = await screen.findByRole('dialog', { name: '⟦Encounter details⟧' });
    expect(unmarkedText(document.body)).toEqual([]);
    await user.click(within(detail).getByRole('button', { name: '⟦Correct this encounter⟧' }));
    await user.click(await within(detail).findByRole('button', { name: /^⟦Save correction⟧/ }));
    await within(detail).findByText('⟦Give a reason.⟧');
    expect(unmarkedText(document.body)).toEqual([]);
    await user.click(within(detail).getByRole('button', { name: '⟦Close⟧' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(nav('Participants'));
    await screen.findByRole('heading', { level: 1, name: '⟦Participants⟧' });
    await waitFor(() => expect(screen.queryByText('⟦Loading…⟧')).not.toBeInTheDocument());
    expect(unmarkedText(document.body)).toEqual([]);

    await user.click(nav('Settings'));
    await screen.findByRole('table', { name: '⟦Sites⟧' });
    expect(unmarkedText(document.body)).toEqual([]);
    for (const tab of screen.getAllByRole('tab')) {
      await user.click(tab);
      await waitFor(() => expect(screen.queryByText('⟦Loading…⟧')).not.toBeInTheDocument());
      expect(unmarkedText(document.body)).toEqual([]);
    }

    await user.click(nav('About'));
    await screen.findByText(about.deviceId);
    expect(unmarkedText(document.body)).toEqual([]);
  });
  // Apart from the tour above, so neither runs near the time limit.
  it('comes only from the locale files on the Stock screen, in every tab and in a receipt of a transfer', async () => {
    installFakeBridge({
      session: { role: 'coordinator' },
      stock: [
        { siteId: sites[0]!.id, itemId: items[0]!.id, units: 12 },
        { siteId: sites[0]!.id, itemId: items[1]!.id, units: 4, lots: [stockLot('NX-2207', '2027-03-31', 4)] },
      ],
      transfers: [transfer()],
      stockCardPages: [
        {
          siteName: sites[0]!.name,
          itemName: items[0]!.name,
          unit: items[0]!.unit,
          unitsPerPack: items[0]!.unitsPerPack,
          balance: 12,
          rows: [stockCardRow({ units: 12, balance: 12 })],
          more: false,
        },
      ],
    });
    const user = userEvent.setup();
    renderApp();
    const nav = (name: string) => within(screen.getByRole('navigation')).getByRole('button', { name: `⟦${name}⟧` });
    await user.click(await waitFor(() => nav('Stock')));
    // Stock: on hand with a row opened to its lots, then every tab.
    await screen.findByRole('table', { name: /On hand at/ });
    await user.click(screen.getByRole('button', { name: /^⟦Show \d+ lots? of/ }));
    expect(unmarkedText(document.body)).toEqual([]);
    // A lot's hold, and a stock card.
    await user.click(screen.getByRole('button', { name: /^⟦Put on hold: lot NX-2207/ }));
    await screen.findByRole('dialog');
    expect(unmarkedText(document.body)).toEqual([]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getAllByRole('button', { name: /^⟦Stock card of/ })[0]!);
    await screen.findByRole('table', { name: /^⟦Movements of/ });
    expect(unmarkedText(document.body)).toEqual([]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    for (const tab of screen.getAllByRole('tab')) {
      await user.click(tab);
      await waitFor(() => expect(screen.queryByText('⟦Loading…⟧')).not.toBeInTheDocument());
      expect(unmarkedText(document.body)).toEqual([]);
    }
    await user.click(screen.getByRole('tab', { name: '⟦Transfers⟧' }));
    // A transfer's receipt, its lines and a difference to explain.
    const confirm = screen.getByRole('button', { name: /^⟦Confirm receipt of the transfer/ });
    await user.click(confirm);
    const receipt = await screen.findByRole('dialog', { name: '⟦Confirm receipt⟧' });
    const received = within(receipt).getAllByRole('spinbutton')[0]!;
    await user.clear(received);
    await user.type(received, '1');
    await user.click(within(receipt).getByRole('radio', { name: '⟦Will not arrive: write it off⟧' }));
    expect(unmarkedText(document.body)).toEqual([]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
