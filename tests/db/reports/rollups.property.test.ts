/**
 * Property test: after any random sequence of field work (encounters, tallies, corrections, voids,
 * back-dated entries, entries before the stock start date, receipts into lots, participant merges
 * and unmerges), every rollup and the lists' own index
 * equal the same figures computed from the facts, every cached balance equals the ledger, the
 * audit chain holds, and on-hand stock equals what an independent model of the sequence expects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import { OutpostError } from '../../../db/contract/errors';
import { checkListPaths } from '../../../db/field-entries/list-paths';
import { checkBalances } from '../../../db/inventory/ledger';
import { checkRollups } from '../../../db/reports/rollup-checks';
import { openFieldCore, perform, setProgramSettings } from '../../support/core';
import { addLot, stockUp } from '../../support/stock';

const itemNames = [
  'Syringe 1 mL 28G 1/2in',
  'Naloxone nasal 4 mg (box of 2)',
  'Fentanyl test strip',
  'Safer smoking kit',
] as const;
const codes = ['AA01', 'BB02', 'CC03', 'DD04'] as const;

const lineArb = fc.record({ item: fc.nat({ max: itemNames.length - 1 }), quantity: fc.integer({ min: 1, max: 40 }) });
const contentArb = fc.record({
  site: fc.nat({ max: 1 }),
  day: fc.nat({ max: 9 }),
  code: fc.option(fc.nat({ max: codes.length - 1 }), { nil: null, freq: 4 }),
  lines: fc.uniqueArray(lineArb, { maxLength: 3, selector: (line) => line.item }),
  onBehalfOf: fc.nat({ max: 3 }),
  pounds: fc.constantFrom(0, 0.5, 2),
  service: fc.boolean(),
  reversal: fc.boolean(),
  unmet: fc.option(fc.nat({ max: itemNames.length - 1 }), { nil: null }),
});
type Content = typeof contentArb extends fc.Arbitrary<infer T> ? T : never;
const firstDay = Date.UTC(2026, 9, 25, 20);

const opArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('encounter' as const), content: contentArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('tally' as const),
      content: contentArb,
      contacts: fc.integer({ min: 1, max: 50 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('correct' as const),
      target: fc.nat(),
      content: contentArb,
      contacts: fc.integer({ min: 1, max: 50 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('void' as const), target: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('merge' as const),
      from: fc.nat({ max: codes.length - 1 }),
      into: fc.nat({ max: codes.length - 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unmerge' as const), target: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('receive' as const),
      site: fc.nat({ max: 1 }),
      item: fc.nat({ max: itemNames.length - 1 }),
      lot: fc.nat({ max: 2 }),
      units: fc.integer({ min: 1, max: 60 }),
    }),
  },
);

describe('rollups, balances and the audit chain under random field work', () => {
  it('always equal what the facts say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { core, db, writer, site, item } = await openFieldCore();
        setProgramSettings(core, { stock_start_date: '2026-11-01' });
        const sites = [site.id, perform(db, writer, 'sites.create', { name: 'Van 9', siteType: 'mobile_van' }).id];
        const items = itemNames.map((name) => item(name));
        perform(db, writer, 'items.setKitContents', {
          itemId: items[3]!.id,
          components: [{ itemId: items[0]!.id, units: 10 }],
        });
        const lots = items.map((entry, index) =>
          [0, 1, 2].map((n) => addLot(db, writer, entry.id, `P${index}-${n}`, `2027-0${n + 1}-15`)),
        );
        const services = db.all(db.query.selectFrom('service_types').select('id').limit(1));

        // The independent model: what each site x item should hold.
        const expected = new Map<string, number>();
        const adjust = (siteId: string, itemId: string, units: number) =>
          expected.set(`${siteId}|${itemId}`, (expected.get(`${siteId}|${itemId}`) ?? 0) + units);
        // Every code exists from the start, so merges have something to merge even before a visit.
        for (const code of codes) perform(db, writer, 'participants.create', { code, formula: 'free' });
        const merges: string[] = [];
        const entries: {
          id: string;
          kind: 'encounter' | 'tally';
          revision: number;
          active: boolean;
          taken: [string, string, number][];
        }[] = [];

        const toInput = (content: Content) => ({
          siteId: sites[content.site]!,
          // Ten days around the stock start date (2026-11-01): some entries move stock, some do not.
          occurredAt: new Date(firstDay + content.day * 86_400_000).toISOString(),
          lines: content.lines.map((line) => ({ itemId: items[line.item]!.id, quantity: line.quantity })),
          collected: { pounds: content.pounds },
          services: content.service ? services.map((service) => service.id) : [],
          reversals: content.reversal ? [{ outcome: 'survived' as const }] : [],
          unmetRequests:
            content.unmet === null ? [] : [{ itemId: items[content.unmet]!.id, reason: 'out_of_stock' as const }],
        });
        const taken = (input: ReturnType<typeof toInput>, movesStock: boolean): [string, string, number][] =>
          movesStock ? input.lines.map((line) => [input.siteId, line.itemId, line.quantity]) : [];

        for (const op of ops) {
          try {
            if (op.op === 'merge') {
              merges.push(
                perform(db, writer, 'participants.merge', {
                  fromCode: codes[op.from]!,
                  intoCode: codes[op.into]!,
                  reason: 'same person',
                }).mergeId,
              );
            } else if (op.op === 'unmerge') {
              if (merges.length > 0)
                perform(db, writer, 'participants.unmerge', {
                  mergeId: merges[op.target % merges.length]!,
                  reason: 'not the same person',
                });
            } else if (op.op === 'receive') {
              stockUp(db, writer, {
                siteId: sites[op.site]!,
                itemId: items[op.item]!.id,
                lotId: lots[op.item]![op.lot]!,
                units: op.units,
              });
              adjust(sites[op.site]!, items[op.item]!.id, op.units);
            } else if (op.op === 'encounter' || op.op === 'tally') {
              const input = toInput(op.content);
              const saved =
                op.op === 'encounter'
                  ? perform(db, writer, 'encounters.log', {
                      ...input,
                      // Any content, none included: an empty one is a contact with no supplies.
                      contactOnly: true,
                      participantCode: op.content.code === null ? null : codes[op.content.code],
                      onBehalfOf: op.content.onBehalfOf,
                    })
                  : perform(db, writer, 'tallies.log', { ...input, contacts: op.contacts });
              const moved = taken(input, saved.movesStock);
              for (const [siteId, itemId, units] of moved) adjust(siteId, itemId, -units);
              entries.push({ id: saved.id, kind: op.op, revision: 1, active: true, taken: moved });
            } else if (entries.length > 0) {
              const entry = entries[op.target % entries.length]!;
              if (op.op === 'void') {
                if (entry.kind === 'encounter')
                  perform(db, writer, 'encounters.void', { id: entry.id, reason: 'undone' });
                else perform(db, writer, 'tallies.void', { id: entry.id, reason: 'undone' });
                for (const [siteId, itemId, units] of entry.taken) adjust(siteId, itemId, units);
                entry.active = false;
              } else {
                const input = {
                  ...toInput(op.content),
                  id: entry.id,
                  expectedRevision: entry.revision,
                  reason: 'corrected',
                };
                const saved =
                  entry.kind === 'encounter'
                    ? perform(db, writer, 'encounters.correct', {
                        ...input,
                        contactOnly: true,
                        participantCode: op.content.code === null ? null : codes[op.content.code],
                      })
                    : perform(db, writer, 'tallies.correct', { ...input, contacts: op.contacts });
                for (const [siteId, itemId, units] of entry.taken) adjust(siteId, itemId, units);
                entry.taken = taken(input, saved.movesStock);
                for (const [siteId, itemId, units] of entry.taken) adjust(siteId, itemId, -units);
                entry.revision += 1;
              }
            }
          } catch (error) {
            // Refusals (correcting a voided entry, merging an unknown or already merged code, undoing a merge twice)
            // are part of the sequence; they must change nothing.
            if (!(error instanceof OutpostError)) throw error;
            expect([
              'entry_voided',
              'participant_not_found',
              'participant_merge_same',
              'participant_already_merged',
              'participant_merge_circular',
              'merge_already_undone',
              'merge_not_latest',
            ]).toContain(error.code);
          }
        }

        expect(checkRollups(db).filter((check) => check.mismatches > 0)).toEqual([]);
        expect(checkBalances(db).mismatches).toBe(0);
        expect(checkListPaths(db).mismatches).toBe(0);
        expect(verifyAuditChain(db).intact).toBe(true);
        const onHand = db.all(
          db.query
            .selectFrom('stock_balances as b')
            .innerJoin('sites as s', 's.key', 'b.site_key')
            .innerJoin('items as i', 'i.key', 'b.item_key')
            .select(['s.id as site_id', 'i.id as item_id'])
            .select((select) => select.fn.sum<number>('b.units').as('units'))
            .groupBy(['s.id', 'i.id']),
        );
        for (const row of onHand)
          expect(row.units, `${row.site_id}|${row.item_id}`).toBe(expected.get(`${row.site_id}|${row.item_id}`) ?? 0);
        for (const [key, units] of expected) {
          const [siteId, itemId] = key.split('|');
          expect(onHand.find((row) => row.site_id === siteId && row.item_id === itemId)?.units ?? 0, key).toBe(units);
        }
        core.close();
      }),
      { numRuns: 50 },
    );
  });
});
