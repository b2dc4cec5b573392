/**
 * The Encounters screen's lists: filters, and keyset pages in one order for both kinds. Each
 * filter walks an index already in list order (newest first, ties broken by id) and stops after
 * a page: the entry rows by time, by site or by who logged them (0005), the item index
 * (field_entry_item_times), or, for a participant, their group's few revisions, sorted.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { ParsedInput } from '../contract';
import type { FieldEntry } from '../contract/field-entries';
import type { FieldEntryKind } from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';
import type { Database } from '../platform/schema';
import { readEntries } from './read';

type ListInput = ParsedInput<'encounters.list'>;

/** `date` moved by `days` (calendar arithmetic on an ISO date, in UTC where no day is skipped). */
function shifted(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/**
 * Instants that can fall on the local days from `from` to `to` in any time zone (UTC-12 to
 * UTC+14): the index seeks this range, and the exact day is then checked on each row.
 */
function instantRange(input: ListInput): { after?: string; before?: string } {
  return {
    ...(input.from ? { after: `${shifted(input.from, -1)}T00:00:00.000Z` } : {}),
    ...(input.to ? { before: `${shifted(input.to, 2)}T00:00:00.000Z` } : {}),
  };
}

/** The filters every path checks on the entry row itself. */
function onEntry<O>(
  query: SelectQueryBuilder<Database & { e: Database['field_entries'] }, 'e', O>,
  kind: FieldEntryKind,
  input: ListInput,
) {
  let narrowed = query.where('e.kind', '=', kind);
  if (!input.includeVoided) narrowed = narrowed.where('e.status', '=', 'active');
  if (input.from) narrowed = narrowed.where('e.current_local_date', '>=', input.from);
  if (input.to) narrowed = narrowed.where('e.current_local_date', '<=', input.to);
  if (input.siteId) narrowed = narrowed.where('e.current_site_id', '=', input.siteId);
  if (input.staffId) narrowed = narrowed.where('e.created_by', '=', input.staffId);
  return narrowed;
}

/**
 * One page of `query` in list order on its driving table's instant and id columns: the instants
 * the day range can fall on, the rows after the cursor, newest first. The row value compares
 * exactly like that order, so SQLite seeks the index with it.
 */
function pageInListOrder<DB, TB extends keyof DB>(
  db: ReadableDatabase,
  query: SelectQueryBuilder<DB, TB, { id: string }>,
  [time, id]: [instant: string, id: string],
  input: ListInput,
): string[] {
  const { after, before } = instantRange(input);
  let paged = query;
  if (after) paged = paged.where(sql<boolean>`${sql.ref(time)} >= ${after}`);
  if (before) paged = paged.where(sql<boolean>`${sql.ref(time)} < ${before}`);
  const cursor = input.before;
  if (cursor)
    paged = paged.where(sql<boolean>`(${sql.ref(time)}, ${sql.ref(id)}) < (${cursor.occurredAt}, ${cursor.id})`);
  const rows = db.all(
    paged
      .orderBy(sql.ref(time), 'desc')
      .orderBy(sql.ref(id), 'desc')
      .limit(input.limit ?? 50),
  );
  return rows.map((row) => row.id);
}

/** The entry ids of one page, newest first. */
function pageIds(db: ReadableDatabase, kind: FieldEntryKind, input: ListInput): string[] {
  if (input.participantCode) {
    const code = input.participantCode;
    // A code finds the whole merged group: every code that is the same person. Their revisions
    // are few (one per visit), found by participant, then sorted.
    // CROSS JOINs keep this order: left to itself, SQLite walks every entry by time instead.
    let query = db.query
      .selectFrom('participants as named')
      .crossJoin('participants as member')
      .crossJoin('field_entry_revisions as r')
      .crossJoin('field_entries as e')
      .whereRef('member.canonical_id', '=', 'named.canonical_id')
      .whereRef('r.participant_id', '=', 'member.id')
      .whereRef('e.id', '=', 'r.entry_id')
      .whereRef('e.current_revision', '=', 'r.revision')
      .select('e.id')
      .where('named.code', '=', code);
    query = onEntry(query, kind, input);
    if (input.itemId) {
      const itemId = input.itemId;
      query = query.where((where) =>
        where.exists(
          where
            .selectFrom('field_entry_lines as l')
            .select('l.line_no')
            .whereRef('l.revision_id', '=', 'r.id')
            .where('l.item_id', '=', itemId),
        ),
      );
    }
    return pageInListOrder(db, query, ['e.current_occurred_at', 'e.id'], input);
  }

  if (input.itemId) {
    // The item index drives, in list order; SQLite keeps a CROSS JOIN's order.
    const query = db.query
      .selectFrom('field_entry_item_times as t')
      .crossJoin('field_entries as e')
      .whereRef('e.id', '=', 't.entry_id')
      .select('e.id')
      .where('t.item_id', '=', input.itemId)
      .where('t.kind', '=', kind);
    return pageInListOrder(db, onEntry(query, kind, input), ['t.occurred_at', 't.entry_id'], input);
  }

  // The entry rows alone: by site, by who logged them, or all, each an index in list order.
  const query = onEntry(db.query.selectFrom('field_entries as e').select('e.id'), kind, input);
  return pageInListOrder(db, query, ['e.current_occurred_at', 'e.id'], input);
}

/** A page of one kind's entries, newest first, narrowed by the filters given. */
export function listEntries(db: ReadableDatabase, kind: FieldEntryKind, input: ListInput): FieldEntry[] {
  return readEntries(db, pageIds(db, kind, input));
}
