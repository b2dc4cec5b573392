/**
 * No interface text outside the locale files: every English value is replaced by a marked copy,
 * then every text the app shows (and every aria-label, title, placeholder) must carry the mark,
 * unless it is data from the core (site and item names, codes, dates, numbers).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../renderer/src/i18n';
import { about, encounter, installFakeBridge, items, session, sites, staff } from './support/fakeBridge';
import { locales } from './support/locales';
import { renderApp } from './support/render';

const mark = (value: unknown): unknown =>
  typeof value === 'string'
    ? `⟦${value}⟧`
    : Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, mark(child)]));

const saved = encounter({ participantCode: null });
const data = new Set<string>([
  ...sites.map((site) => site.name),
  ...items.map((item) => item.name),
  session.displayName,
  ...staff.map((member) => member.displayName),
  'HIV test',
  'Harbour Outreach',
  about.appVersion,
  about.databasePath,
  about.deviceId,
  String(about.schemaVersion),
  saved.siteName,
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(saved.occurredAt)),
]);

function unmarkedText(root: HTMLElement): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    if (text === '' || text.includes('⟦') || text.includes('⟧') || data.has(text)) continue;
    if (node.parentElement?.closest('style, script')) continue;
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
    installFakeBridge({ about: { demo: true }, encounters: [saved] });
    const user = userEvent.setup();
    renderApp();

    const save = await screen.findByRole('button', { name: '⟦Save encounter⟧' });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: '⟦Add supply line⟧' }));
    await user.type(screen.getAllByRole('spinbutton')[0]!, '0');
    await user.click(save);
    await waitFor(() => expect(screen.getAllByRole('spinbutton')[0]).toHaveAttribute('aria-invalid', 'true'));
    expect(unmarkedText(document.body)).toEqual([]);

    const nav = within(screen.getByRole('navigation')).getAllByRole('button');
    await user.click(nav[1]!);
    await screen.findByRole('table', { name: '⟦Encounters⟧' });
    expect(unmarkedText(document.body)).toEqual([]);

    await user.click(nav[2]!);
    await screen.findByRole('table', { name: '⟦Sites⟧' });
    expect(unmarkedText(document.body)).toEqual([]);
    for (const tab of screen.getAllByRole('tab')) {
      await user.click(tab);
      await waitFor(() => expect(screen.queryByText('⟦Loading…⟧')).not.toBeInTheDocument());
      expect(unmarkedText(document.body)).toEqual([]);
    }

    await user.click(nav[3]!);
    await screen.findByText(about.deviceId);
    expect(unmarkedText(document.body)).toEqual([]);
  });
});
