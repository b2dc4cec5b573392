/**
 * The Encounters screen's lists: filters, and keyset pages in one order for both kinds. Each
 * filter walks an index already in list order (newest first, ties broken by key) and stops after
 * a page: the entry rows by time, by site or by who logged them (0009), the item index
 * (field_entry_item_times), or, for a participant, their group's few revisions, sorted.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { ParsedInput } from '../contract';
import type { FieldEntry } from '../contract/field-entries';
import type { FieldEntryKind } from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';
import { msOf } from '../platform/instants';
import { keyOf } from '../platform/keys';
import type { Database } from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { readEntries } from './read';

type ListInput = ParsedInput<'encounters.list'>;

/** No record has key 0: an id this file does not know becomes a filter that matches nothing. */
const noRecord = 0;
/** Past every key: a cursor after every entry at its instant. */
const pastEveryKey = Number.MAX_SAFE_INTEGER;

/**
 * The filters as the compact tables hold them, translated once before the page query: records
 * by key, instants in milliseconds, the kind as its stored code.
 */
interface ListFilters {
  kind: number;
  siteKey?: number;
  staffKey?: number;
  itemKey?: number;
  /** Instants that can fall on the days asked for (see instantRange). */
  afterMs?: number;
  beforeMs?: number;
  /** The cursor's place in list order: its instant, and the key its id falls before. */
  cursor?: { occurredMs: number; key: number };
}

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
function instantRange(input: ListInput): { afterMs?: number; beforeMs?: number } {
  return {
    ...(input.from ? { afterMs: msOf(`${shifted(input.from, -1)}T00:00:00.000Z`) } : {}),
    ...(input.to ? { beforeMs: msOf(`${shifted(input.to, 2)}T00:00:00.000Z`) } : {}),
  };
}

/**
 * The key a cursor's id stands for in list order. Ties on an instant are ordered by key, and keys
 * are given in the order entries arrive, as their UUIDv7 ids are made: the cursor falls just
 * before the first entry whose id is not smaller than its own (that entry itself, when the id
 * names one), or past every key when there is none. One seek of the id index.
 */
function cursorKey(db: ReadableDatabase, id: string): number {
  const row = db.statement(`SELECT key FROM field_entries WHERE id >= ? ORDER BY id LIMIT 1`).get(id) as
    { key: number } | undefined;
  return row?.key ?? pastEveryKey;
}

function filtersOf(db: ReadableDatabase, kind: FieldEntryKind, input: ListInput): ListFilters {
  const keyOrNone = (table: 'sites' | 'staff' | 'items', id: string) => keyOf(db, table, id) ?? noRecord;
  const cursor = input.before;
  return {
    kind: storedCodes.entryKind.code(kind),
    ...(input.siteId ? { siteKey: keyOrNone('sites', input.siteId) } : {}),
    ...(input.staffId ? { staffKey: keyOrNone('staff', input.staffId) } : {}),
    ...(input.itemId ? { itemKey: keyOrNone('items', input.itemId) } : {}),
    ...instantRange(input),
    ...(cursor ? { cursor: { occurredMs: msOf(cursor.occurredAt), key: cursorKey(db, cursor.id) } } : {}),
  };
}

/** The filters every path checks on the entry row itself. */
function onEntry<O>(
  query: SelectQueryBuilder<Database & { e: Database['field_entries'] }, 'e', O>,
  filters: ListFilters,
  input: ListInput,
) {
  let narrowed = query.where('e.kind', '=', filters.kind);
  if (!input.includeVoided) narrowed = narrowed.where('e.status', '=', 'active');
  if (input.from) narrowed = narrowed.where('e.current_local_date', '>=', input.from);
  if (input.to) narrowed = narrowed.where('e.current_local_date', '<=', input.to);
  if (filters.siteKey !== undefined) narrowed = narrowed.where('e.current_site_key', '=', filters.siteKey);
  if (filters.staffKey !== undefined) narrowed = narrowed.where('e.created_by_key', '=', filters.staffKey);
  return narrowed;
}

/**
 * One page of `query` in list order on its driving table's instant and key columns: the instants
 * the day range can fall on, the rows after the cursor, newest first. The row value compares
 * exactly like that order, so SQLite seeks the index with it.
 */
function pageInListOrder<DB, TB extends keyof DB>(
  db: ReadableDatabase,
  query: SelectQueryBuilder<DB, TB, { id: string }>,
  [time, key]: [instant: string, key: string],
  filters: ListFilters,
  input: ListInput,
): string[] {
  const { afterMs, beforeMs, cursor } = filters;
  let paged = query;
  if (afterMs !== undefined) paged = paged.where(sql<boolean>`${sql.ref(time)} >= ${afterMs}`);
  if (beforeMs !== undefined) paged = paged.where(sql<boolean>`${sql.ref(time)} < ${beforeMs}`);
  if (cursor)
    paged = paged.where(sql<boolean>`(${sql.ref(time)}, ${sql.ref(key)}) < (${cursor.occurredMs}, ${cursor.key})`);
  const rows = db.all(
    paged
      .orderBy(sql.ref(time), 'desc')
      .orderBy(sql.ref(key), 'desc')
      .limit(input.limit ?? 50),
  );
  return rows.map((row) => row.id);
}

/** The entry ids of one page, newest first. */
function pageIds(db: ReadableDatabase, kind: FieldEntryKind, input: ListInput): string[] {
  const filters = filtersOf(db, kind, input);
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
      .whereRef('r.participant_key', '=', 'member.key')
      .whereRef('e.key', '=', 'r.entry_key')
      .whereRef('e.current_revision', '=', 'r.revision')
      .select('e.id')
      .where('named.code', '=', code);
    query = onEntry(query, filters, input);
    if (filters.itemKey !== undefined) {
      const itemKey = filters.itemKey;
      query = query.where((where) =>
        where.exists(
          where
            .selectFrom('field_entry_lines as l')
            .select('l.line_no')
            .whereRef('l.revision_key', '=', 'r.key')
            .where('l.item_key', '=', itemKey),
        ),
      );
    }
    return pageInListOrder(db, query, ['e.current_occurred_ms', 'e.key'], filters, input);
  }

  if (filters.itemKey !== undefined) {
    // The item index drives, in list order; SQLite keeps a CROSS JOIN's order.
    const query = db.query
      .selectFrom('field_entry_item_times as t')
      .crossJoin('field_entries as e')
      .whereRef('e.key', '=', 't.entry_key')
      .select('e.id')
      .where('t.item_key', '=', filters.itemKey)
      .where('t.kind', '=', filters.kind);
    return pageInListOrder(db, onEntry(query, filters, input), ['t.occurred_ms', 't.entry_key'], filters, input);
  }

  // The entry rows alone: by site, by who logged them, or all, each an index in list order.
  const query = onEntry(db.query.selectFrom('field_entries as e').select('e.id'), filters, input);
  return pageInListOrder(db, query, ['e.current_occurred_ms', 'e.key'], filters, input);
}

/** A page of one kind's entries, newest first, narrowed by the filters given. */
export function listEntries(db: ReadableDatabase, kind: FieldEntryKind, input: ListInput): FieldEntry[] {
  return readEntries(db, pageIds(db, kind, input));
}
