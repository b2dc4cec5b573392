/**
 * The stock card of an item at a site: its movements newest first by when they happened (a
 * back-dated entry takes its place in time, not at the top), each linked to its record, with the
 * balance just after it, a page at a time and by date. Balances are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { expectRefused } from '../../support/refusal';

const now = new Date('2026-11-22T20:00:00Z');

async function openCard() {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site } = field;
  const van = perform(db, writer, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
  const syringes = field.item('Syringe 1 mL 28G 1/2in');
  const receipt = perform(db, writer, 'inventory.receive', {
    siteId: site.id,
    itemId: syringes.id,
    packs: 3,
    receivedAt: '2026-11-20T09:00:00-08:00',
  });
  const handedOut = perform(db, writer, 'encounters.log', {
    siteId: site.id,
    occurredAt: '2026-11-21T10:00:00-08:00',
    participantCode: 'MA0785',
    lines: [{ itemId: syringes.id, quantity: 20 }],
  });
  const transfer = perform(db, writer, 'inventory.transfer', {
    fromSiteId: site.id,
    toSiteId: van.id,
    lines: [{ itemId: syringes.id, units: 50 }],
    sentAt: '2026-11-21T12:00:00-08:00',
  });
  const adjustment = perform(db, writer, 'inventory.adjust', {
    siteId: site.id,
    reason: 'damaged',
    lines: [{ itemId: syringes.id, units: 5 }],
    occurredAt: '2026-11-22T09:00:00-08:00',
  });
  // Logged last, from a paper form: it happened on the 20th.
  const backDated = perform(db, writer, 'tallies.log', {
    siteId: site.id,
    occurredAt: '2026-11-20T15:00:00-08:00',
    contacts: 3,
    lines: [{ itemId: syringes.id, quantity: 10 }],
  });
  return { ...field, van, syringes, receipt, handedOut, transfer, adjustment, backDated };
}

describe('the stock card', () => {
  it('lists movements newest first by when they happened, each with its record and the balance after it', async () => {
    const { db, site, syringes, receipt, handedOut, transfer, adjustment, backDated } = await openCard();
    const card = read(db, 'inventory.stockCard', { siteId: site.id, itemId: syringes.id });
    // 300 in, 10 out (the 20th), 20 out, 50 sent, 5 damaged: 215 now.
    expect(card).toMatchObject({
      itemName: 'Syringe 1 mL 28G 1/2in',
      unit: 'syringe',
      unitsPerPack: 100,
      balance: 215,
    });
    expect(card.more).toBe(false);
    expect(
      card.rows.map((row) => [row.localDate, row.kind, row.source.type, row.source.id, row.units, row.balance]),
    ).toEqual([
      ['2026-11-22', 'adjustment', 'adjustment', adjustment.id, -5, 215],
      ['2026-11-21', 'transfer_sent', 'transfer', transfer.id, -50, 220],
      ['2026-11-21', 'distribution', 'field_entry', handedOut.id, -20, 270],
      ['2026-11-20', 'distribution', 'field_entry', backDated.id, -10, 290],
      ['2026-11-20', 'receipt', 'receipt', receipt.id, 300, 300],
    ]);
  });

  it('names each source as a reader knows it: encounter or tally, the reason, the two sites, the supplier', async () => {
    const { db, writer, site, van, syringes, transfer, adjustment, handedOut, backDated } = await openCard();
    const reason = perform(db, writer, 'adjustmentReasons.create', { name: 'Used for training', direction: 'remove' });
    const training = perform(db, writer, 'inventory.adjust', {
      siteId: site.id,
      reason: reason.id,
      lines: [{ itemId: syringes.id, units: 2 }],
      occurredAt: '2026-11-22T10:00:00-08:00',
    });
    perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: syringes.id,
      units: 40,
      source: 'County health department',
      receivedAt: '2026-11-22T11:00:00-08:00',
    });
    const card = read(db, 'inventory.stockCard', { siteId: site.id, itemId: syringes.id });
    const described = card.rows.map(({ source }) => [
      source.type,
      source.id,
      source.entryKind,
      source.reason && [source.reason.name, source.reason.builtIn],
      source.fromSiteName,
      source.toSiteName,
      source.supplier,
    ]);
    expect(described).toEqual([
      ['receipt', expect.any(String), null, null, null, null, 'County health department'],
      ['adjustment', training.id, null, ['Used for training', false], null, null, null],
      ['adjustment', adjustment.id, null, ['damaged', true], null, null, null],
      ['transfer', transfer.id, null, null, 'Main site', 'Van 2', null],
      ['field_entry', handedOut.id, 'encounter', null, null, null, null],
      ['field_entry', backDated.id, 'tally', null, null, null, null],
      ['receipt', expect.any(String), null, null, null, null, null],
    ]);
    // Once it arrives, the card of the site it went to names the same two sites.
    perform(db, writer, 'inventory.receiveTransfer', { transferId: transfer.id });
    const vanCard = read(db, 'inventory.stockCard', { siteId: van.id, itemId: syringes.id });
    expect(vanCard.rows.map((row) => [row.kind, row.source.fromSiteName, row.source.toSiteName, row.balance])).toEqual([
      ['transfer_received', 'Main site', 'Van 2', 50],
    ]);
  });

  it('pages back from the last row shown, the balances running on', async () => {
    const { db, site, syringes } = await openCard();
    const first = read(db, 'inventory.stockCard', { siteId: site.id, itemId: syringes.id, limit: 2 });
    expect(first.rows.map((row) => row.balance)).toEqual([215, 220]);
    expect(first.more).toBe(true);
    const last = first.rows.at(-1)!;
    const second = read(db, 'inventory.stockCard', {
      siteId: site.id,
      itemId: syringes.id,
      limit: 2,
      before: { at: last.at, key: last.key },
    });
    expect(second.rows.map((row) => [row.units, row.balance])).toEqual([
      [-20, 270],
      [-10, 290],
    ]);
    const end = second.rows.at(-1)!;
    const third = read(db, 'inventory.stockCard', {
      siteId: site.id,
      itemId: syringes.id,
      limit: 2,
      before: { at: end.at, key: end.key },
    });
    expect(third.rows.map((row) => [row.kind, row.balance])).toEqual([['receipt', 300]]);
    expect(third.more).toBe(false);
  });

  it('shows the days asked for, with the balance as it was on them', async () => {
    const { db, site, syringes } = await openCard();
    const day = read(db, 'inventory.stockCard', {
      siteId: site.id,
      itemId: syringes.id,
      from: '2026-11-21',
      to: '2026-11-21',
    });
    expect(day.rows.map((row) => [row.kind, row.units, row.balance])).toEqual([
      ['transfer_sent', -50, 220],
      ['distribution', -20, 270],
    ]);
    expectRefused(
      () =>
        read(db, 'inventory.stockCard', { siteId: site.id, itemId: syringes.id, from: '2026-11-22', to: '2026-11-21' }),
      'date_range_backwards',
      'to',
    );
  });

  it("shows one lot's card, and a cancelled transfer as a reversal that puts the stock back", async () => {
    const { db, writer, site, van, item } = await openCard();
    const nasal = item('Naloxone nasal 4 mg (box of 2)');
    const receive = (lotNumber: string, expiresOn: string) =>
      perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: nasal.id, units: 6, lotNumber, expiresOn })
        .lotId!;
    const soon = receive('SOON', '2027-01-31');
    receive('LATER', '2027-09-30');
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: nasal.id, units: 4, lotId: soon }],
    });
    perform(db, writer, 'inventory.cancelTransfer', { transferId: transfer.id, reason: 'Van off the road' });
    const card = read(db, 'inventory.stockCard', { siteId: site.id, itemId: nasal.id, lotId: soon });
    expect(card.balance).toBe(6);
    expect(card.rows.map((row) => [row.kind, row.reversal, row.lotNumber, row.units, row.balance])).toEqual([
      ['transfer_sent', true, 'SOON', 4, 6],
      ['transfer_sent', false, 'SOON', -4, 2],
      ['receipt', false, 'SOON', 6, 6],
    ]);
    expect(read(db, 'inventory.stockCard', { siteId: site.id, itemId: nasal.id }).balance).toBe(12);
  });
});
