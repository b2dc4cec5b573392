/**
 * Paging through encounters and tallies with a keyset cursor (`before`): every entry exactly once,
 * in the list order (occurred_at newest first, ties by id), with any filters, on a real file.
 */
import { describe, expect, it, vi } from 'vitest';
import type { EntryCursor, ListEntriesInput } from '../../../db/contract/field-entries';
import type { OutpostDatabase, ReadableDatabase } from '../../../db/platform/database';
import { checkListPaths } from '../../../db/field-entries/list-paths';
import { newId } from '../../../db/platform/ids';
import { openFieldCore, perform, read } from '../../support/core';
import { refusal } from '../../support/refusal';

const clock = () => new Date('2026-11-22T12:00:00Z');
const syringe = 'Syringe 1 mL 28G 1/2in';

type Lister = 'encounters.list' | 'tallies.list';

/** Follows the cursor page by page, the way the Encounters screen does, until a short page. */
function allPages(db: ReadableDatabase, list: Lister, input: ListEntriesInput, limit: number) {
  const pages: string[][] = [];
  let before: EntryCursor | undefined;
  for (;;) {
    const page = read(db, list, { ...input, limit, ...(before ? { before } : {}) });
    pages.push(page.map((entry) => entry.id));
    const last = page.at(-1);
    if (page.length < limit || !last) return pages;
    before = { occurredAt: last.occurredAt, id: last.id };
    if (pages.length > 100) throw new Error('The pages never end.');
  }
}

/** How SQLite runs the page query of a list call: its EXPLAIN QUERY PLAN, a step a line. */
function listPlan(db: OutpostDatabase, list: Lister, input: ListEntriesInput): string {
  const all = vi.spyOn(db, 'all');
  read(db, list, { ...input, limit: 5 });
  const page = all.mock.calls.map(([query]) => query.compile()).find((compiled) => / limit \?$/.test(compiled.sql));
  all.mockRestore();
  if (!page) throw new Error('No page query was run.');
  return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.parameters) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

/** The list order, worked out here independently of the core. */
function newestFirst(entries: { id: string; occurredAt: string }[]): string[] {
  return [...entries]
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((entry) => entry.id);
}

async function fieldWith(instants: string[]) {
  const field = await openFieldCore({ clock });
  const { db, writer, site, item } = field;
  const logged = instants.map((occurredAt, index) =>
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt,
      participantCode: index % 3 === 0 ? 'PG01' : null,
      lines: [{ itemId: item(syringe).id, quantity: 1 }],
    }),
  );
  return { ...field, logged };
}

// 13 entries for pages of 5: two full pages and a short one. Four share one instant (a tie that a
// page boundary falls inside), two share another, and the logging order is not the list order.
const instants = [
  '2026-11-20T18:00:00Z',
  '2026-11-21T09:30:00-08:00',
  '2026-11-19T07:00:00Z',
  '2026-11-20T18:00:00Z',
  '2026-11-21T17:30:00.000Z',
  '2026-11-20T18:00:00.000Z',
  '2026-11-18T23:59:59.999Z',
  '2026-11-20T10:00:00-08:00',
  '2026-11-22T01:00:00Z',
  '2026-11-17T12:00:00Z',
  '2026-11-21T12:00:00Z',
  '2026-11-19T06:59:59.999Z',
  '2026-11-16T12:00:00Z',
];

describe('paging through the list with a cursor', () => {
  it('gives every entry exactly once, in order, ties on the same instant included', async () => {
    const { db, logged } = await fieldWith(instants);
    const pages = allPages(db, 'encounters.list', {}, 5);
    expect(pages.map((page) => page.length)).toEqual([5, 5, 3]);
    const expected = newestFirst(logged);
    expect(pages.flat()).toEqual(expected);
    expect(new Set(pages.flat()).size).toBe(instants.length);
    // The same as one big list.
    expect(read(db, 'encounters.list', { limit: 500 }).map((entry) => entry.id)).toEqual(expected);
    // The tie of four at 18:00 is split by the first page boundary and still comes out whole.
    const tie = logged.filter((entry) => entry.occurredAt === '2026-11-20T18:00:00.000Z').map((entry) => entry.id);
    expect(tie).toHaveLength(4);
    expect(pages[0]!.filter((id) => tie.includes(id)).length).toBeGreaterThan(0);
    expect(pages[1]!.filter((id) => tie.includes(id)).length).toBeGreaterThan(0);

    // Pages of one entry walk the ties one by one too; a page exactly filled ends with an empty one.
    expect(allPages(db, 'encounters.list', {}, 1).flat()).toEqual(expected);
    const pagesOf13 = allPages(db, 'encounters.list', {}, 13);
    expect(pagesOf13).toEqual([expected, []]);
  });

  it('takes any point as the cursor: an instant with an offset, an id of no entry, upper case', async () => {
    const { db, logged } = await fieldWith(instants);
    const expected = newestFirst(logged);
    const tie = expected.filter((id) =>
      logged.find((entry) => entry.id === id)!.occurredAt.startsWith('2026-11-20T18'),
    );
    const ids = (before: EntryCursor) => read(db, 'encounters.list', { before, limit: 500 }).map((entry) => entry.id);

    // Strictly after the cursor: the cursor's own entry is not repeated.
    expect(ids({ occurredAt: '2026-11-20T18:00:00.000Z', id: tie[1]! })).toEqual(
      expected.slice(expected.indexOf(tie[2]!)),
    );
    // The same instant written with an offset, and the id in capitals, is the same point.
    expect(ids({ occurredAt: '2026-11-20T10:00:00-08:00', id: tie[1]!.toUpperCase() })).toEqual(
      ids({ occurredAt: '2026-11-20T18:00:00.000Z', id: tie[1]! }),
    );
    // An id greater than any takes the whole instant; the smallest id takes none of it.
    expect(ids({ occurredAt: '2026-11-20T18:00:00Z', id: 'ffffffff-ffff-7fff-bfff-ffffffffffff' })).toEqual(
      expected.slice(expected.indexOf(tie[0]!)),
    );
    expect(ids({ occurredAt: '2026-11-20T18:00:00Z', id: '00000000-0000-7000-8000-000000000000' })).toEqual(
      expected.slice(expected.indexOf(tie[3]!) + 1),
    );
    // Milliseconds count: one before the instant is after every entry at it.
    expect(ids({ occurredAt: '2026-11-20T17:59:59.999Z', id: 'ffffffff-ffff-7fff-bfff-ffffffffffff' })).toEqual(
      expected.slice(expected.indexOf(tie[3]!) + 1),
    );
    // Before the oldest entry: nothing left.
    expect(ids({ occurredAt: '2000-01-01T00:00:00Z', id: newId() })).toEqual([]);
  });

  it('pages with filters, and with voided entries only when asked for', async () => {
    const { db, writer, site, item, logged } = await fieldWith(instants);
    const voided = [logged[0]!, logged[4]!, logged[9]!];
    for (const entry of voided) perform(db, writer, 'encounters.void', { id: entry.id, reason: 'logged twice' });
    const active = logged.filter((entry) => !voided.includes(entry));

    expect(allPages(db, 'encounters.list', {}, 4).flat()).toEqual(newestFirst(active));
    expect(allPages(db, 'encounters.list', { includeVoided: true }, 4).flat()).toEqual(newestFirst(logged));

    // Participant, dates (in the program's zone, Los Angeles), site and item, each with pages of 2.
    const coded = logged.filter((entry, index) => index % 3 === 0 && !voided.includes(entry));
    expect(allPages(db, 'encounters.list', { participantCode: 'pg01' }, 2).flat()).toEqual(newestFirst(coded));
    const inDates = active.filter((entry) => entry.localDate >= '2026-11-19' && entry.localDate <= '2026-11-20');
    expect(inDates.length).toBeGreaterThan(2);
    expect(allPages(db, 'encounters.list', { from: '2026-11-19', to: '2026-11-20' }, 2).flat()).toEqual(
      newestFirst(inDates),
    );
    expect(allPages(db, 'encounters.list', { siteId: site.id, itemId: item(syringe).id }, 2).flat()).toEqual(
      newestFirst(active),
    );
    expect(allPages(db, 'encounters.list', { siteId: newId() }, 2)).toEqual([[]]);

    // Tallies page the same way, apart from encounters.
    const tallies = ['2026-11-21T20:00:00Z', '2026-11-21T20:00:00Z', '2026-11-20T20:00:00Z'].map((occurredAt) =>
      perform(db, writer, 'tallies.log', { siteId: site.id, occurredAt, contacts: 3, lines: [] }),
    );
    expect(allPages(db, 'tallies.list', {}, 2)).toEqual([
      newestFirst(tallies).slice(0, 2),
      newestFirst(tallies).slice(2),
    ]);
    expect(allPages(db, 'encounters.list', {}, 20).flat()).toEqual(newestFirst(active));
  });

  it('lists a corrected entry once, where its current revision puts it', async () => {
    const { db, writer, site, item, logged } = await fieldWith(instants);
    const moved = logged[2]!; // 19 Nov, moved to the newest
    const corrected = perform(db, writer, 'encounters.correct', {
      id: moved.id,
      expectedRevision: 1,
      reason: 'wrong day',
      siteId: site.id,
      occurredAt: '2026-11-22T05:00:00Z',
      lines: [{ itemId: item(syringe).id, quantity: 2 }],
    });
    const current = logged.map((entry) => (entry.id === moved.id ? corrected : entry));
    const paged = allPages(db, 'encounters.list', {}, 3).flat();
    expect(paged).toEqual(newestFirst(current));
    expect(paged[0]).toBe(moved.id);
  });

  it('finds a corrected entry under the items, site and day of its current revision only', async () => {
    const { db, writer, site, item, logged } = await fieldWith(instants.slice(0, 3));
    const naloxone = item('Naloxone nasal 4 mg (box of 2)').id;
    const otherSite = perform(db, writer, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
    const moved = logged[1]!;
    perform(db, writer, 'encounters.correct', {
      id: moved.id,
      expectedRevision: 1,
      reason: 'naloxone, not syringes, at the van',
      siteId: otherSite.id,
      occurredAt: '2026-11-10T18:00:00Z',
      lines: [{ itemId: naloxone, quantity: 1 }],
    });
    expect(allPages(db, 'encounters.list', { itemId: naloxone }, 2).flat()).toEqual([moved.id]);
    expect(allPages(db, 'encounters.list', { itemId: item(syringe).id }, 2).flat()).not.toContain(moved.id);
    expect(allPages(db, 'encounters.list', { siteId: otherSite.id }, 2).flat()).toEqual([moved.id]);
    expect(allPages(db, 'encounters.list', { siteId: site.id }, 2).flat()).not.toContain(moved.id);
    expect(allPages(db, 'encounters.list', { from: '2026-11-10', to: '2026-11-10' }, 2).flat()).toEqual([moved.id]);

    // Voided, it leaves the lists, and comes back under its item when voided entries are asked for.
    perform(db, writer, 'encounters.void', { id: moved.id, reason: 'entered twice' });
    expect(allPages(db, 'encounters.list', { itemId: naloxone }, 2).flat()).toEqual([]);
    expect(allPages(db, 'encounters.list', { itemId: naloxone, includeVoided: true }, 2).flat()).toEqual([moved.id]);
    expect(checkListPaths(db)).toEqual({ rows: 3, mismatches: 0 });
  });

  it('is not disturbed by entries logged between pages', async () => {
    const { db, writer, site, logged } = await fieldWith(instants);
    const first = read(db, 'encounters.list', { limit: 5 });
    const last = first.at(-1)!;
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-22T02:00:00Z',
      contactOnly: true,
      lines: [],
    });
    const rest = read(db, 'encounters.list', { limit: 500, before: { occurredAt: last.occurredAt, id: last.id } });
    expect([...first, ...rest].map((entry) => entry.id)).toEqual(newestFirst(logged));
  });

  it.each([
    ['every encounter', 'encounters.list', {}, /SEARCH e USING (COVERING )?INDEX field_entries_by_time \(kind=\?\)/],
    [
      'the page after a cursor',
      'encounters.list',
      { before: { occurredAt: '2026-11-21T00:00:00.000Z', id: newId() } },
      // SQLite seeks a row value only as far as it runs over ordinary index columns: key is the
      // rowid, so the seek starts at the cursor's instant and steps over that instant's few ties.
      /SEARCH e USING (COVERING )?INDEX field_entries_by_time \(kind=\? AND current_occurred_ms<\?\)/,
    ],
    ['the tallies', 'tallies.list', {}, /SEARCH e USING (COVERING )?INDEX field_entries_by_time \(kind=\?\)/],
    [
      'one site',
      'tallies.list',
      { siteId: newId() },
      /SEARCH e USING (COVERING )?INDEX field_entries_by_site_time \(kind=\? AND current_site_key=\?\)/,
    ],
    [
      'who logged them',
      'encounters.list',
      { staffId: newId() },
      /SEARCH e USING (COVERING )?INDEX field_entries_by_staff_time \(kind=\? AND created_by_key=\?\)/,
    ],
    [
      'a range of days',
      'encounters.list',
      { from: '2026-01-01', to: '2026-01-31' },
      /SEARCH e USING (COVERING )?INDEX field_entries_by_time \(kind=\? AND current_occurred_ms>\? AND current_occurred_ms<\?\)/,
    ],
    [
      'an item, after a cursor',
      'encounters.list',
      { itemId: newId(), before: { occurredAt: '2026-11-21T00:00:00.000Z', id: newId() } },
      /SEARCH t USING PRIMARY KEY \(item_key=\? AND kind=\? AND \(occurred_ms,entry_key\)<\(\?,\?\)\)\nSEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)$/,
    ],
  ] as const)('pages %s through an index in list order, never sorting the table', async (_what, list, input, plan) => {
    const { db } = await fieldWith(instants.slice(0, 3));
    expect(listPlan(db, list, input)).toMatch(plan);
    expect(listPlan(db, list, input)).not.toMatch(/TEMP B-TREE/);
  });

  it("finds a participant's entries from their group's own revisions, sorting only those", async () => {
    const { db } = await fieldWith(instants.slice(0, 3));
    const plan = listPlan(db, 'encounters.list', { participantCode: 'PG01' });
    expect(plan.split('\n').slice(0, 4)).toEqual([
      expect.stringMatching(/^SEARCH named USING (COVERING )?INDEX sqlite_autoindex_participants_2 \(code=\?\)$/),
      expect.stringMatching(/^SEARCH member USING (COVERING )?INDEX participants_by_canonical \(canonical_id=\?\)$/),
      'SEARCH r USING COVERING INDEX field_entry_revisions_by_participant_time (participant_key=?)',
      'SEARCH e USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
  });

  it('refuses a malformed cursor with cursor_invalid at the field', async () => {
    const { db } = await fieldWith([]);
    const id = newId();
    const refused = (before: unknown) => {
      const error = refusal(() => read(db, 'encounters.list', { before } as ListEntriesInput));
      return { code: error.code, field: error.field };
    };
    expect(refused({ occurredAt: 'yesterday', id })).toEqual({ code: 'cursor_invalid', field: 'before.occurredAt' });
    // No offset: an instant needs one. Nor a date that does not exist, nor finer than milliseconds.
    expect(refused({ occurredAt: '2026-11-20T18:00:00', id })).toEqual({
      code: 'cursor_invalid',
      field: 'before.occurredAt',
    });
    expect(refused({ occurredAt: '2026-02-30T18:00:00Z', id })).toEqual({
      code: 'cursor_invalid',
      field: 'before.occurredAt',
    });
    expect(refused({ occurredAt: '2026-11-20T18:00:00.0001Z', id })).toEqual({
      code: 'cursor_invalid',
      field: 'before.occurredAt',
    });
    expect(refused({ occurredAt: '2026-11-20T18:00:00.000Z', id: 'entry-7' })).toEqual({
      code: 'cursor_invalid',
      field: 'before.id',
    });
    expect(refused({ occurredAt: '2026-11-20T18:00:00.000Z' })).toEqual({ code: 'cursor_invalid', field: 'before.id' });
    expect(refused('2026-11-20T18:00:00.000Z')).toEqual({ code: 'cursor_invalid', field: 'before' });
    expect(refused({ occurredAt: '2026-11-20T18:00:00.000Z', id, page: 2 })).toEqual({
      code: 'unknown_field',
      field: 'before',
    });
    // Trailing zeros past the millisecond are the same instant, and fine.
    expect(read(db, 'tallies.list', { before: { occurredAt: '2026-11-20T18:00:00.000000Z', id } })).toEqual([]);
  });

  it('refuses a range that ends before it starts with date_range_backwards at to, and takes a one-day range', async () => {
    const { db, logged } = await fieldWith(instants);
    for (const list of ['encounters.list', 'tallies.list'] as const) {
      const error = refusal(() => read(db, list, { from: '2026-11-21', to: '2026-11-20' }));
      expect({ code: error.code, field: error.field }, list).toEqual({ code: 'date_range_backwards', field: 'to' });
    }
    // From and To on the same day: that day's entries (in Los Angeles, 2026-11-20 runs 08:00Z to 08:00Z the next day).
    const onTheDay = read(db, 'encounters.list', { from: '2026-11-20', to: '2026-11-20' }).map((entry) => entry.id);
    const expected = logged.filter(
      (entry) => entry.occurredAt >= '2026-11-20T08:00:00.000Z' && entry.occurredAt < '2026-11-21T08:00:00.000Z',
    );
    expect(onTheDay).toEqual(newestFirst(expected));
    expect(onTheDay).toHaveLength(4);
  });
});
