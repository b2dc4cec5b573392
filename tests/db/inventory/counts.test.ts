/**
 * Count sessions: the lines a count starts with, figures entered in packs and units, expected as
 * the ledger at the count's moment, posting as corrections, cancelling, and what arrives late:
 * movements dated before a posted count are offset at its moment, so the shelf it counted stands.
 * Every figure is worked out by hand in the test.
 */
import { describe, expect, it } from 'vitest';
import type { Count } from '../../../db/contract/counts';
import { storedCodes } from '../../../db/platform/stored-codes';
import { verifyDatabase } from '../../../db/system/system';
import { auditRows } from '../../support/audit';
import { countRows, openFieldCore, perform, read } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

/** The count's moment: 10:00 in Los Angeles on 22 November 2026; the clock stands two hours later. */
const countedAt = '2026-11-22T18:00:00.000Z';
const start = new Date('2026-11-22T20:00:00Z');

/**
 * A site holding 500 syringes received on the 20th less 30 handed out on the 21st (470), and 24
 * units of naloxone lot NX-A; a second site holds nothing of either.
 */
async function openCountRoom() {
  // Each fixture movement is written when it happened, so none of them arrives late.
  let now = new Date('2026-11-20T17:00:00Z');
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site } = field;
  const syringes = field.item('Syringe 1 mL 28G 1/2in');
  const nasal = field.item('Naloxone nasal 4 mg (box of 2)');
  perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 5 });
  const lotA = perform(db, writer, 'inventory.receive', {
    siteId: site.id,
    itemId: nasal.id,
    units: 24,
    lotNumber: 'NX-A',
    expiresOn: '2028-01-31',
  }).lotId!;
  const handOut = (occurredAt: string, units: number) =>
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt,
      participantCode: 'AB12',
      lines: [{ itemId: syringes.id, quantity: units }],
    });
  now = new Date('2026-11-21T18:00:00Z');
  handOut('2026-11-21T18:00:00Z', 30);
  now = start;
  const lineOf = (count: Count, itemId: string, lotId: string | null = null) => {
    const line = count.lines.find((each) => each.itemId === itemId && each.lotId === lotId);
    if (!line) throw new Error(`No line for ${itemId} / ${lotId}`);
    return line;
  };
  const onHand = (itemId: string) => read(db, 'inventory.onHand', { siteId: site.id, itemId })[0]?.units ?? 0;
  const moveClock = (iso: string) => {
    now = new Date(iso);
  };
  return { ...field, syringes, nasal, lotA, handOut, lineOf, onHand, moveClock };
}

describe('starting a count', () => {
  it('lists every item the site holds or has held and the common items, lot by lot for tracked items', async () => {
    const { db, writer, site, syringes, nasal, lotA, lineOf, items } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    expect(count).toMatchObject({ status: 'open', scope: 'site', countedAt, localDate: '2026-11-22' });
    expect(lineOf(count, syringes.id)).toMatchObject({
      counted: null,
      expected: 470,
      difference: null,
      unitsPerPack: 100,
    });
    expect(lineOf(count, nasal.id, lotA)).toMatchObject({ lotNumber: 'NX-A', expected: 24, tracksLots: true });
    // Held (syringes 28G, naloxone nasal) or common and not tracked by lot; a tracked item with no lot here has no line.
    const common = items.filter((item) => item.is_common === 1 && item.active === 1 && item.tracks_lots === 0);
    const expectedItems = new Set([...common.map((item) => item.id), syringes.id, nasal.id]);
    expect(new Set(count.lines.map((line) => line.itemId))).toEqual(expectedItems);
    expect(count.lines.map((line) => line.line)).toEqual(count.lines.map((_, index) => index + 1));
  });

  it('counts one category, or one lot', async () => {
    const { db, writer, site, nasal, lotA, moveClock } = await openCountRoom();
    const naloxone = perform(db, writer, 'inventory.startCount', {
      siteId: site.id,
      scope: 'category',
      category: 'naloxone',
    });
    expect(naloxone.lines.map((line) => [line.itemId, line.lotNumber, line.expected])).toEqual([
      [nasal.id, 'NX-A', 24],
    ]);
    perform(db, writer, 'inventory.cancelCount', { countId: naloxone.id, reason: 'Started by mistake' });
    moveClock('2026-11-22T20:05:00Z');
    const lot = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'lot', lotId: lotA });
    expect(lot.lines).toHaveLength(1);
    expect(lot).toMatchObject({ scope: 'lot', lotNumber: 'NX-A', lines: [{ lotId: lotA, expected: 24 }] });
  });

  it('refuses a moment in the future, before the stock start date, a second open count, and writes nothing', async () => {
    const { db, writer, site } = await openCountRoom();
    const before = databaseState(db);
    expectRefused(
      () =>
        perform(db, writer, 'inventory.startCount', {
          siteId: site.id,
          scope: 'site',
          countedAt: '2026-11-22T20:01:00Z',
        }),
      'count_in_future',
      'countedAt',
    );
    expectRefused(
      () =>
        perform(db, writer, 'inventory.startCount', {
          siteId: site.id,
          scope: 'site',
          countedAt: '2024-12-31T20:00:00Z',
        }),
      'counted_before_stock_start',
      'countedAt',
    );
    expectRefused(
      () => perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'category' }),
      'count_category_required',
      'category',
    );
    expectRefused(
      () => perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'category', category: 'hygiene' }),
      'count_nothing_to_count',
      'category',
    );
    expectNothingChanged(db, before);
    perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    const open = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'category', category: 'naloxone' }),
      'count_already_open',
      'siteId',
    );
    expectNothingChanged(db, open);
  });
});

describe('entering figures', () => {
  it('takes packs and loose units, keeps the latest figure, and shows the difference', async () => {
    const { db, writer, site, syringes, lineOf } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    const line = lineOf(count, syringes.id).line;
    expect(perform(db, writer, 'inventory.enterCount', { countId: count.id, line, packs: 4, units: 50 })).toMatchObject(
      {
        line,
        counted: 450,
      },
    );
    // A correction: 4 packs and 60 loose, 460; the same figure again writes nothing.
    perform(db, writer, 'inventory.enterCount', { countId: count.id, line, packs: 4, units: 60 });
    const entered = databaseState(db);
    perform(db, writer, 'inventory.enterCount', { countId: count.id, line, units: 460 });
    expectNothingChanged(db, entered);
    const shown = read(db, 'inventory.count', { countId: count.id });
    expect(lineOf(shown, syringes.id)).toMatchObject({ counted: 460, expected: 470, difference: -10 });
    expect(auditRows(db, 'inventory.enterCount')).toHaveLength(2);
  });

  it('lets an outreach worker enter figures but not post; refuses bad figures and unknown lines, writing nothing', async () => {
    const { db, writer, site, syringes, lineOf } = await openCountRoom();
    const worker = staffWithRole(db, writer, 'outreach_worker');
    const count = perform(db, worker, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    const line = lineOf(count, syringes.id).line;
    const before = databaseState(db);
    expectRefused(
      () => perform(db, worker, 'inventory.enterCount', { countId: count.id, line, units: -1 }),
      'counted_invalid',
    );
    expectRefused(
      () => perform(db, worker, 'inventory.enterCount', { countId: count.id, line, units: 2.5 }),
      'counted_invalid',
    );
    expectRefused(() => perform(db, worker, 'inventory.enterCount', { countId: count.id, line }), 'counted_required');
    expectRefused(
      () => perform(db, worker, 'inventory.enterCount', { countId: count.id, line: 999, units: 3 }),
      'count_line_unknown',
      'line',
    );
    expectRefused(() => perform(db, writer, 'inventory.postCount', { countId: count.id }), 'count_nothing_counted');
    expectNothingChanged(db, before);
    perform(db, worker, 'inventory.enterCount', { countId: count.id, line, units: 470 });
    const entered = databaseState(db);
    expectRefused(() => perform(db, worker, 'inventory.postCount', { countId: count.id }), 'not_permitted');
    expectRefused(
      () => perform(db, worker, 'inventory.cancelCount', { countId: count.id, reason: 'x' }),
      'not_permitted',
    );
    expectNothingChanged(db, entered);
  });

  it('adds a line found on the shelf, a new lot with its expiry, and refuses one already listed', async () => {
    const { db, writer, site, nasal, lotA } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', {
      siteId: site.id,
      scope: 'category',
      category: 'naloxone',
    });
    const added = perform(db, writer, 'inventory.addCountLine', {
      countId: count.id,
      itemId: nasal.id,
      lotNumber: 'nx-b',
      expiresOn: '2028-05-31',
    });
    expect(added.lines.at(-1)).toMatchObject({ line: 2, lotNumber: 'NX-B', expiresOn: '2028-05-31', expected: 0 });
    const before = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'inventory.addCountLine', { countId: count.id, itemId: nasal.id, lotId: lotA }),
      'count_line_repeated',
      'lotId',
    );
    expectRefused(
      () => perform(db, writer, 'inventory.addCountLine', { countId: count.id, itemId: nasal.id }),
      'lot_number_required',
      'lotNumber',
    );
    expectRefused(
      () =>
        perform(db, writer, 'inventory.addCountLine', {
          countId: count.id,
          itemId: read(db, 'items.list', {}).find((item) => item.category === 'syringe')!.id,
        }),
      'count_line_out_of_scope',
      'itemId',
    );
    expectNothingChanged(db, before);
  });
});

describe('posting a count', () => {
  it('corrects each counted line that differs, at the count moment, and leaves uncounted lines alone', async () => {
    const { db, writer, site, syringes, nasal, lotA, lineOf, onHand } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    perform(db, writer, 'inventory.enterCount', {
      countId: count.id,
      line: lineOf(count, syringes.id).line,
      units: 460,
    });
    perform(db, writer, 'inventory.enterCount', {
      countId: count.id,
      line: lineOf(count, nasal.id, lotA).line,
      units: 24,
    });
    const posted = perform(db, writer, 'inventory.postCount', { countId: count.id, note: 'Monthly count' });
    expect(posted).toMatchObject({ status: 'posted', closed: { kind: 'posted', note: 'Monthly count' } });
    expect(lineOf(posted, syringes.id)).toMatchObject({ counted: 460, expected: 470, difference: -10 });
    expect(lineOf(posted, nasal.id, lotA)).toMatchObject({ counted: 24, expected: 24, difference: 0 });
    const corrections = db
      .statement('SELECT kind, units, occurred_ms FROM stock_movements WHERE source_type = ? AND source_key = ?')
      .all(storedCodes.movementSource.code('count'), db.statement('SELECT key FROM counts').pluck().get());
    expect(corrections).toEqual([
      { kind: storedCodes.movementKind.code('count_correction'), units: -10, occurred_ms: Date.parse(countedAt) },
    ]);
    expect(onHand(syringes.id)).toBe(460);
    expect(onHand(nasal.id)).toBe(24);
    // The stock card names the count as the correction's source.
    const card = read(db, 'inventory.stockCard', { siteId: site.id, itemId: syringes.id });
    expect(card.rows[0]).toMatchObject({
      kind: 'count_correction',
      source: { type: 'count', id: count.id },
      units: -10,
      balance: 460,
    });
    expect(read(db, 'inventory.counts', { siteId: site.id })).toMatchObject([
      { id: count.id, status: 'posted', countedLines: 2, reviews: 0 },
    ]);
    const before = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'inventory.enterCount', { countId: count.id, line: 1, units: 1 }),
      'count_not_open',
    );
    expectRefused(() => perform(db, writer, 'inventory.postCount', { countId: count.id }), 'count_not_open');
    expectRefused(
      () => perform(db, writer, 'inventory.cancelCount', { countId: count.id, reason: 'late' }),
      'count_not_open',
    );
    expectNothingChanged(db, before);
    const report = await verifyDatabase(db, { sqliteChecksBeside: false });
    expect(report.rollups.find((check) => check.table === 'counts')).toEqual({
      table: 'counts',
      rows: 1,
      mismatches: 0,
    });
    expect(report.ok).toBe(true);
  });

  it('cancels an open count, which moves no stock', async () => {
    const { core, db, writer, site, syringes, lineOf, onHand } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    perform(db, writer, 'inventory.enterCount', { countId: count.id, line: lineOf(count, syringes.id).line, units: 1 });
    const movements = countRows(core, 'stock_movements');
    const cancelled = perform(db, writer, 'inventory.cancelCount', { countId: count.id, reason: 'Wrong site' });
    expect(cancelled).toMatchObject({ status: 'cancelled', closed: { kind: 'cancelled', note: 'Wrong site' } });
    expect(onHand(syringes.id)).toBe(470);
    expect(countRows(core, 'stock_movements')).toBe(movements);
    expect((await verifyDatabase(db, { sqliteChecksBeside: false })).ok).toBe(true);
  });
});

describe('what arrives late', () => {
  it('lists a back-dated entry that came while the count was open: it is in expected', async () => {
    const { db, writer, site, syringes, lineOf, handOut, onHand } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    const entry = handOut('2026-11-22T16:00:00Z', 20);
    const shown = read(db, 'inventory.count', { countId: count.id });
    expect(lineOf(shown, syringes.id).expected).toBe(450);
    expect(shown.arrivedLate).toEqual([
      expect.objectContaining({
        units: -20,
        kind: 'distribution',
        source: { type: 'field_entry', id: entry.id },
        offset: false,
      }),
    ]);
    perform(db, writer, 'inventory.enterCount', {
      countId: count.id,
      line: lineOf(count, syringes.id).line,
      units: 455,
    });
    perform(db, writer, 'inventory.postCount', { countId: count.id });
    expect(onHand(syringes.id)).toBe(455);
    expect(read(db, 'inventory.count', { countId: count.id }).arrivedLate).toHaveLength(1);
  });

  it('offsets an encounter logged after posting but dated before the count, so the count stands', async () => {
    const { db, writer, site, syringes, lineOf, handOut, onHand, moveClock } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    perform(db, writer, 'inventory.enterCount', {
      countId: count.id,
      line: lineOf(count, syringes.id).line,
      units: 460,
    });
    perform(db, writer, 'inventory.postCount', { countId: count.id });
    moveClock('2026-11-22T21:00:00Z');
    // Logged offline on the 21st: 5 syringes that were already gone when the shelf was counted.
    const late = handOut('2026-11-21T19:00:00Z', 5);
    expect(onHand(syringes.id)).toBe(460);
    // Handed out after the count's moment: that one does take stock.
    handOut('2026-11-22T19:30:00Z', 10);
    expect(onHand(syringes.id)).toBe(450);
    const shown = read(db, 'inventory.count', { countId: count.id });
    expect(shown.arrivedLate).toEqual([
      expect.objectContaining({
        occurredAt: '2026-11-21T19:00:00.000Z',
        arrivedAt: '2026-11-22T21:00:00.000Z',
        units: -5,
        source: { type: 'field_entry', id: late.id },
        offset: true,
      }),
    ]);
    // The count's figures are as posted: counted 460 against 470.
    expect(lineOf(shown, syringes.id)).toMatchObject({ counted: 460, expected: 470, difference: -10 });
    const review = db
      .statement(
        'SELECT r.line, k.units, k.occurred_ms FROM count_reviews r JOIN stock_movements k ON k.key = r.correction_key',
      )
      .all();
    expect(review).toEqual([{ line: lineOf(count, syringes.id).line, units: 5, occurred_ms: Date.parse(countedAt) }]);
    expect(read(db, 'inventory.counts', {})[0]).toMatchObject({ reviews: 1 });
    expect((await verifyDatabase(db, { sqliteChecksBeside: false })).ok).toBe(true);
  });

  it('offsets a correction of an entry from before the count, its taking back as well as its new figure', async () => {
    const { db, writer, site, syringes, lineOf, handOut, onHand, moveClock } = await openCountRoom();
    moveClock('2026-11-21T20:00:00Z');
    const early = handOut('2026-11-21T20:00:00Z', 10);
    moveClock('2026-11-22T20:00:00Z');
    // 470 - 10 = 460 expected; 460 on the shelf.
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    perform(db, writer, 'inventory.enterCount', {
      countId: count.id,
      line: lineOf(count, syringes.id).line,
      units: 460,
    });
    perform(db, writer, 'inventory.postCount', { countId: count.id });
    moveClock('2026-11-22T21:00:00Z');
    // Corrected to 12: the 10 taken back (booked now, but telling of the 21st) and 12 handed out on
    // the 21st, each offset at the count's moment: the shelf counted stays 460.
    perform(db, writer, 'encounters.correct', {
      id: early.id,
      expectedRevision: 1,
      reason: 'quantity',
      siteId: site.id,
      occurredAt: '2026-11-21T20:00:00Z',
      participantCode: 'AB12',
      lines: [{ itemId: syringes.id, quantity: 12 }],
    });
    expect(onHand(syringes.id)).toBe(460);
    const shown = read(db, 'inventory.count', { countId: count.id });
    expect(shown.arrivedLate).toEqual([
      expect.objectContaining({ units: 10, reversal: true, offset: true }),
      expect.objectContaining({ units: -12, reversal: false, offset: true }),
    ]);
    expect(lineOf(shown, syringes.id)).toMatchObject({ counted: 460, expected: 460, difference: 0 });
    expect((await verifyDatabase(db, { sqliteChecksBeside: false })).ok).toBe(true);
  });

  it('holds a void to the entry it undoes: the shelf counted had those supplies, before or after posting', async () => {
    const { db, writer, site, syringes, lineOf, handOut, onHand, moveClock } = await openCountRoom();
    // 10 logged on the 21st by mistake: 460 in the ledger, 470 really on the shelf.
    moveClock('2026-11-21T20:00:00Z');
    const mistaken = handOut('2026-11-21T20:00:00Z', 10);
    moveClock('2026-11-22T20:00:00Z');
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    const line = lineOf(count, syringes.id).line;
    perform(db, writer, 'inventory.enterCount', { countId: count.id, line, units: 470 });
    perform(db, writer, 'inventory.postCount', { countId: count.id });
    expect(onHand(syringes.id)).toBe(470);
    // Voided after posting: the 10 come back in the ledger, and are offset, for the count already had them.
    moveClock('2026-11-22T21:00:00Z');
    perform(db, writer, 'encounters.void', { id: mistaken.id, reason: 'logged at the wrong site' });
    expect(onHand(syringes.id)).toBe(470);
    expect(read(db, 'inventory.count', { countId: count.id }).arrivedLate).toEqual([
      expect.objectContaining({ units: 10, reversal: true, offset: true }),
    ]);
    expect((await verifyDatabase(db, { sqliteChecksBeside: false })).ok).toBe(true);

    // Voided before a count of an earlier moment is posted: expected already has the 10 back.
    const second = await openCountRoom();
    second.moveClock('2026-11-21T20:00:00Z');
    const again = second.handOut('2026-11-21T20:00:00Z', 10);
    second.moveClock('2026-11-22T19:00:00Z');
    perform(second.db, second.writer, 'encounters.void', { id: again.id, reason: 'logged at the wrong site' });
    second.moveClock('2026-11-22T20:00:00Z');
    const earlier = perform(second.db, second.writer, 'inventory.startCount', {
      siteId: second.site.id,
      scope: 'site',
      countedAt: '2026-11-22T17:00:00.000Z',
    });
    const earlierLine = second.lineOf(earlier, second.syringes.id);
    expect(earlierLine.expected).toBe(470);
    perform(second.db, second.writer, 'inventory.enterCount', {
      countId: earlier.id,
      line: earlierLine.line,
      units: 470,
    });
    perform(second.db, second.writer, 'inventory.postCount', { countId: earlier.id });
    expect(second.onHand(second.syringes.id)).toBe(470);
    expect((await verifyDatabase(second.db, { sqliteChecksBeside: false })).ok).toBe(true);
  });

  it('offsets only at the earliest posted count after the movement; a later count is untouched', async () => {
    const { db, writer, site, syringes, lineOf, handOut, onHand, moveClock } = await openCountRoom();
    const first = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    perform(db, writer, 'inventory.enterCount', {
      countId: first.id,
      line: lineOf(first, syringes.id).line,
      units: 460,
    });
    perform(db, writer, 'inventory.postCount', { countId: first.id });
    moveClock('2026-11-23T20:00:00Z');
    handOut('2026-11-23T17:00:00Z', 60);
    // 460 - 60 = 400 expected at the second count; 390 on the shelf.
    const second = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site' });
    expect(lineOf(second, syringes.id).expected).toBe(400);
    perform(db, writer, 'inventory.enterCount', {
      countId: second.id,
      line: lineOf(second, syringes.id).line,
      units: 390,
    });
    perform(db, writer, 'inventory.postCount', { countId: second.id });
    moveClock('2026-11-23T21:00:00Z');
    handOut('2026-11-21T21:00:00Z', 7);
    expect(onHand(syringes.id)).toBe(390);
    expect(read(db, 'inventory.counts', {}).map((count) => [count.id, count.reviews])).toEqual([
      [second.id, 0],
      [first.id, 1],
    ]);
    // A receipt between the two counts, logged late: the second count takes it.
    perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: syringes.id,
      units: 25,
      receivedAt: '2026-11-23T10:00:00Z',
    });
    expect(onHand(syringes.id)).toBe(390);
    expect(read(db, 'inventory.counts', {}).map((count) => count.reviews)).toEqual([1, 1]);
    expect((await verifyDatabase(db, { sqliteChecksBeside: false })).ok).toBe(true);
    expect(auditRows(db, 'inventory.postCount')).toHaveLength(2);
  });
});

describe('verify', () => {
  it('finds a count whose balance at its moment no longer matches, and a status its events do not say', async () => {
    const { core, db, writer, site, syringes, lineOf } = await openCountRoom();
    const count = perform(db, writer, 'inventory.startCount', { siteId: site.id, scope: 'site', countedAt });
    perform(db, writer, 'inventory.enterCount', {
      countId: count.id,
      line: lineOf(count, syringes.id).line,
      units: 460,
    });
    perform(db, writer, 'inventory.postCount', { countId: count.id });
    // Tampering beside Outpost: a movement before the count's moment with no offset.
    core.context.db
      .statement(
        `INSERT INTO stock_movements (kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date,
           source_type, source_key, origin_device_key, created_by_key, created_ms)
         SELECT kind, site_key, item_key, lot_key, -3, 0, occurred_ms, local_date, source_type, source_key,
           origin_device_key, created_by_key, created_ms FROM stock_movements WHERE item_key = ? ORDER BY key LIMIT 1`,
      )
      .run(db.statement('SELECT key FROM items WHERE id = ?').pluck().get(syringes.id));
    core.context.db
      .statement(
        `UPDATE stock_balances SET units = units - 3 WHERE item_key = (SELECT key FROM items WHERE id = ?) AND lot_key = 0`,
      )
      .run(syringes.id);
    const report = await verifyDatabase(db, { sqliteChecksBeside: false });
    expect(report.rollups.find((check) => check.table === 'counts')).toEqual({
      table: 'counts',
      rows: 1,
      mismatches: 1,
    });
  });
});
