/**
 * Transfers between sites: what leaves the sending site (lots first to expire first, or a lot
 * picked), what stays in transit in neither site's on hand, receipts in full and in part, write-offs
 * with their reason, cancellation, and what `verify` proves about them. Quantities are worked out
 * by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../../db/contract/inventory';
import { verifyDatabase } from '../../../db/system/system';
import { auditRows } from '../../support/audit';
import { callError } from '../../support/contract';
import { openFieldCore, perform, read } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const naloxone = 'Naloxone nasal 4 mg (box of 2)';
const syringe = 'Syringe 1 mL 28G 1/2in';
/** 12:00 in Los Angeles, the program's time zone in these tests; stock is tracked from 2025-01-01. */
const now = new Date('2026-11-22T20:00:00Z');

/** A drop-in with two lots of nasal naloxone (the later-expiring one received first) and 300 syringes, and a van with nothing. */
async function openTwoSites() {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site } = field;
  const van = perform(db, writer, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
  const nasal = field.item(naloxone);
  const syringes = field.item(syringe);
  const receive = (lotNumber: string, expiresOn: string, units: number) =>
    perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: nasal.id, units, lotNumber, expiresOn });
  const later = receive('LATE-1', '2027-03-31', 10);
  const sooner = receive('SOON-1', '2027-01-31', 10);
  perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 3 });
  return { ...field, van, nasal, syringes, laterLot: later.lotId!, soonerLot: sooner.lotId! };
}

type Opened = Awaited<ReturnType<typeof openTwoSites>>;

/** Units on hand per lot number (or "no lot") of an item at a site. */
function onHandOf({ db }: Opened, siteId: string, itemId: string): Record<string, number> {
  const [holding] = read(db, 'inventory.onHand', { siteId, itemId });
  if (!holding) return {};
  const byLot: Record<string, number> = Object.fromEntries(holding.lots.map((lot) => [lot.lotNumber, lot.units]));
  if (holding.unitsWithoutLot !== 0) byLot['no lot'] = holding.unitsWithoutLot;
  return byLot;
}

function lineFigures(transfer: Transfer) {
  return transfer.lines.map(({ line, lotNumber, sent, received, writtenOff, inTransit }) => ({
    line,
    lotNumber,
    sent,
    received,
    writtenOff,
    inTransit,
  }));
}

async function expectVerified(db: Opened['db']) {
  const report = await verifyDatabase(db, { sqliteChecksBeside: false });
  expect(report.ledger.mismatches).toBe(0);
  expect(report.rollups.find((check) => check.table === 'transfers')?.mismatches).toBe(0);
  expect(report.ok).toBe(true);
  return report;
}

describe('sending stock to another site', () => {
  it('takes lots first to expire first, keeps the units in transit and in neither site until they arrive', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, nasal } = opened;
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: nasal.id, units: 14 }],
      sentAt: '2026-11-22T09:00:00-08:00',
      reference: ' Slip 118 ',
    });
    // SOON-1 expires first: all 10 of it, then 4 of LATE-1.
    expect(lineFigures(transfer)).toEqual([
      { line: 1, lotNumber: 'SOON-1', sent: 10, received: 0, writtenOff: 0, inTransit: 10 },
      { line: 2, lotNumber: 'LATE-1', sent: 4, received: 0, writtenOff: 0, inTransit: 4 },
    ]);
    expect(transfer).toMatchObject({
      fromSiteName: site.name,
      toSiteName: 'Van 2',
      status: 'in_transit',
      reference: 'Slip 118',
      sentAt: '2026-11-22T17:00:00.000Z',
      localDate: '2026-11-22',
      events: [],
    });
    expect(onHandOf(opened, site.id, nasal.id)).toEqual({ 'LATE-1': 6 });
    expect(onHandOf(opened, van.id, nasal.id)).toEqual({});
    expect(read(db, 'inventory.transfers', { status: 'in_transit' }).map((listed) => listed.id)).toEqual([transfer.id]);
    expect(auditRows(db, 'inventory.transfer')).toHaveLength(1);
    await expectVerified(db);

    const received = perform(db, writer, 'inventory.receiveTransfer', { transferId: transfer.id });
    expect(received.status).toBe('received');
    expect(lineFigures(received).map((line) => [line.received, line.inTransit])).toEqual([
      [10, 0],
      [4, 0],
    ]);
    expect(onHandOf(opened, van.id, nasal.id)).toEqual({ 'SOON-1': 10, 'LATE-1': 4 });
    expect(onHandOf(opened, site.id, nasal.id)).toEqual({ 'LATE-1': 6 });
    expect(read(db, 'inventory.transfers', { status: 'in_transit' })).toEqual([]);
    await expectVerified(db);
  });

  it('sends a picked lot, packs as packs x units per pack, and items without lots', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, nasal, syringes, laterLot } = opened;
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [
        { itemId: nasal.id, units: 3, lotId: laterLot },
        { itemId: syringes.id, packs: 2 },
      ],
      receiveNow: true,
    });
    expect(lineFigures(transfer)).toEqual([
      { line: 1, lotNumber: 'LATE-1', sent: 3, received: 3, writtenOff: 0, inTransit: 0 },
      { line: 2, lotNumber: null, sent: 200, received: 200, writtenOff: 0, inTransit: 0 },
    ]);
    expect(transfer.status).toBe('received');
    expect(transfer.events.map((event) => event.kind)).toEqual(['received']);
    expect(onHandOf(opened, site.id, nasal.id)).toEqual({ 'SOON-1': 10, 'LATE-1': 7 });
    expect(onHandOf(opened, van.id, nasal.id)).toEqual({ 'LATE-1': 3 });
    expect(onHandOf(opened, site.id, syringes.id)).toEqual({ 'no lot': 100 });
    expect(onHandOf(opened, van.id, syringes.id)).toEqual({ 'no lot': 200 });
    await expectVerified(db);
  });

  it('allocates a later line of the same item from what an earlier line left', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, nasal, soonerLot } = opened;
    // 6 of SOON-1 picked; the next 8 first-expiry-first-out: the 4 SOON-1 left, then 4 LATE-1.
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [
        { itemId: nasal.id, units: 6, lotId: soonerLot },
        { itemId: nasal.id, units: 8 },
      ],
    });
    expect(lineFigures(transfer).map((line) => [line.lotNumber, line.sent])).toEqual([
      ['SOON-1', 6],
      ['SOON-1', 4],
      ['LATE-1', 4],
    ]);
    expect(onHandOf(opened, site.id, nasal.id)).toEqual({ 'LATE-1': 6 });
  });

  it('answers a second save of the same form with the first transfer', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, syringes } = opened;
    const input = {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: syringes.id, units: 50 }],
      formKey: '01900000-0000-7000-8000-0000000000aa',
    };
    const first = perform(db, writer, 'inventory.transfer', input);
    const state = databaseState(db);
    expect(perform(db, writer, 'inventory.transfer', input).id).toBe(first.id);
    expectNothingChanged(db, state);
    expect(onHandOf(opened, site.id, syringes.id)).toEqual({ 'no lot': 250 });
  });
});

describe('what arrives', () => {
  it('in part: the rest stays in transit; damaged units are written off with their reason', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, nasal } = opened;
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: nasal.id, units: 14 }],
    });
    // Line 1 (SOON-1, 10 sent): 7 arrive, 1 damaged, 2 still on the way. Line 2 (LATE-1, 4) not yet.
    const partly = perform(db, writer, 'inventory.receiveTransfer', {
      transferId: transfer.id,
      lines: [{ line: 1, received: 7, writtenOff: 1, reason: 'damaged' }],
      note: 'One box crushed',
    });
    expect(partly.status).toBe('in_transit');
    expect(lineFigures(partly)).toEqual([
      { line: 1, lotNumber: 'SOON-1', sent: 10, received: 7, writtenOff: 1, inTransit: 2 },
      { line: 2, lotNumber: 'LATE-1', sent: 4, received: 0, writtenOff: 0, inTransit: 4 },
    ]);
    expect(partly.events.map((event) => [event.kind, event.note, event.lines])).toEqual([
      ['received', 'One box crushed', [{ line: 1, units: 7, reason: null }]],
      ['written_off', null, [{ line: 1, units: 1, reason: 'damaged' }]],
    ]);
    expect(onHandOf(opened, van.id, nasal.id)).toEqual({ 'SOON-1': 7 });
    await expectVerified(db);

    // More than is in transit on a line is refused, and nothing changes.
    const state = databaseState(db);
    expectRefused(
      () =>
        perform(db, writer, 'inventory.receiveTransfer', {
          transferId: transfer.id,
          lines: [{ line: 1, received: 3 }],
        }),
      'transfer_more_than_in_transit',
      'lines.0.received',
    );
    expectNothingChanged(db, state);

    // The rest, as the van's outreach worker confirms it: 2 + 4.
    const worker = staffWithRole(db, writer, 'outreach_worker');
    const rest = perform(db, worker, 'inventory.receiveTransfer', { transferId: transfer.id });
    expect(rest.status).toBe('received');
    expect(lineFigures(rest).map((line) => [line.received, line.writtenOff, line.inTransit])).toEqual([
      [9, 1, 0],
      [4, 0, 0],
    ]);
    expect(onHandOf(opened, van.id, nasal.id)).toEqual({ 'SOON-1': 9, 'LATE-1': 4 });
    expect(onHandOf(opened, site.id, nasal.id)).toEqual({ 'LATE-1': 6 });
    expectRefused(
      () => perform(db, writer, 'inventory.receiveTransfer', { transferId: transfer.id }),
      'transfer_not_in_transit',
      'transferId',
    );
    await expectVerified(db);
  });

  it('lost in transit: what was still on the way is written off, and neither site gets it back', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, syringes } = opened;
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: syringes.id, units: 120 }],
    });
    perform(db, writer, 'inventory.receiveTransfer', { transferId: transfer.id, lines: [{ line: 1, received: 20 }] });
    const lost = perform(db, writer, 'inventory.writeOffTransfer', {
      transferId: transfer.id,
      reason: 'lost',
      note: 'The second box never came',
    });
    expect(lost.status).toBe('received');
    expect(lineFigures(lost)[0]).toMatchObject({ sent: 120, received: 20, writtenOff: 100, inTransit: 0 });
    expect(lost.events.at(-1)).toMatchObject({
      kind: 'written_off',
      note: 'The second box never came',
      lines: [{ line: 1, units: 100, reason: 'lost' }],
    });
    expect(onHandOf(opened, site.id, syringes.id)).toEqual({ 'no lot': 180 });
    expect(onHandOf(opened, van.id, syringes.id)).toEqual({ 'no lot': 20 });

    // Written off whole, nothing received: its status says so.
    const never = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: syringes.id, units: 30 }],
    });
    expect(perform(db, writer, 'inventory.writeOffTransfer', { transferId: never.id, reason: 'lost' }).status).toBe(
      'written_off',
    );
    expect(onHandOf(opened, site.id, syringes.id)).toEqual({ 'no lot': 150 });
    await expectVerified(db);
  });

  it('is cancelled before anything arrives: the stock goes back to its lots; later, it cannot be', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, nasal } = opened;
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: nasal.id, units: 12 }],
    });
    expect(onHandOf(opened, site.id, nasal.id)).toEqual({ 'LATE-1': 8 });
    const cancelled = perform(db, writer, 'inventory.cancelTransfer', {
      transferId: transfer.id,
      reason: 'The van is off the road this week',
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.events).toMatchObject([{ kind: 'cancelled', note: 'The van is off the road this week' }]);
    expect(lineFigures(cancelled).map((line) => line.inTransit)).toEqual([0, 0]);
    expect(onHandOf(opened, site.id, nasal.id)).toEqual({ 'SOON-1': 10, 'LATE-1': 10 });
    await expectVerified(db);

    const second = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: nasal.id, units: 5 }],
    });
    perform(db, writer, 'inventory.receiveTransfer', { transferId: second.id, lines: [{ line: 1, received: 2 }] });
    const state = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'inventory.cancelTransfer', { transferId: second.id, reason: 'Too late' }),
      'transfer_cancel_too_late',
      'transferId',
    );
    expectRefused(
      () => perform(db, writer, 'inventory.cancelTransfer', { transferId: transfer.id, reason: 'Again' }),
      'transfer_not_in_transit',
      'transferId',
    );
    expectNothingChanged(db, state);
  });

  it('lists transfers from or to a site, newest first', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, syringes } = opened;
    const third = perform(db, writer, 'sites.create', { name: 'Drop box corner', siteType: 'fixed' });
    const send = (toSiteId: string, sentAt: string) =>
      perform(db, writer, 'inventory.transfer', {
        fromSiteId: site.id,
        toSiteId,
        lines: [{ itemId: syringes.id, units: 10 }],
        sentAt,
      });
    const older = send(van.id, '2026-11-20T10:00:00Z');
    const newer = send(third.id, '2026-11-21T10:00:00Z');
    expect(read(db, 'inventory.transfers', {}).map((listed) => listed.id)).toEqual([newer.id, older.id]);
    expect(read(db, 'inventory.transfers', { siteId: van.id }).map((listed) => listed.id)).toEqual([older.id]);
  });
});

describe('refusals', () => {
  it('name the field at fault and write nothing', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, nasal, syringes, laterLot } = opened;
    const closed = perform(db, writer, 'sites.create', { name: 'Closed site', siteType: 'fixed' });
    perform(db, writer, 'sites.update', { id: closed.id, active: false });
    const otherLot = perform(db, writer, 'inventory.receive', {
      siteId: van.id,
      itemId: opened.item('Naloxone injectable 0.4 mg/mL (1 mL vial)').id,
      units: 5,
      lotNumber: 'IM-1',
      expiresOn: '2027-05-31',
    }).lotId!;
    const state = databaseState(db);
    const send = (changes: Record<string, unknown>) => () =>
      perform(db, writer, 'inventory.transfer', {
        fromSiteId: site.id,
        toSiteId: van.id,
        lines: [{ itemId: syringes.id, units: 10 }],
        ...changes,
      });
    expectRefused(send({ toSiteId: site.id }), 'transfer_same_site', 'toSiteId');
    expectRefused(send({ toSiteId: closed.id }), 'site_inactive', 'toSiteId');
    expectRefused(send({ lines: [] }), 'transfer_lines_required', 'lines');
    expectRefused(send({ lines: [{ itemId: syringes.id, units: 0 }] }), 'units_invalid', 'lines.0.units');
    expectRefused(send({ lines: [{ itemId: syringes.id, units: -5 }] }), 'units_invalid', 'lines.0.units');
    expectRefused(send({ lines: [{ itemId: syringes.id }] }), 'quantity_invalid', 'lines.0.packs');
    expectRefused(send({ lines: [{ itemId: syringes.id, units: 301 }] }), 'transfer_exceeds_stock', 'lines.0.units');
    expectRefused(send({ lines: [{ itemId: syringes.id, packs: 4 }] }), 'transfer_exceeds_stock', 'lines.0.packs');
    expectRefused(
      send({ lines: [{ itemId: nasal.id, units: 11, lotId: laterLot }] }),
      'lot_units_exceeded',
      'lines.0.units',
    );
    expectRefused(send({ lines: [{ itemId: nasal.id, units: 1, lotId: otherLot }] }), 'lot_not_found', 'lines.0.lotId');
    expectRefused(
      send({
        lines: [
          { itemId: syringes.id, units: 1 },
          { itemId: syringes.id, units: 2 },
        ],
      }),
      'transfer_line_repeated',
      'lines.1.itemId',
    );
    // A second line that asks for more than the first left.
    expectRefused(
      send({
        lines: [
          { itemId: nasal.id, units: 15 },
          { itemId: nasal.id, units: 6, lotId: laterLot },
        ],
      }),
      'lot_units_exceeded',
      'lines.1.units',
    );
    expectRefused(send({ sentAt: '2024-12-31T12:00:00Z' }), 'sent_before_stock_start', 'sentAt');
    expectRefused(send({ reference: 'x'.repeat(121) }), 'reference_too_long', 'reference');
    expectNothingChanged(db, state);

    const transfer = send({})() as Transfer;
    const sent = databaseState(db);
    const receive = (changes: Record<string, unknown>) => () =>
      perform(db, writer, 'inventory.receiveTransfer', { transferId: transfer.id, ...changes });
    expectRefused(receive({ lines: [{ line: 2, received: 1 }] }), 'transfer_line_unknown', 'lines.0.line');
    expectRefused(receive({ lines: [{ line: 1, received: 0 }] }), 'quantity_invalid', 'lines.0.received');
    expectRefused(
      receive({ lines: [{ line: 1, received: 5, writtenOff: 5 }] }),
      'write_off_reason_required',
      'lines.0.reason',
    );
    expectRefused(receive({ receivedAt: '2026-11-22T19:00:00Z' }), 'transfer_received_before_sent', 'receivedAt');
    expectRefused(
      () => perform(db, writer, 'inventory.receiveTransfer', { transferId: '01900000-0000-7000-8000-000000000000' }),
      'transfer_not_found',
      'transferId',
    );
    expect(
      callError(opened.core, 'inventory.writeOffTransfer', { transferId: transfer.id }, opened.actor),
    ).toMatchObject({
      code: 'write_off_reason_required',
      field: 'reason',
    });
    expectNothingChanged(db, sent);
  });
});

describe('verify', () => {
  it('finds a transfer whose stock went missing from the ledger, or whose status is wrong', async () => {
    const opened = await openTwoSites();
    const { db, writer, site, van, syringes } = opened;
    const transfer = perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: syringes.id, units: 40 }],
    });
    await expectVerified(db);
    db.sqlite.prepare(`UPDATE transfers SET status = 'received' WHERE id = ?`).run(transfer.id);
    const report = await verifyDatabase(db, { sqliteChecksBeside: false });
    expect(report.rollups.find((check) => check.table === 'transfers')).toEqual({
      table: 'transfers',
      rows: 1,
      mismatches: 1,
    });
    expect(report.ok).toBe(false);
  });
});
