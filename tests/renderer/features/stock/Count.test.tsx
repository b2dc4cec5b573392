/** The Count tab on a fake bridge: blind counting by keyboard for field staff, the ledger's figures for coordinators. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Count, CountSummary } from '@contract/counts';
import { items, ok, sites } from '../../support/fakeBridge';
import { openStock } from './support';

const [syringe, naloxone] = items as [(typeof items)[0], (typeof items)[0]];
const countId = '0190f5a0-0000-7000-8000-000000001301';

const line = (number: number, item: (typeof items)[0], counted: number | null, expected: number) => ({
  line: number,
  itemId: item.id,
  itemName: item.name,
  category: item.category,
  unit: item.unit,
  unitsPerPack: item.unitsPerPack,
  tracksLots: false,
  lotId: null,
  lotNumber: null,
  expiresOn: null,
  counted,
  countedAt: counted === null ? null : '2026-11-22T18:30:00.000Z',
  countedBy: counted === null ? null : 'Alex Chen',
  expected,
  difference: counted === null ? null : counted - expected,
});

const header = {
  id: countId,
  siteId: sites[0]!.id,
  siteName: sites[0]!.name,
  scope: 'site' as const,
  category: null,
  lotNumber: null,
  countedAt: '2026-11-22T18:00:00.000Z',
  localDate: '2026-11-22',
  note: null,
  status: 'open' as const,
  startedBy: 'Alex Chen',
  startedAt: '2026-11-22T18:00:00.000Z',
};
const count: Count = {
  ...header,
  closed: null,
  lines: [line(1, syringe, 230, 240), line(2, naloxone, null, 5)],
  arrivedLate: [],
};
const summary: CountSummary = { ...header, lines: 2, countedLines: 1, reviews: 0 };

async function openCount(role: 'outreach_worker' | 'coordinator') {
  const opened = await openStock({}, role);
  opened.bridge['inventory.counts'].mockImplementation(async () => ok([summary]));
  opened.bridge['inventory.count'].mockImplementation(async () => ok(count));
  opened.bridge['inventory.enterCount'].mockImplementation(async (input) =>
    ok({
      countId,
      line: input.line,
      counted: input.units ?? 0,
      countedAt: '2026-11-22T19:00:00.000Z',
      countedBy: 'Sam',
    }),
  );
  await opened.user.click(screen.getByRole('tab', { name: 'Count' }));
  await opened.user.click(await screen.findByRole('button', { name: /^Open the count at Downtown drop-in/ }));
  await screen.findByRole('heading', { name: /^Count at Downtown drop-in/ });
  return opened;
}

describe('Stock: a count', () => {
  it('lets an outreach worker count blind, saving a line with Enter and moving to the next', async () => {
    const { bridge, user } = await openCount('outreach_worker');
    const headers = screen.getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers).toEqual(['Item', 'Expiry', 'Pack size', 'Count (units)', 'Counted']);
    expect(screen.queryByRole('button', { name: 'Post…' })).not.toBeInTheDocument();
    const first = screen.getByLabelText(`Units of ${syringe.name} on the shelf`);
    const second = screen.getByLabelText(`Units of ${naloxone.name} on the shelf`);
    await user.clear(first);
    await user.type(first, '232{Enter}');
    await waitFor(() => expect(second).toHaveFocus());
    expect(bridge['inventory.enterCount']).toHaveBeenCalledWith({ countId, line: 1, units: 232 });
    await user.type(second, '7{Enter}');
    await waitFor(() => expect(bridge['inventory.enterCount']).toHaveBeenCalledWith({ countId, line: 2, units: 7 }));
  });

  it('shows a coordinator expected and difference, and the corrections before posting', async () => {
    const { user } = await openCount('coordinator');
    const row = screen.getAllByRole('row').find((each) => each.textContent?.startsWith(syringe.name))!;
    expect(within(row).getByText('-10 units')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Post…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Post this count' });
    expect(dialog).toHaveTextContent(`${syringe.name}: counted 230 units, records 240 units, correction -10 units`);
    expect(dialog).toHaveTextContent('1 line was not counted: it is left as the records have it.');
  });
});
