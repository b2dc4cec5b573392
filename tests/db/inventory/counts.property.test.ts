/**
 * Property test: after any random sequence of receipts and handing out (many of them back-dated,
 * some to before counts already posted), counts started at moments now or earlier, figures entered,
 * counts posted or cancelled, and the clock moving on, an independent model says what each count
 * expects, what the shelf holds, and which steps are refused. The model knows nothing of
 * corrections or offsets: a posted count fixes a line at its moment, and whatever is dated after
 * the latest such moment adds to it. So the balance at every posted count's moment is what was
 * counted there, whenever the rest arrived, and verify stays green.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Count } from '../../../db/contract/counts';
import { OutpostError } from '../../../db/contract/errors';
import { keyOfExisting } from '../../../db/platform/keys';
import { verifyDatabase } from '../../../db/system/system';
import { openFieldCore, perform, read } from '../../support/core';

const hourMs = 3_600_000;
const startMs = Date.parse('2026-11-10T12:00:00Z');
/** Line 0: syringes, held without a lot; line 1: naloxone lot NX-P. */
const lineNames = ['syringes', 'naloxone'] as const;
type Line = 0 | 1;

const lineArb = fc.constantFrom<Line>(0, 1);
const backArb = fc.nat({ max: 72 });
// Weighted so that most runs post counts and then receive or hand out stock dated before them.
const opArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('receive' as const),
      line: lineArb,
      units: fc.integer({ min: 1, max: 50 }),
      back: backArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('handOut' as const),
      units: fc.integer({ min: 1, max: 20 }),
      back: backArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('start' as const), back: backArb }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('enter' as const), line: lineArb, units: fc.nat({ max: 100 }) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('post' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 12 }) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

interface ModelCount {
  moment: number;
  status: 'open' | 'posted' | 'cancelled';
  counted: Map<Line, number>;
}

/** Stock as dated records and counts as figures at moments, nothing more. */
class Model {
  readonly records: { line: Line; at: number; units: number }[] = [];
  readonly counts: ModelCount[] = [];

  /** The posted count with the latest moment (at or before `until`) that counted `line`. */
  private latestCount(line: Line, until: number): ModelCount | undefined {
    return this.counts
      .filter((count) => count.status === 'posted' && count.counted.has(line) && count.moment <= until)
      .sort((a, b) => b.moment - a.moment)[0];
  }

  /** What the shelf held of `line` at `moment`, by the records and the counts up to it. */
  balanceAt(line: Line, moment: number): number {
    const count = this.latestCount(line, moment);
    const from = count?.moment ?? Number.NEGATIVE_INFINITY;
    const after = this.records
      .filter((record) => record.line === line && record.at > from && record.at <= moment)
      .reduce((total, record) => total + record.units, 0);
    return (count?.counted.get(line) ?? 0) + after;
  }

  get open(): ModelCount | undefined {
    return this.counts.find((count) => count.status === 'open');
  }
}

async function run(ops: Op[]) {
  let nowMs = startMs;
  const field = await openFieldCore({ clock: () => new Date(nowMs) });
  const { db, writer, site } = field;
  const syringes = field.item('Syringe 1 mL 28G 1/2in');
  const nasal = field.item('Naloxone nasal 4 mg (box of 2)');
  const itemIds = [syringes.id, nasal.id];
  const lotId = perform(db, writer, 'inventory.receive', {
    siteId: site.id,
    itemId: nasal.id,
    units: 1,
    lotNumber: 'NX-P',
    expiresOn: '2028-01-31',
  }).lotId!;
  const model = new Model();
  model.records.push({ line: 1, at: startMs, units: 1 });
  const lotOf = (line: Line) => (line === 1 ? lotId : null);
  const iso = (ms: number) => new Date(ms).toISOString();
  let open = null as Count | null;
  const posted: { count: Count; model: ModelCount }[] = [];

  const ledgerAt = (line: Line, moment: number) =>
    db
      .statement(
        `SELECT coalesce(sum(units), 0) FROM stock_movements
         WHERE site_key = ? AND item_key = ? AND lot_key IS ? AND occurred_ms <= ?`,
      )
      .pluck()
      .get(
        keyOfExisting(db, 'sites', site.id),
        keyOfExisting(db, 'items', itemIds[line]!),
        line === 1 ? keyOfExisting(db, 'lots', lotId) : null,
        moment,
      ) as number;
  const lineNumber = (count: Count, line: Line) =>
    count.lines.find((each) => each.itemId === itemIds[line] && each.lotId === lotOf(line))!.line;
  const outcome = (work: () => unknown): string => {
    try {
      work();
      return 'done';
    } catch (error) {
      if (!(error instanceof OutpostError)) throw error;
      return error.code;
    }
  };

  for (const [index, op] of ops.entries()) {
    const step = `step ${index}: ${JSON.stringify(op)}`;
    switch (op.op) {
      case 'receive': {
        const at = nowMs - op.back * hourMs;
        perform(db, writer, 'inventory.receive', {
          siteId: site.id,
          itemId: itemIds[op.line]!,
          units: op.units,
          receivedAt: iso(at),
          ...(op.line === 1 ? { lotNumber: 'NX-P', expiresOn: '2028-01-31' } : {}),
        });
        model.records.push({ line: op.line, at, units: op.units });
        break;
      }
      case 'handOut': {
        const at = nowMs - op.back * hourMs;
        perform(db, writer, 'tallies.log', {
          siteId: site.id,
          occurredAt: iso(at),
          contacts: 1,
          lines: [{ itemId: syringes.id, quantity: op.units }],
        });
        model.records.push({ line: 0, at, units: -op.units });
        break;
      }
      case 'start': {
        const moment = nowMs - op.back * hourMs;
        const expected = model.open
          ? 'count_already_open'
          : model.counts.some((count) => count.status !== 'cancelled' && count.moment === moment)
            ? 'count_moment_taken'
            : 'done';
        const result = outcome(() => {
          open = perform(db, writer, 'inventory.startCount', {
            siteId: site.id,
            scope: 'site',
            countedAt: iso(moment),
          });
        });
        expect(result, step).toBe(expected);
        if (result === 'done') model.counts.push({ moment, status: 'open', counted: new Map() });
        break;
      }
      case 'enter': {
        const modelled = model.open;
        if (!open || !modelled) break;
        perform(db, writer, 'inventory.enterCount', {
          countId: open.id,
          line: lineNumber(open, op.line),
          units: op.units,
        });
        modelled.counted.set(op.line, op.units);
        break;
      }
      case 'post': {
        const modelled = model.open;
        if (!open || !modelled) break;
        const shown = read(db, 'inventory.count', { countId: open.id });
        for (const line of [0, 1] as const) {
          const expected = model.balanceAt(line, modelled.moment);
          expect(
            shown.lines.find((each) => each.line === lineNumber(open!, line))!.expected,
            `${step}, ${lineNames[line]}`,
          ).toBe(expected);
        }
        const result = outcome(() => perform(db, writer, 'inventory.postCount', { countId: open!.id }));
        expect(result, step).toBe(modelled.counted.size === 0 ? 'count_nothing_counted' : 'done');
        if (result === 'done') {
          modelled.status = 'posted';
          posted.push({ count: open, model: modelled });
          open = null;
        }
        break;
      }
      case 'cancel': {
        const modelled = model.open;
        if (!open || !modelled) break;
        perform(db, writer, 'inventory.cancelCount', { countId: open.id, reason: 'Started again' });
        modelled.status = 'cancelled';
        open = null;
        break;
      }
      case 'wait':
        nowMs += op.hours * hourMs;
        break;
    }
    // Every posted count still holds at its moment, whatever arrived since.
    for (const { model: count } of posted)
      for (const [line, units] of count.counted) expect(ledgerAt(line, count.moment), `${step}, after`).toBe(units);
  }

  const [syringesHeld] = read(db, 'inventory.onHand', { siteId: site.id, itemId: syringes.id });
  const [naloxoneHeld] = read(db, 'inventory.onHand', { siteId: site.id, itemId: nasal.id });
  expect({
    syringes: syringesHeld?.units ?? 0,
    naloxone: naloxoneHeld?.lots.find((lot) => lot.lotId === lotId)?.units ?? 0,
  }).toEqual({
    syringes: model.balanceAt(0, Number.POSITIVE_INFINITY),
    naloxone: model.balanceAt(1, Number.POSITIVE_INFINITY),
  });
  const report = await verifyDatabase(db, { sqliteChecksBeside: false });
  expect(report.ledger.mismatches).toBe(0);
  expect(report.rollups.filter((check) => check.mismatches !== 0)).toEqual([]);
  field.core.close();
}

describe('count sessions, against a model', () => {
  it('keeps every posted count at its moment and the shelf as the model says, and verify green', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 15, maxLength: 40 }), run), { numRuns: 40 });
  }, 240_000);
});
