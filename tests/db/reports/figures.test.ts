/**
 * A period's figures against a small program worked out by hand: two sites, two people who come
 * back, a same-day second visit, an anonymous walk-in, a tally, a correction that moves a visit
 * to the next month, a void, and a merge of the two codes and its undoing. Distinct participants
 * are exact for months, quarters and the year, per site and for all sites.
 */
import { describe, expect, it } from 'vitest';
import { monthlySeries, periodFigures } from '../../../db/reports/figures';
import { checkRollups } from '../../../db/reports/rollup-checks';
import { openFieldCore, perform } from '../../support/core';

const noon = (day: string) => `${day}T20:00:00Z`; // 12:00 in Los Angeles: the same day there

async function program() {
  const field = await openFieldCore();
  const { db, writer, site, item } = field;
  const van = perform(db, writer, 'sites.create', { name: 'Van', siteType: 'mobile_van' });
  const syringe = item('Syringe 1 mL 28G 1/2in').id;
  const naloxone = item('Naloxone nasal 4 mg (box of 2)').id;
  const service = db.first(db.query.selectFrom('service_types').select('id').orderBy('name').limit(1))!.id;
  const log = (
    siteId: string,
    day: string,
    code: string | null,
    lines: { itemId: string; quantity: number }[],
    extra = {},
  ) => perform(db, writer, 'encounters.log', { siteId, occurredAt: noon(day), participantCode: code, lines, ...extra });

  log(site.id, '2026-01-05', 'AA01', [{ itemId: syringe, quantity: 10 }], { services: [service] });
  log(site.id, '2026-01-05', 'AA01', [{ itemId: syringe, quantity: 5 }]);
  const movedToFebruary = log(site.id, '2026-01-20', 'BB02', [{ itemId: naloxone, quantity: 1 }]);
  log(van.id, '2026-02-10', 'AA01', [{ itemId: syringe, quantity: 20 }], { reversals: [{ outcome: 'survived' }] });
  log(van.id, '2026-03-01', null, [], { contactOnly: true });
  const voided = log(van.id, '2026-04-02', 'BB02', [{ itemId: syringe, quantity: 1 }]);
  perform(db, writer, 'tallies.log', { siteId: site.id, occurredAt: noon('2026-01-07'), contacts: 12, lines: [] });
  perform(db, writer, 'encounters.correct', {
    id: movedToFebruary.id,
    expectedRevision: 1,
    reason: 'the visit was in February',
    siteId: site.id,
    occurredAt: noon('2026-02-15'),
    participantCode: 'BB02',
    lines: [{ itemId: naloxone, quantity: 1 }],
  });
  perform(db, writer, 'encounters.void', { id: voided.id, reason: 'entered twice' });
  return { ...field, van, syringe, naloxone, service };
}

describe("a period's figures", () => {
  it('add up months, count each person once per period, and follow corrections and voids', async () => {
    const { db, site, van, syringe, naloxone, service } = await program();

    expect(periodFigures(db, '2026-01')).toEqual({
      period: '2026-01',
      encounters: 2,
      anonymousEncounters: 0,
      tallies: 1,
      tallyContacts: 12,
      secondaryEncounters: 0,
      secondaryPeople: 0,
      syringesCollected: { counted: 0, estimated: 0 },
      reversals: 0,
      participants: 1,
      items: [{ itemId: syringe, units: 15, unitsInKits: 0, doses: 0 }],
      services: [{ serviceTypeId: service, count: 1 }],
      unmetRequests: [],
    });
    expect(periodFigures(db, '2026-02')).toMatchObject({
      encounters: 2,
      reversals: 1,
      participants: 2,
      items: [
        { itemId: syringe, units: 20, unitsInKits: 0, doses: 0 },
        { itemId: naloxone, units: 1, unitsInKits: 0, doses: 2 },
      ].sort((a, b) => (a.itemId < b.itemId ? -1 : 1)),
    });
    expect(periodFigures(db, '2026-02', site.id)).toMatchObject({ encounters: 1, participants: 1 });
    expect(periodFigures(db, '2026-02', van.id)).toMatchObject({ encounters: 1, participants: 1 });
    expect(periodFigures(db, '2026-03')).toMatchObject({ encounters: 1, anonymousEncounters: 1, participants: 0 });
    expect(periodFigures(db, '2026-04')).toMatchObject({ encounters: 0, participants: 0, items: [] });

    // The quarter counts each person once, whatever months and sites they came to.
    expect(periodFigures(db, '2026-Q1')).toMatchObject({ encounters: 5, tallies: 1, participants: 2 });
    expect(periodFigures(db, '2026-Q1', site.id)).toMatchObject({ encounters: 3, participants: 2 });
    expect(periodFigures(db, '2026-Q1', van.id)).toMatchObject({ encounters: 2, participants: 1 });
    expect(periodFigures(db, '2026-Q2')).toMatchObject({ encounters: 0, participants: 0 });
    expect(periodFigures(db, '2026')).toMatchObject({ encounters: 5, participants: 2 });

    expect(
      monthlySeries(db, '2025-12', '2026-04').map((month) => [month.period, month.encounters, month.participants]),
    ).toEqual([
      ['2025-12', 0, 0],
      ['2026-01', 2, 1],
      ['2026-02', 2, 2],
      ['2026-03', 1, 0],
      ['2026-04', 0, 0],
    ]);
    expect(checkRollups(db).filter((check) => check.mismatches > 0)).toEqual([]);
  });

  it('count two codes found to be one person once, and twice again when the merge is undone', async () => {
    const { db, writer, site } = await program();
    const merge = perform(db, writer, 'participants.merge', {
      fromCode: 'BB02',
      intoCode: 'AA01',
      reason: 'same person',
    });
    expect(periodFigures(db, '2026-02').participants).toBe(1);
    expect(periodFigures(db, '2026-02', site.id).participants).toBe(1);
    expect(periodFigures(db, '2026-Q1').participants).toBe(1);
    expect(periodFigures(db, '2026-Q1', site.id).participants).toBe(1);
    expect(periodFigures(db, '2026').participants).toBe(1);
    expect(checkRollups(db).filter((check) => check.mismatches > 0)).toEqual([]);

    perform(db, writer, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'two people after all' });
    expect(periodFigures(db, '2026-Q1').participants).toBe(2);
    expect(periodFigures(db, '2026-02').participants).toBe(2);
    expect(checkRollups(db).filter((check) => check.mismatches > 0)).toEqual([]);
  });

  it('refuses a period that is not a month, a quarter or a year', async () => {
    const { db } = await openFieldCore();
    for (const period of ['2026-Q5', 'March', '2026-1', '']) expect(() => periodFigures(db, period), period).toThrow();
  });
});
