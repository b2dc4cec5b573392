/**
 * Adjustments: stock changed at a site for a reason, Outpost's own or the program's. Taking off
 * takes only what is there (expired lots first, since they expire first); adding to an item
 * tracked by lot names its lot; a reason that goes either way needs the way. Quantities are worked
 * out by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import { storedCodes } from '../../../db/platform/stored-codes';
import { verifyDatabase } from '../../../db/system/system';
import { auditRows } from '../../support/audit';
import { callError } from '../../support/contract';
import { openFieldCore, perform, read } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';

const now = new Date('2026-11-22T20:00:00Z');

/** A site with two lots of nasal naloxone (one expired yesterday) and 200 syringes. */
async function openStockRoom() {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site } = field;
  const nasal = field.item('Naloxone nasal 4 mg (box of 2)');
  const syringes = field.item('Syringe 1 mL 28G 1/2in');
  const receive = (lotNumber: string, expiresOn: string, units: number) =>
    perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: nasal.id,
      units,
      lotNumber,
      expiresOn,
      expiredConfirmed: true,
      receivedAt: '2026-10-01T12:00:00Z',
    }).lotId!;
  const goodLot = receive('GOOD', '2027-09-30', 8);
  const oldLot = receive('OLD', '2026-11-21', 3);
  perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 2 });
  return { ...field, nasal, syringes, goodLot, oldLot };
}

function lotsAt(db: Awaited<ReturnType<typeof openStockRoom>>['db'], siteId: string, itemId: string) {
  const [holding] = read(db, 'inventory.onHand', { siteId, itemId });
  return Object.fromEntries([
    ...(holding?.lots ?? []).map((lot) => [lot.lotNumber, lot.units]),
    ...(holding && holding.unitsWithoutLot !== 0 ? [['no lot', holding.unitsWithoutLot]] : []),
  ]);
}

describe('adjusting stock', () => {
  it('takes damaged units off a picked lot, in the ledger, on hand and in the audit log', async () => {
    const { db, writer, site, nasal, goodLot } = await openStockRoom();
    const adjustment = perform(db, writer, 'inventory.adjust', {
      siteId: site.id,
      reason: 'damaged',
      lines: [{ itemId: nasal.id, units: 2, lotId: goodLot }],
      note: 'Left in the van in the heat',
    });
    expect(adjustment).toMatchObject({
      siteName: site.name,
      reason: { id: 'damaged', builtIn: true, direction: 'remove' },
      localDate: '2026-11-22',
      note: 'Left in the van in the heat',
      lines: [{ line: 1, lotNumber: 'GOOD', units: -2 }],
    });
    expect(lotsAt(db, site.id, nasal.id)).toEqual({ OLD: 3, GOOD: 6 });
    expect(auditRows(db, 'inventory.adjust')).toHaveLength(1);
    expect((await verifyDatabase(db, { sqliteChecksBeside: false })).ok).toBe(true);

    // A movement that no line accounts for is found.
    db.sqlite
      .prepare(
        `INSERT INTO stock_movements (kind, site_key, item_key, lot_key, units, occurred_ms, local_date, source_type,
           source_key, origin_device_key, created_by_key, created_ms)
         SELECT kind, site_key, item_key, lot_key, -1, occurred_ms, local_date, source_type, source_key,
           origin_device_key, created_by_key, created_ms
         FROM stock_movements WHERE source_type = ? ORDER BY key DESC LIMIT 1`,
      )
      .run(storedCodes.movementSource.code('adjustment'));
    const report = await verifyDatabase(db, { sqliteChecksBeside: false });
    expect(report.rollups.find((check) => check.table === 'adjustments')).toEqual({
      table: 'adjustments',
      rows: 1,
      mismatches: 1,
    });
  });

  it('takes expired units off first when no lot is named, expired lots included', async () => {
    const { db, writer, site, nasal } = await openStockRoom();
    // 5 expired: the 3 of OLD (expired yesterday), then 2 of GOOD.
    const adjustment = perform(db, writer, 'inventory.adjust', {
      siteId: site.id,
      reason: 'expired',
      lines: [{ itemId: nasal.id, units: 5 }],
    });
    expect(adjustment.lines.map((line) => [line.lotNumber, line.units])).toEqual([
      ['OLD', -3],
      ['GOOD', -2],
    ]);
    expect(lotsAt(db, site.id, nasal.id)).toEqual({ GOOD: 6 });
  });

  it('goes either way for a donation, which must say which, and adds found units to a named lot', async () => {
    const { db, writer, site, nasal, syringes, goodLot } = await openStockRoom();
    const state = databaseState(db);
    expectRefused(
      () =>
        perform(db, writer, 'inventory.adjust', {
          siteId: site.id,
          reason: 'donated',
          lines: [{ itemId: syringes.id, units: 50 }],
        }),
      'adjustment_direction_required',
      'lines.0.direction',
    );
    expectRefused(
      () =>
        perform(db, writer, 'inventory.adjust', {
          siteId: site.id,
          reason: 'found',
          lines: [{ itemId: nasal.id, units: 1 }],
        }),
      'adjustment_lot_required',
      'lines.0.lotId',
    );
    expectRefused(
      () =>
        perform(db, writer, 'inventory.adjust', {
          siteId: site.id,
          reason: 'found',
          lines: [{ itemId: syringes.id, units: 1, direction: 'remove' }],
        }),
      'adjustment_direction_mismatch',
      'lines.0.direction',
    );
    expectNothingChanged(db, state);

    perform(db, writer, 'inventory.adjust', {
      siteId: site.id,
      reason: 'donated',
      lines: [
        { itemId: syringes.id, units: 50, direction: 'add' },
        { itemId: nasal.id, units: 4, direction: 'remove', lotId: goodLot },
      ],
    });
    perform(db, writer, 'inventory.adjust', {
      siteId: site.id,
      reason: 'found',
      lines: [{ itemId: nasal.id, units: 1, lotId: goodLot }],
    });
    expect(lotsAt(db, site.id, syringes.id)).toEqual({ 'no lot': 250 });
    expect(lotsAt(db, site.id, nasal.id)).toEqual({ OLD: 3, GOOD: 5 });
    expect(read(db, 'inventory.adjustments', { siteId: site.id }).map((listed) => listed.reason.id)).toEqual([
      'found',
      'donated',
    ]);
  });

  it('never takes off more than the site holds, and refuses each bad field, writing nothing', async () => {
    const opened = await openStockRoom();
    const { db, writer, site, nasal, syringes, goodLot } = opened;
    const closed = perform(db, writer, 'sites.create', { name: 'Closed site', siteType: 'fixed' });
    perform(db, writer, 'sites.update', { id: closed.id, active: false });
    const state = databaseState(db);
    const adjust = (changes: Record<string, unknown>) => () =>
      perform(db, writer, 'inventory.adjust', {
        siteId: site.id,
        reason: 'lost',
        lines: [{ itemId: syringes.id, units: 10 }],
        ...changes,
      });
    expectRefused(
      adjust({ lines: [{ itemId: syringes.id, units: 201 }] }),
      'adjustment_exceeds_stock',
      'lines.0.units',
    );
    expectRefused(
      adjust({ lines: [{ itemId: nasal.id, units: 9, lotId: goodLot }] }),
      'lot_units_exceeded',
      'lines.0.units',
    );
    expectRefused(adjust({ lines: [{ itemId: nasal.id, units: 12 }] }), 'adjustment_exceeds_stock', 'lines.0.units');
    expectRefused(adjust({ lines: [{ itemId: syringes.id, units: 0 }] }), 'units_invalid', 'lines.0.units');
    expectRefused(adjust({ lines: [] }), 'adjustment_lines_required', 'lines');
    expectRefused(adjust({ siteId: closed.id }), 'site_inactive', 'siteId');
    expectRefused(adjust({ reason: '01900000-0000-7000-8000-000000000000' }), 'adjustment_reason_not_found', 'reason');
    expectRefused(adjust({ reason: '' }), 'adjustment_reason_required', 'reason');
    expectRefused(adjust({ occurredAt: '2024-12-01T12:00:00Z' }), 'adjusted_before_stock_start', 'occurredAt');
    expect(
      callError(opened.core, 'inventory.adjust', { siteId: site.id, reason: 'stolen', lines: [] }, opened.actor),
    ).toMatchObject({ code: 'adjustment_reason_not_found', field: 'reason' });
    expectNothingChanged(db, state);
  });

  it('answers a second save of the same form with the first adjustment', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const input = {
      siteId: site.id,
      reason: 'disposal' as const,
      lines: [{ itemId: syringes.id, units: 20 }],
      formKey: '01900000-0000-7000-8000-0000000000ab',
    };
    const first = perform(db, writer, 'inventory.adjust', input);
    const state = databaseState(db);
    expect(perform(db, writer, 'inventory.adjust', input)).toEqual(first);
    expectNothingChanged(db, state);
    expect(lotsAt(db, site.id, syringes.id)).toEqual({ 'no lot': 180 });
  });
});

describe("the program's own reasons", () => {
  it('are listed after Outpost’s, renamed and retired, and a retired one is refused', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const partner = perform(db, writer, 'adjustmentReasons.create', {
      name: 'Given to a partner',
      direction: 'remove',
    });
    perform(db, writer, 'adjustmentReasons.create', { name: 'Back from a partner', direction: 'add' });
    expect(read(db, 'adjustmentReasons.list', {}).map((reason) => reason.name)).toEqual([
      'damaged',
      'expired',
      'donated',
      'lost',
      'found',
      'count_correction',
      'disposal',
      'recalled',
      'Back from a partner',
      'Given to a partner',
    ]);
    expectRefused(
      () => perform(db, writer, 'adjustmentReasons.create', { name: 'given to a PARTNER', direction: 'add' }),
      'adjustment_reason_name_taken',
      'name',
    );
    expectRefused(
      () => perform(db, writer, 'adjustmentReasons.update', { id: 'damaged', name: 'Broken' }),
      'adjustment_reason_built_in',
      'id',
    );
    const used = perform(db, writer, 'inventory.adjust', {
      siteId: site.id,
      reason: partner.id,
      lines: [{ itemId: syringes.id, units: 30 }],
    });
    expect(used.reason).toEqual({ ...partner, builtIn: false });
    expect(used.lines[0]?.units).toBe(-30);

    perform(db, writer, 'adjustmentReasons.update', { id: partner.id, name: 'Passed to a partner', active: false });
    expect(read(db, 'adjustmentReasons.list', {}).map((reason) => reason.name)).not.toContain('Passed to a partner');
    expect(read(db, 'adjustmentReasons.list', { includeInactive: true }).at(-1)).toMatchObject({
      name: 'Passed to a partner',
      active: false,
    });
    expectRefused(
      () =>
        perform(db, writer, 'inventory.adjust', {
          siteId: site.id,
          reason: partner.id,
          lines: [{ itemId: syringes.id, units: 1 }],
        }),
      'adjustment_reason_inactive',
      'reason',
    );
  });
});
