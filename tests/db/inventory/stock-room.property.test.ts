/**
 * Property test: after any random sequence of stock-room work at three sites (receipts into lots,
 * handing out, transfers first-expiry-first-out or from a picked lot, sent and received in one step
 * or left in transit, received in part, cancelled, written off, and adjustments off and onto the
 * shelf), on hand per site, item and lot, and what is on its way to each site, equal what an
 * independent model of the sequence expects; the model also says which steps are refused. verify
 * stays green throughout: sent = received + written off + in transit, or returned.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutpostError } from '../../../db/contract/errors';
import type { Transfer } from '../../../db/contract/inventory';
import { verifyDatabase } from '../../../db/system/system';
import { openFieldCore, perform, read } from '../../support/core';

/** Today, 2026-11-22 in Los Angeles: lot EXP expired on the 1st. */
const now = new Date('2026-11-22T20:00:00Z');
const today = '2026-11-22';
const lots = [
  { number: 'EXP', expiresOn: '2026-11-01' },
  { number: 'MID', expiresOn: '2027-01-31' },
  { number: 'END', expiresOn: '2027-06-30' },
] as const;
/** Item 0 is tracked by lot (nasal naloxone), item 1 is not (syringes). */
const itemNames = ['Naloxone nasal 4 mg (box of 2)', 'Syringe 1 mL 28G 1/2in'] as const;

const siteArb = fc.nat({ max: 2 });
const lotArb = fc.nat({ max: lots.length - 1 });
const unitsArb = fc.integer({ min: 1, max: 30 });
const opArb = fc.oneof(
  fc.record({
    op: fc.constant('receive' as const),
    site: siteArb,
    item: fc.nat({ max: 1 }),
    lot: lotArb,
    units: unitsArb,
  }),
  fc.record({ op: fc.constant('handOut' as const), site: siteArb, item: fc.nat({ max: 1 }), units: unitsArb }),
  fc.record({
    op: fc.constant('send' as const),
    from: siteArb,
    to: siteArb,
    item: fc.nat({ max: 1 }),
    lot: fc.option(lotArb, { nil: null }),
    units: unitsArb,
    now: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('arrive' as const),
    transfer: fc.nat({ max: 20 }),
    line: fc.nat({ max: 3 }),
    received: fc.nat({ max: 20 }),
    writtenOff: fc.nat({ max: 5 }),
  }),
  fc.record({ op: fc.constant('cancel' as const), transfer: fc.nat({ max: 20 }) }),
  fc.record({ op: fc.constant('writeOff' as const), transfer: fc.nat({ max: 20 }) }),
  fc.record({
    op: fc.constant('adjust' as const),
    site: siteArb,
    item: fc.nat({ max: 1 }),
    lot: fc.option(lotArb, { nil: null }),
    units: unitsArb,
    add: fc.boolean(),
  }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** The model: units per site, item and lot (null: no lot), and each transfer's lines in transit. */
class Model {
  readonly shelf = new Map<string, number>();
  readonly transfers: {
    to: number;
    item: number;
    lines: { lot: number | null; inTransit: number; sent: number }[];
    touched: boolean;
  }[] = [];

  private key(site: number, item: number, lot: number | null) {
    return `${site}|${item}|${lot ?? '-'}`;
  }
  get(site: number, item: number, lot: number | null): number {
    return this.shelf.get(this.key(site, item, lot)) ?? 0;
  }
  add(site: number, item: number, lot: number | null, units: number): void {
    this.shelf.set(this.key(site, item, lot), this.get(site, item, lot) + units);
  }

  /** Lots of a tracked item with stock, first to expire first; expired ones only when asked. */
  private lotOrder(site: number, item: number, withExpired: boolean): number[] {
    if (item !== 0) return [];
    return lots
      .map((lot, index) => ({ ...lot, index }))
      .filter((lot) => withExpired || lot.expiresOn >= today)
      .filter((lot) => this.get(site, item, lot.index) > 0)
      .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))
      .map((lot) => lot.index);
  }

  /** Handing out: lots first, then no lot, which may go below zero. */
  handOut(site: number, item: number, units: number): void {
    let remaining = units;
    for (const lot of this.lotOrder(site, item, false)) {
      const take = Math.min(remaining, this.get(site, item, lot));
      this.add(site, item, lot, -take);
      remaining -= take;
    }
    if (remaining > 0) this.add(site, item, null, -remaining);
  }

  /** Taking stock off on purpose: what is there, or null (refused). */
  take(site: number, item: number, lot: number | null, units: number, withExpired: boolean) {
    if (lot !== null) {
      if (item !== 0 || this.get(site, item, lot) < units) return null;
      return [{ lot, units }];
    }
    const pieces: { lot: number | null; units: number }[] = [];
    let remaining = units;
    for (const next of this.lotOrder(site, item, withExpired)) {
      if (remaining === 0) break;
      const take = Math.min(remaining, this.get(site, item, next));
      pieces.push({ lot: next, units: take });
      remaining -= take;
    }
    if (remaining > 0) {
      if (Math.max(0, this.get(site, item, null)) < remaining) return null;
      pieces.push({ lot: null, units: remaining });
    }
    return pieces;
  }

  incoming(site: number, item: number): number {
    return this.transfers
      .filter((transfer) => transfer.to === site && transfer.item === item)
      .reduce((total, transfer) => total + transfer.lines.reduce((sum, line) => sum + line.inTransit, 0), 0);
  }
}

async function run(ops: Op[]) {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site } = field;
  const sites = [
    site,
    perform(db, writer, 'sites.create', { name: 'Van A', siteType: 'mobile_van' }),
    perform(db, writer, 'sites.create', { name: 'Drop-in B', siteType: 'fixed' }),
  ].map((each) => each.id);
  const items = itemNames.map((name) => field.item(name).id);
  const lotIds = lots.map(
    (lot) =>
      perform(db, writer, 'inventory.receive', {
        siteId: sites[0]!,
        itemId: items[0]!,
        units: 1,
        lotNumber: lot.number,
        expiresOn: lot.expiresOn,
        expiredConfirmed: true,
      }).lotId!,
  );
  const model = new Model();
  for (const lot of lotIds.keys()) model.add(0, 0, lot, 1);
  const sent: Transfer[] = [];

  /** Runs a step the model expects to succeed (true) or to be refused (false). */
  const expectOutcome = (expected: boolean, work: () => unknown, step: string) => {
    let refusal: OutpostError | null = null;
    try {
      work();
    } catch (error) {
      if (!(error instanceof OutpostError)) throw error;
      refusal = error;
    }
    expect(refusal?.code ?? 'done', step).toBe(expected ? 'done' : (refusal?.code ?? 'a refusal'));
  };

  for (const [index, op] of ops.entries()) {
    const step = `step ${index}: ${JSON.stringify(op)}`;
    switch (op.op) {
      case 'receive': {
        const tracked = op.item === 0;
        const lot = lots[op.lot]!;
        perform(db, writer, 'inventory.receive', {
          siteId: sites[op.site]!,
          itemId: items[op.item]!,
          units: op.units,
          ...(tracked ? { lotNumber: lot.number, expiresOn: lot.expiresOn, expiredConfirmed: true } : {}),
        });
        model.add(op.site, op.item, tracked ? op.lot : null, op.units);
        break;
      }
      case 'handOut':
        perform(db, writer, 'tallies.log', {
          siteId: sites[op.site]!,
          occurredAt: now.toISOString(),
          contacts: 1,
          lines: [{ itemId: items[op.item]!, quantity: op.units }],
        });
        model.handOut(op.site, op.item, op.units);
        break;
      case 'send': {
        const lot = op.item === 0 ? op.lot : null;
        const pieces = op.from === op.to ? null : model.take(op.from, op.item, lot, op.units, false);
        expectOutcome(
          pieces !== null,
          () =>
            sent.push(
              perform(db, writer, 'inventory.transfer', {
                fromSiteId: sites[op.from]!,
                toSiteId: sites[op.to]!,
                lines: [{ itemId: items[op.item]!, units: op.units, lotId: lot === null ? null : lotIds[lot]! }],
                receiveNow: op.now,
              }),
            ),
          step,
        );
        if (pieces) {
          for (const piece of pieces) model.add(op.from, op.item, piece.lot, -piece.units);
          if (op.now) for (const piece of pieces) model.add(op.to, op.item, piece.lot, piece.units);
          model.transfers.push({
            to: op.to,
            item: op.item,
            lines: pieces.map((piece) => ({ lot: piece.lot, sent: piece.units, inTransit: op.now ? 0 : piece.units })),
            touched: op.now,
          });
        }
        break;
      }
      case 'arrive': {
        const transfer = sent[op.transfer];
        const modelled = model.transfers[op.transfer];
        if (!transfer || !modelled) break;
        const line = modelled.lines[op.line];
        const open = modelled.lines.some((each) => each.inTransit > 0);
        const fits =
          open &&
          line !== undefined &&
          op.received + op.writtenOff > 0 &&
          op.received + op.writtenOff <= line.inTransit;
        expectOutcome(
          fits,
          () =>
            perform(db, writer, 'inventory.receiveTransfer', {
              transferId: transfer.id,
              lines: [
                {
                  line: op.line + 1,
                  received: op.received,
                  writtenOff: op.writtenOff,
                  ...(op.writtenOff > 0 ? { reason: 'damaged' as const } : {}),
                },
              ],
            }),
          step,
        );
        if (fits && line) {
          line.inTransit -= op.received + op.writtenOff;
          model.add(modelled.to, modelled.item, line.lot, op.received);
          modelled.touched = true;
        }
        break;
      }
      case 'cancel': {
        const transfer = sent[op.transfer];
        const modelled = model.transfers[op.transfer];
        if (!transfer || !modelled) break;
        const open = modelled.lines.some((each) => each.inTransit > 0);
        expectOutcome(
          open && !modelled.touched,
          () => perform(db, writer, 'inventory.cancelTransfer', { transferId: transfer.id, reason: 'Not needed' }),
          step,
        );
        if (open && !modelled.touched) {
          const from = sites.indexOf(transfer.fromSiteId);
          for (const line of modelled.lines) {
            model.add(from, modelled.item, line.lot, line.sent);
            line.inTransit = 0;
          }
          modelled.touched = true;
        }
        break;
      }
      case 'writeOff': {
        const transfer = sent[op.transfer];
        const modelled = model.transfers[op.transfer];
        if (!transfer || !modelled) break;
        const open = modelled.lines.some((each) => each.inTransit > 0);
        expectOutcome(
          open,
          () => perform(db, writer, 'inventory.writeOffTransfer', { transferId: transfer.id, reason: 'lost' }),
          step,
        );
        for (const line of modelled.lines) line.inTransit = 0;
        modelled.touched = true;
        break;
      }
      case 'adjust': {
        const lot = op.item === 0 ? op.lot : null;
        const pieces = op.add
          ? op.item === 0 && lot === null
            ? null
            : [{ lot, units: op.units }]
          : model.take(op.site, op.item, lot, op.units, true);
        expectOutcome(
          pieces !== null,
          () =>
            perform(db, writer, 'inventory.adjust', {
              siteId: sites[op.site]!,
              reason: op.add ? 'found' : 'damaged',
              lines: [{ itemId: items[op.item]!, units: op.units, lotId: lot === null ? null : lotIds[lot]! }],
            }),
          step,
        );
        for (const piece of pieces ?? []) model.add(op.site, op.item, piece.lot, op.add ? piece.units : -piece.units);
        break;
      }
    }
  }

  for (const [siteIndex, siteId] of sites.entries()) {
    for (const [itemIndex, itemId] of items.entries()) {
      const [holding] = read(db, 'inventory.onHand', { siteId, itemId });
      const actual = {
        lots: Object.fromEntries((holding?.lots ?? []).map((lot) => [lot.lotNumber, lot.units])),
        withoutLot: holding?.unitsWithoutLot ?? 0,
        incoming: holding?.incoming ?? 0,
      };
      const expected = {
        lots: Object.fromEntries(
          lots
            .map((lot, lotIndex) => [lot.number, model.get(siteIndex, itemIndex, lotIndex)] as const)
            .filter(([, units]) => units !== 0),
        ),
        withoutLot: model.get(siteIndex, itemIndex, null),
        incoming: model.incoming(siteIndex, itemIndex),
      };
      expect(actual, `site ${siteIndex}, item ${itemIndex}`).toEqual(expected);
    }
  }
  const report = await verifyDatabase(db, { sqliteChecksBeside: false });
  expect(report.ledger.mismatches).toBe(0);
  expect(report.rollups.filter((check) => check.mismatches !== 0)).toEqual([]);
  field.core.close();
}

describe('the stock room, against a model', () => {
  it('keeps on hand, lots and stock in transit as the model says, and verify green', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), run), { numRuns: 40 });
  }, 240_000);
});
