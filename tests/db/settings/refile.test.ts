/**
 * Re-filing entries on their day in the program's time zone, after the zone was set wrong: the
 * preview says what would move, the re-file moves it with every figure that depends on the day,
 * and the result is the database the program would have had with the right zone from the start.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Writer } from '../../../db/access/operations';
import type { ChannelInput } from '../../../db/contract';
import type { ReadableDatabase } from '../../../db/platform/database';
import { periodFigures } from '../../../db/reports/figures';
import { verifyDatabase } from '../../../db/system/system';
import { auditChanges, auditRows } from '../../support/audit';
import { countRows, openFieldCore, perform, read, setProgramSettings } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';
import { balance, stockUp } from '../../support/stock';

const clock = () => new Date('2026-12-03T12:00:00Z');
const naloxone = 'Naloxone nasal 4 mg (box of 2)';

/** A field core whose program zone is `timeZone` (the computer's, say), with naloxone on the shelf. */
async function openCoreIn(timeZone: string) {
  const field = await openFieldCore({ clock });
  setProgramSettings(field.core, { time_zone: timeZone });
  stockUp(field.db, field.writer, { siteId: field.site.id, itemId: field.item(naloxone).id, units: 50 });
  return field;
}

type Field = Awaited<ReturnType<typeof openCoreIn>>;

/**
 * The same evening's work logged into a database: three encounters (AB12 twice) an evening in Los
 * Angeles apart from the third, after midnight there; a tally; supplies, a service, a reversal.
 */
function logEvening({ db, writer, site, item }: Field): string[] {
  const service = read(db, 'serviceTypes.list', {})[0]!;
  const encounter = (input: Omit<ChannelInput<'encounters.log'>, 'siteId'>) =>
    perform(db, writer, 'encounters.log', { siteId: site.id, ...input }).id;
  return [
    encounter({
      occurredAt: '2026-11-30T18:30:00-08:00',
      participantCode: 'AB12',
      lines: [{ itemId: item(naloxone).id, quantity: 2 }],
      services: [service.id],
      reversals: [{ outcome: 'survived', dosesUsed: 2 }],
    }),
    encounter({
      occurredAt: '2026-12-01T02:00:00Z',
      participantCode: 'CD34',
      lines: [{ itemId: item(naloxone).id, quantity: 1 }],
      collected: { counted: 20, containers: 1 },
    }),
    encounter({
      occurredAt: '2026-12-01T09:00:00Z',
      participantCode: 'AB12',
      lines: [{ itemId: item(naloxone).id, quantity: 1 }],
      unmetRequests: [{ itemId: item(naloxone).id, reason: 'out_of_stock' }],
    }),
    perform(db, writer, 'tallies.log', {
      siteId: site.id,
      occurredAt: '2026-12-01T03:00:00Z',
      contacts: 12,
      lines: [{ itemId: item(naloxone).id, quantity: 4 }],
    }).id,
  ];
}

function setZone(db: ReadableDatabase, writer: Writer, timeZone: string) {
  perform(db, writer, 'settings.update', { timeZone });
}

/** Encounters filed on a day at every site, from the daily rollup. */
function encountersOn(db: ReadableDatabase, day: string): number {
  const row = db.statement(`SELECT sum(encounters) AS n FROM daily_site_counts WHERE local_date = ?`).get(day) as {
    n: number | null;
  };
  return row.n ?? 0;
}

/** A period's figures with items and services named, so two databases' figures compare. */
function namedFigures(db: ReadableDatabase, period: string) {
  const name = (table: 'items' | 'service_types', id: string) =>
    (db.statement(`SELECT name FROM ${table} WHERE id = ?`).get(id) as { name: string }).name;
  const { items, services, unmetRequests, ...counts } = periodFigures(db, period);
  return {
    ...counts,
    items: items.map(({ itemId, ...rest }) => ({ item: name('items', itemId), ...rest })),
    services: services.map(({ serviceTypeId, ...rest }) => ({
      service: name('service_types', serviceTypeId),
      ...rest,
    })),
    unmetRequests: unmetRequests.map(({ itemId, ...rest }) => ({ item: name('items', itemId), ...rest })),
  };
}

/** Participants by code, with the day and site they were first seen. */
function firstSeen(db: ReadableDatabase) {
  return db.statement(`SELECT code, first_seen_on FROM participants ORDER BY code`).all();
}

describe('re-filing entries after the time zone changes', () => {
  it('previews the entries filed on another day than their instant has in the program zone', async () => {
    const field = await openCoreIn('UTC');
    const [first, second] = logEvening(field);
    // Under UTC the whole evening is filed on December 1, and nothing is misfiled.
    expect(encountersOn(field.db, '2026-12-01')).toBe(3);
    expect(read(field.db, 'settings.refilePreview', {})).toMatchObject({ entries: 0, firstDate: null, examples: [] });

    setZone(field.db, field.writer, 'America/Los_Angeles');
    const preview = read(field.db, 'settings.refilePreview', {});
    // 18:30 and 18:00 on November 30 in Los Angeles, and the tally at 19:00; the third encounter
    // is 01:00 on December 1 there, already its day.
    expect(preview).toEqual({
      timeZone: 'America/Los_Angeles',
      previousTimeZone: 'UTC',
      entries: 3,
      encounters: 2,
      tallies: 1,
      firstDate: '2026-11-30',
      lastDate: '2026-12-01',
      examples: [
        {
          id: second,
          kind: 'encounter',
          occurredAt: '2026-12-01T02:00:00.000Z',
          filedOn: '2026-12-01',
          refiledOn: '2026-11-30',
        },
        {
          id: first,
          kind: 'encounter',
          occurredAt: '2026-12-01T02:30:00.000Z',
          filedOn: '2026-12-01',
          refiledOn: '2026-11-30',
        },
        {
          id: expect.any(String) as string,
          kind: 'tally',
          occurredAt: '2026-12-01T03:00:00.000Z',
          filedOn: '2026-12-01',
          refiledOn: '2026-11-30',
        },
      ],
      closedMonths: [],
    });
    // A preview writes nothing: the figures still say December 1.
    expect(encountersOn(field.db, '2026-12-01')).toBe(3);
  });

  it('finds the days of Los Angeles as its clocks change: a 23-hour day in March, a 25-hour one in November', async () => {
    const field = await openCoreIn('UTC');
    const { db, writer, site } = field;
    const contact = (occurredAt: string) =>
      perform(db, writer, 'encounters.log', { siteId: site.id, occurredAt, lines: [], contactOnly: true }).id;
    // In Los Angeles March 8 runs from 08:00 UTC to 07:00 the next morning, and November 1 from
    // 07:00 UTC to 08:00 the next morning; a 24-hour day would misplace both ends.
    const underUtc = {
      lastOfMarch7: contact('2026-03-08T07:59:59.999Z'),
      firstOfMarch8: contact('2026-03-08T08:00:00.000Z'),
      lastOfMarch8: contact('2026-03-09T06:59:59.999Z'),
      firstOfMarch9: contact('2026-03-09T07:00:00.000Z'),
      lastOfOctober31: contact('2026-11-01T06:59:59.999Z'),
      firstOfNovember1: contact('2026-11-01T07:00:00.000Z'),
      lastOfNovember1: contact('2026-11-02T07:59:59.999Z'),
      firstOfNovember2: contact('2026-11-02T08:00:00.000Z'),
    };
    // Honolulu, 10 hours behind UTC, files the night's last hours in Los Angeles on the day before.
    setZone(db, writer, 'Pacific/Honolulu');
    const underHonolulu = {
      lastOfMarch8: contact('2026-03-09T06:59:59.999Z'),
      firstOfMarch9: contact('2026-03-09T07:00:00.000Z'),
      lastOfNovember1: contact('2026-11-02T07:59:59.999Z'),
      firstOfNovember2: perform(db, writer, 'tallies.log', {
        siteId: site.id,
        occurredAt: '2026-11-02T08:00:00.000Z',
        contacts: 3,
        lines: [],
      }).id,
    };
    setZone(db, writer, 'America/Los_Angeles');

    const example = (id: string, occurredAt: string, filedOn: string, refiledOn: string) => ({
      id,
      kind: 'encounter',
      occurredAt,
      filedOn,
      refiledOn,
    });
    // Filed under UTC, the last moment of each Los Angeles day was filed on the next; filed under
    // Honolulu, the first moment of March 9 and of November 2 on the day before. The rest are home.
    expect(read(db, 'settings.refilePreview', {})).toEqual({
      timeZone: 'America/Los_Angeles',
      previousTimeZone: 'Pacific/Honolulu',
      entries: 6,
      encounters: 5,
      tallies: 1,
      firstDate: '2026-03-07',
      lastDate: '2026-11-02',
      examples: [
        example(underUtc.lastOfMarch7, '2026-03-08T07:59:59.999Z', '2026-03-08', '2026-03-07'),
        example(underUtc.lastOfMarch8, '2026-03-09T06:59:59.999Z', '2026-03-09', '2026-03-08'),
        example(underHonolulu.firstOfMarch9, '2026-03-09T07:00:00.000Z', '2026-03-08', '2026-03-09'),
        example(underUtc.lastOfOctober31, '2026-11-01T06:59:59.999Z', '2026-11-01', '2026-10-31'),
        example(underUtc.lastOfNovember1, '2026-11-02T07:59:59.999Z', '2026-11-02', '2026-11-01'),
      ],
      closedMonths: [],
    });

    // The re-file moves the same six, and each entry then sits on its day in Los Angeles.
    expect(perform(db, writer, 'settings.refile', { timeZone: 'America/Los_Angeles' })).toMatchObject({
      entries: 6,
      encounters: 5,
      tallies: 1,
    });
    const dayOf = (kind: 'encounters' | 'tallies', id: string) => read(db, `${kind}.get`, { id }).localDate;
    expect(Object.values(underUtc).map((id) => dayOf('encounters', id))).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-08',
      '2026-03-09',
      '2026-10-31',
      '2026-11-01',
      '2026-11-01',
      '2026-11-02',
    ]);
    expect([
      dayOf('encounters', underHonolulu.lastOfMarch8),
      dayOf('encounters', underHonolulu.firstOfMarch9),
      dayOf('encounters', underHonolulu.lastOfNovember1),
      dayOf('tallies', underHonolulu.firstOfNovember2),
    ]).toEqual(['2026-03-08', '2026-03-09', '2026-11-01', '2026-11-02']);
    expect(read(db, 'settings.refilePreview', {})).toMatchObject({ entries: 0 });
    expect(await verifyDatabase(db)).toMatchObject({ ok: true });
  });

  it('reads the days filed on by seeks of the date index, and only the entries outside them by two ranges of it', async () => {
    const field = await openCoreIn('UTC');
    logEvening(field);
    setZone(field.db, field.writer, 'America/Los_Angeles');
    const statement = vi.spyOn(field.db, 'statement');
    read(field.db, 'settings.refilePreview', {});
    const dateIndexQueries = statement.mock.calls
      .map(([sqlText]) => sqlText)
      .filter((sqlText) => /field_entries_by_date_time/.test(sqlText));
    statement.mockRestore();
    const plans = dateIndexQueries.map((sqlText) =>
      (
        field.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...(/\?/.test(sqlText) ? ['[]'] : [])) as {
          detail: string;
        }[]
      ).map((row) => row.detail),
    );
    // The days, then the entries outside them: two statements whatever the number of days.
    expect(plans).toHaveLength(2);
    expect(plans[0]!.filter((step) => /field_entries/.test(step))).toEqual([
      'SEARCH field_entries USING COVERING INDEX field_entries_by_date_time',
      'SEARCH field_entries USING COVERING INDEX field_entries_by_date_time (current_local_date>?)',
    ]);
    expect(plans[1]!.filter((step) => /field_entries/.test(step))).toEqual([
      'SEARCH e USING COVERING INDEX field_entries_by_date_time (current_local_date=? AND current_occurred_ms<?)',
      'SEARCH e USING COVERING INDEX field_entries_by_date_time (current_local_date=? AND current_occurred_ms>?)',
    ]);
    expect(plans.flat().join('\n')).not.toMatch(/SCAN (e|field_entries)\b|TEMP B-TREE/);
  });

  it('moves the entries and every figure of their day, and verify still holds', async () => {
    const field = await openCoreIn('UTC');
    const { db, writer, site, item } = field;
    const [first] = logEvening(field);
    expect(namedFigures(db, '2026-12')).toMatchObject({ encounters: 3, participants: 2, tallies: 1 });
    expect(namedFigures(db, '2026-11')).toMatchObject({ encounters: 0, participants: 0 });
    const onHand = balance(db, site.id, item(naloxone).id);

    setZone(db, writer, 'America/Los_Angeles');
    const refiled = perform(db, writer, 'settings.refile', { timeZone: 'America/Los_Angeles' });
    expect(refiled).toMatchObject({ entries: 3, encounters: 2, tallies: 1, previousTimeZone: 'UTC' });

    expect(encountersOn(db, '2026-11-30')).toBe(2);
    expect(encountersOn(db, '2026-12-01')).toBe(1);
    // AB12 and CD34 in November; only AB12 (its visit after midnight) in December.
    expect(namedFigures(db, '2026-11')).toMatchObject({
      encounters: 2,
      participants: 2,
      tallies: 1,
      tallyContacts: 12,
      reversals: 1,
      syringesCollected: { counted: 20, estimated: 100 },
      items: [{ item: naloxone, units: 2 + 1 + 4, doses: 14 }],
      services: [{ count: 1 }],
      unmetRequests: [],
    });
    expect(namedFigures(db, '2026-12')).toMatchObject({
      encounters: 1,
      participants: 1,
      tallies: 0,
      items: [{ item: naloxone, units: 1, doses: 2 }],
      unmetRequests: [{ item: naloxone, count: 1 }],
    });
    // The same people in the quarter and the year, once each.
    expect(namedFigures(db, '2026-Q4')).toMatchObject({ encounters: 3, participants: 2 });
    expect(firstSeen(db)).toEqual([
      { code: 'AB12', first_seen_on: '2026-11-30' },
      { code: 'CD34', first_seen_on: '2026-11-30' },
    ]);
    // The lists: filtered by day, the first encounter is on November 30, as a second revision.
    const listed = read(db, 'encounters.list', { from: '2026-11-30', to: '2026-11-30' });
    expect(listed.map((entry) => entry.participantCode).sort()).toEqual(['AB12', 'CD34']);
    expect(read(db, 'encounters.get', { id: first! })).toMatchObject({ localDate: '2026-11-30', revision: 2 });
    // Its history says what moved: the day it counts on, and nothing else.
    const [, moved] = read(db, 'encounters.history', { id: first! });
    expect(moved).toMatchObject({
      event: 'corrected',
      changes: [{ field: 'filedOn', before: '2026-12-01', after: '2026-11-30' }],
      lineChanges: [],
    });
    // Stock moved with the entries (a reversal and a new movement each), and none changed hands.
    expect(balance(db, site.id, item(naloxone).id)).toBe(onHand);
    expect(await verifyDatabase(db)).toMatchObject({ ok: true });
    // Its movements belong to the new revision: voiding it puts its 2 boxes back.
    perform(db, writer, 'encounters.void', { id: first!, reason: 'logged at the wrong site' });
    expect(balance(db, site.id, item(naloxone).id)).toBe(onHand + 2);
    expect(encountersOn(db, '2026-11-30')).toBe(1);

    expect(await verifyDatabase(db)).toMatchObject({ ok: true });

    // One audit row for the step: from which zone and days, to which, how many.
    expect(auditChanges(db, 'settings.refile')).toEqual([
      {
        entity: 'program_settings',
        id: 'program',
        before: { filedIn: 'UTC', firstDate: '2026-12-01', lastDate: '2026-12-01' },
        after: {
          filedIn: 'America/Los_Angeles',
          firstDate: '2026-11-30',
          lastDate: '2026-11-30',
          entries: 3,
          encounters: 2,
          tallies: 1,
        },
      },
    ]);
  });

  it('leaves the figures a database logged in the right zone from the start has', async () => {
    const wrong = await openCoreIn('UTC');
    logEvening(wrong);
    setZone(wrong.db, wrong.writer, 'America/Los_Angeles');
    perform(wrong.db, wrong.writer, 'settings.refile', { timeZone: 'America/Los_Angeles' });

    const right = await openCoreIn('America/Los_Angeles');
    logEvening(right);

    for (const period of ['2026-11', '2026-12', '2026-Q4', '2026']) {
      expect(namedFigures(wrong.db, period), period).toEqual(namedFigures(right.db, period));
    }
    const days = (db: ReadableDatabase) =>
      db
        .statement(
          `SELECT p.code, d.local_date, d.encounters, d.first_ms FROM participant_site_days d
           JOIN participants p ON p.key = d.participant_key ORDER BY p.code, d.local_date`,
        )
        .all();
    expect(days(wrong.db)).toEqual(days(right.db));
    expect(firstSeen(wrong.db)).toEqual(firstSeen(right.db));
    const filedOn = (db: ReadableDatabase) =>
      db.statement(`SELECT current_occurred_ms, current_local_date FROM field_entries ORDER BY 1`).all();
    expect(filedOn(wrong.db)).toEqual(filedOn(right.db));
    expect(await verifyDatabase(wrong.db)).toMatchObject({ ok: true });
  });

  it('moves nothing the second time, and writes no audit row for it', async () => {
    const field = await openCoreIn('UTC');
    logEvening(field);
    setZone(field.db, field.writer, 'America/Los_Angeles');
    perform(field.db, field.writer, 'settings.refile', { timeZone: 'America/Los_Angeles' });
    const revisions = countRows(field.core, 'field_entry_revisions');

    const before = databaseState(field.db);
    expect(perform(field.db, field.writer, 'settings.refile', { timeZone: 'America/Los_Angeles' })).toMatchObject({
      entries: 0,
    });
    expectNothingChanged(field.db, before);
    expect(countRows(field.core, 'field_entry_revisions')).toBe(revisions);
    expect(auditRows(field.db, 'settings.refile')).toHaveLength(1);
    expect(read(field.db, 'settings.refilePreview', {})).toMatchObject({ entries: 0 });
  });

  it('leaves voided entries on the day they were filed, as they count nowhere', async () => {
    const field = await openCoreIn('UTC');
    const [first] = logEvening(field);
    perform(field.db, field.writer, 'encounters.void', { id: first!, reason: 'logged twice' });
    setZone(field.db, field.writer, 'America/Los_Angeles');
    expect(perform(field.db, field.writer, 'settings.refile', { timeZone: 'America/Los_Angeles' })).toMatchObject({
      entries: 2,
      encounters: 1,
    });
    expect(read(field.db, 'encounters.get', { id: first! })).toMatchObject({ localDate: '2026-12-01', revision: 1 });
    expect(await verifyDatabase(field.db)).toMatchObject({ ok: true });
  });

  it('refuses field roles, and a zone other than the program has now, changing nothing', async () => {
    const field = await openCoreIn('UTC');
    logEvening(field);
    setZone(field.db, field.writer, 'America/Los_Angeles');
    const worker = staffWithRole(field.db, field.writer, 'outreach_worker');
    const coordinator = staffWithRole(field.db, field.writer, 'coordinator');
    const afterStaff = databaseState(field.db);
    for (const member of [worker, coordinator]) {
      expectRefused(
        () => perform(field.db, member, 'settings.refile', { timeZone: 'America/Los_Angeles' }),
        'not_permitted',
      );
      expectRefused(() => perform(field.db, member, 'settings.refilePreview', {}), 'not_permitted');
    }
    // Someone changed the zone again since the preview was read: what would move is not what was shown.
    expectRefused(
      () => perform(field.db, field.writer, 'settings.refile', { timeZone: 'America/Denver' }),
      'refile_time_zone_changed',
      'timeZone',
    );
    expectNothingChanged(field.db, afterStaff);
    expect(read(field.db, 'settings.refilePreview', {})).toMatchObject({ entries: 3 });
  });
});
