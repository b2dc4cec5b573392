/**
 * A lot on hold (a recall): never handed out or sent first-expiry-first-out, refused when picked
 * by hand, left out of what is available, and taken off the shelf only by an adjustment; released,
 * it is used again. Quantities are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../../db/system/system';
import { auditRows } from '../../support/audit';
import { openFieldCore, perform, read } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';

const now = new Date('2026-11-22T20:00:00Z');

/** A drop-in with 6 units of lot SOON (expires first) and 6 of LATER, and a van. */
async function openRecall() {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site } = field;
  const van = perform(db, writer, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
  const nasal = field.item('Naloxone nasal 4 mg (box of 2)');
  const receive = (lotNumber: string, expiresOn: string) =>
    perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: nasal.id, units: 6, lotNumber, expiresOn })
      .lotId!;
  const soon = receive('SOON', '2027-01-31');
  const later = receive('LATER', '2027-09-30');
  return { ...field, van, nasal, soon, later };
}

function lotsAt(db: Awaited<ReturnType<typeof openRecall>>['db'], siteId: string, itemId: string) {
  const [holding] = read(db, 'inventory.onHand', { siteId, itemId });
  return Object.fromEntries((holding?.lots ?? []).map((lot) => [lot.lotNumber, lot.units]));
}

describe('a lot on hold', () => {
  it('is passed over when handing out and sending, and is not available', async () => {
    const { db, writer, site, van, nasal, soon } = await openRecall();
    const held = perform(db, writer, 'inventory.holdLot', { lotId: soon, held: true, reason: 'Recall notice 2026-11' });
    expect(held).toMatchObject({ lotNumber: 'SOON', onHold: true, units: 6 });
    expect(JSON.parse(auditRows(db, 'inventory.holdLot')[0]!.after_json!)).toEqual({
      onHold: true,
      reason: 'Recall notice 2026-11',
    });
    expect(read(db, 'inventory.onHand', { siteId: site.id, itemId: nasal.id })[0]).toMatchObject({
      status: 'on_hold',
      units: 12,
      available: 6,
      lots: [
        { lotNumber: 'SOON', onHold: true },
        { lotNumber: 'LATER', onHold: false },
      ],
    });
    // SOON expires first, but is held: 2 come out of LATER.
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-22T10:00:00-08:00',
      participantCode: 'MA0785',
      lines: [{ itemId: nasal.id, quantity: 2 }],
    });
    expect(lotsAt(db, site.id, nasal.id)).toEqual({ SOON: 6, LATER: 4 });
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: nasal.id, units: 3 }],
    });
    expect(transfer.lines.map((line) => [line.lotNumber, line.sent])).toEqual([['LATER', 3]]);
    // Only LATER's 1 is left to send.
    expectRefused(
      () =>
        perform(db, writer, 'inventory.transfer', {
          fromSiteId: site.id,
          toSiteId: van.id,
          lines: [{ itemId: nasal.id, units: 2 }],
        }),
      'transfer_exceeds_stock',
      'lines.0.units',
    );
  });

  it('is refused when picked by hand, to hand out or to send, and nothing changes', async () => {
    const { db, writer, site, van, nasal, soon } = await openRecall();
    perform(db, writer, 'inventory.holdLot', { lotId: soon, held: true, reason: 'Recall' });
    const state = databaseState(db);
    expectRefused(
      () =>
        perform(db, writer, 'inventory.transfer', {
          fromSiteId: site.id,
          toSiteId: van.id,
          lines: [{ itemId: nasal.id, units: 1, lotId: soon }],
        }),
      'lot_on_hold',
      'lines.0.lotId',
    );
    expectRefused(
      () =>
        perform(db, writer, 'encounters.log', {
          siteId: site.id,
          occurredAt: '2026-11-22T10:00:00-08:00',
          participantCode: 'MA0785',
          lines: [{ itemId: nasal.id, quantity: 1, lotId: soon }],
        }),
      'lot_on_hold',
      'lines.0.lotId',
    );
    expectRefused(
      () => perform(db, writer, 'inventory.holdLot', { lotId: soon, held: true, reason: 'Again' }),
      'lot_hold_unchanged',
      'held',
    );
    expectNothingChanged(db, state);
  });

  it('is taken off the shelf by a recall adjustment, and used again once released', async () => {
    const { db, writer, site, nasal, soon } = await openRecall();
    perform(db, writer, 'inventory.holdLot', { lotId: soon, held: true, reason: 'Recall' });
    perform(db, writer, 'inventory.adjust', {
      siteId: site.id,
      reason: 'recalled',
      lines: [{ itemId: nasal.id, units: 4, lotId: soon }],
    });
    expect(lotsAt(db, site.id, nasal.id)).toEqual({ SOON: 2, LATER: 6 });
    perform(db, writer, 'inventory.holdLot', { lotId: soon, held: false, reason: 'Cleared by the manufacturer' });
    perform(db, writer, 'tallies.log', {
      siteId: site.id,
      occurredAt: '2026-11-22T11:00:00-08:00',
      contacts: 2,
      lines: [{ itemId: nasal.id, quantity: 3 }],
    });
    // SOON first again: its 2, then 1 of LATER.
    expect(lotsAt(db, site.id, nasal.id)).toEqual({ LATER: 5 });
    expect((await verifyDatabase(db, { sqliteChecksBeside: false })).ok).toBe(true);

    db.sqlite.prepare('UPDATE lots SET on_hold = 1 WHERE id = ?').run(soon);
    const report = await verifyDatabase(db, { sqliteChecksBeside: false });
    expect(report.rollups.find((check) => check.table === 'lot_holds')).toEqual({
      table: 'lot_holds',
      rows: 2,
      mismatches: 1,
    });
  });
});
