/**
 * Count sessions: the shelf at a site as it stood at one moment (counted_ms). Starting a count
 * fixes its lines (one per item, or per lot for items tracked by lot); lines found on the shelf are
 * added after. Each figure entered is a fact, the latest of a line its count. Expected is never
 * stored: it is the ledger's balance at the count's moment, so whatever arrives dated before it
 * (an encounter logged offline) is in it when the count is posted. Posting appends a
 * count_correction per counted line that differs; after that, the ledger keeps the count whole
 * (ledger.ts) and the count lists what arrived late for someone to look at.
 */
import type { Operations, WriteScope } from '../access/operations';
import type { RecordChange } from '../audit/audit-log';
import { requireSite } from '../catalog/sites';
import type { ParsedInput } from '../contract';
import type { Count, CountEntry, CountScope, CountStatus, CountSummary } from '../contract/counts';
import { maxCountedUnits } from '../contract/counts';
import { itemCategories, type ItemCategory } from '../contract/vocabulary';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { idBytes, newId } from '../platform/ids';
import { isoOf, msOf } from '../platform/instants';
import { insertedKey, savedFromForm, writerKeys } from '../platform/keys';
import { refuse } from '../platform/records';
import type { Writer } from '../platform/records';
import type { ItemRow } from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { readSettings } from '../settings/settings';
import { appendMovement, balanceLotKey, countedMsSql } from './ledger';
import { lotCreated, receivingLot } from './receipts';
import { lineItem, pickedLotKey } from './shelf';
import { sourceTables } from './stock-card';
import { stockDay } from './stock-dates';

interface CountRow {
  key: number;
  id: string;
  site_key: number;
  scope: CountScope;
  category: ItemCategory | null;
  lot_key: number | null;
  counted_ms: number;
  local_date: string;
  status: CountStatus;
}

/** A line with its item and lot, and its latest entry (null until counted). */
interface LineRow {
  line: number;
  item_key: number;
  lot_key: number | null;
  item_id: string;
  item_name: string;
  category: ItemCategory;
  unit: string;
  units_per_pack: number;
  tracks_lots: number;
  lot_id: string | null;
  lot_number: string | null;
  expires_on: string | null;
  counted: number | null;
  counted_ms: number | null;
  counted_by: string | null;
}

const countSource = storedCodes.movementSource.code('count');

// Reading

function countRow(db: ReadableDatabase, id: string, field = 'countId'): CountRow {
  const row = db
    .statement(
      'SELECT key, id, site_key, scope, category, lot_key, counted_ms, local_date, status FROM counts WHERE id = ?',
    )
    .get(id) as CountRow | undefined;
  return row ?? refuse('count_not_found', field);
}

function openCount(db: ReadableDatabase, id: string): CountRow {
  const count = countRow(db, id);
  if (count.status !== 'open') refuse('count_not_open', 'countId');
  return count;
}

function lineRows(db: ReadableDatabase, countKey: number): LineRow[] {
  return db
    .statement(
      `SELECT cl.line, cl.item_key, cl.lot_key, i.id AS item_id, i.name AS item_name, i.category, i.unit,
         i.units_per_pack, i.tracks_lots, l.id AS lot_id, l.lot_number, l.expires_on,
         e.counted_units AS counted, e.created_ms AS counted_ms, st.display_name AS counted_by
       FROM count_lines cl
       JOIN items i ON i.key = cl.item_key
       LEFT JOIN lots l ON l.key = cl.lot_key
       LEFT JOIN count_entries e ON e.key = (
         SELECT max(key) FROM count_entries WHERE count_key = cl.count_key AND line = cl.line)
       LEFT JOIN staff st ON st.key = e.created_by_key
       WHERE cl.count_key = ?
       ORDER BY cl.line`,
    )
    .all(countKey) as LineRow[];
}

/**
 * The ledger's balance of a site's item (and lot) at `ms`, as a count sees it: every movement that
 * tells of then or before (countedMsSql). Those are the movements booked by then, less reversals
 * booked by then of later movements (none: a reversal is never booked before what it reverses), plus
 * field entries' reversals booked after it of entries dated by then, which the index range finds.
 */
export function balanceAt(
  db: ReadableDatabase,
  at: { siteKey: number; itemKey: number; lotKey: number | null; ms: number },
): number {
  const booked = db
    .statement(
      `SELECT coalesce(sum(units), 0) FROM stock_movements INDEXED BY stock_movements_by_site_item_time
       WHERE site_key = ? AND item_key = ? AND occurred_ms <= ? AND lot_key IS ?`,
    )
    .pluck()
    .get(at.siteKey, at.itemKey, at.ms, at.lotKey) as number;
  const undoneLater = db
    .statement(
      `SELECT coalesce(sum(m.units), 0) FROM stock_movements m INDEXED BY stock_movements_by_site_item_time
       JOIN stock_movements original ON original.key = m.reverses_movement_key
       WHERE m.site_key = ? AND m.item_key = ? AND m.occurred_ms > ? AND m.lot_key IS ?
         AND ${countedMsSql('m', 'original')} <= ?`,
    )
    .pluck()
    .get(at.siteKey, at.itemKey, at.ms, at.lotKey, at.ms) as number;
  return booked + undoneLater;
}

const lineKey = (itemKey: number, lotKey: number | null) => `${itemKey}|${balanceLotKey(lotKey)}`;

/** What posting appended per line (item and lot): the count's corrections but those a review made. */
function postedCorrections(db: ReadableDatabase, countKey: number): Map<string, number> {
  const rows = db
    .statement(
      `SELECT m.item_key, m.lot_key, sum(m.units) AS units
       FROM stock_movements m INDEXED BY stock_movements_by_source
       WHERE m.source_type = ${countSource} AND m.source_key = ?
         AND NOT EXISTS (SELECT 1 FROM count_reviews r WHERE r.correction_key = m.key)
       GROUP BY m.item_key, m.lot_key`,
    )
    .all(countKey) as { item_key: number; lot_key: number | null; units: number }[];
  return new Map(rows.map((row) => [lineKey(row.item_key, row.lot_key), row.units]));
}

/**
 * The key of the first movement written after `ms`. Keys are given in the order movements are
 * written and each carries the clock of its writing, so a binary search over keys finds it in a
 * few probes of the primary key, however long the ledger.
 */
function firstMovementWrittenAfter(db: ReadableDatabase, ms: number): number {
  const atOrAfter = db.statement('SELECT key, created_ms FROM stock_movements WHERE key >= ? ORDER BY key LIMIT 1');
  let low = 1;
  let high = ((db.statement('SELECT max(key) FROM stock_movements').pluck().get() as number | null) ?? 0) + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const row = atOrAfter.get(middle) as { key: number; created_ms: number } | undefined;
    if (!row || row.created_ms > ms) high = middle;
    else low = row.key + 1;
  }
  return low;
}

interface LateRow {
  key: number;
  kind: number;
  item_key: number;
  lot_key: number | null;
  units: number;
  occurred_ms: number;
  created_ms: number;
  source_type: number;
  source_key: number;
  reverses_movement_key: number | null;
}

const lateColumns = `m.key, m.kind, m.item_key, m.lot_key, m.units, m.occurred_ms, m.created_ms, m.source_type,
  m.source_key, m.reverses_movement_key`;

/**
 * Movements dated at or before the count's moment and written after it, on its lines: those
 * offset after posting (its reviews), and those written while it was open (`until`: when it was
 * posted or cancelled), which its expected figures already hold. The second are a range of keys.
 */
function arrivedLate(
  db: ReadableDatabase,
  count: CountRow,
  lines: LineRow[],
  until: number | null,
): Count['arrivedLate'] {
  const lineOf = new Map(lines.map((line) => [lineKey(line.item_key, line.lot_key), line.line]));
  const reviews = db
    .statement(
      `SELECT r.line, ${lateColumns} FROM count_reviews r INDEXED BY count_reviews_by_count
       JOIN stock_movements m ON m.key = r.movement_key
       WHERE r.count_key = ? ORDER BY r.key`,
    )
    .all(count.key) as (LateRow & { line: number })[];
  const reviewed = new Set(reviews.map((review) => review.key));
  const from = firstMovementWrittenAfter(db, count.counted_ms);
  const to = until === null ? Number.MAX_SAFE_INTEGER : firstMovementWrittenAfter(db, until);
  const whileOpen = (
    db
      .statement(
        `SELECT ${lateColumns} FROM stock_movements m
         LEFT JOIN stock_movements original ON original.key = m.reverses_movement_key
         WHERE m.key >= ? AND m.key < ? AND m.site_key = ? AND ${countedMsSql('m', 'original')} <= ? AND m.created_ms > ?
           AND NOT (m.source_type = ${countSource} AND m.source_key = ?)
         ORDER BY m.key`,
      )
      .all(from, to, count.site_key, count.counted_ms, count.counted_ms, count.key) as LateRow[]
  ).filter((row) => !reviewed.has(row.key) && lineOf.has(lineKey(row.item_key, row.lot_key)));
  const idOf = (table: string, key: number) =>
    (db.statement(`SELECT id FROM ${table} WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
  const shown = (row: LateRow, line: number, offset: boolean) => {
    const type = storedCodes.movementSource.value(row.source_type);
    const table = sourceTables[type];
    return {
      line,
      occurredAt: isoOf(row.occurred_ms),
      arrivedAt: isoOf(row.created_ms),
      kind: storedCodes.movementKind.value(row.kind),
      reversal: row.reverses_movement_key !== null,
      source: { type, id: table === null ? null : idOf(table, row.source_key) },
      units: row.units,
      offset,
    };
  };
  return [
    ...whileOpen.map((row) => shown(row, lineOf.get(lineKey(row.item_key, row.lot_key))!, false)),
    ...reviews.map((row) => shown(row, row.line, true)),
  ];
}

interface HeaderRow {
  key: number;
  id: string;
  site_id: string;
  site_name: string;
  scope: CountScope;
  category: ItemCategory | null;
  lot_number: string | null;
  counted_ms: number;
  local_date: string;
  note: string | null;
  status: CountStatus;
  started_by: string;
  created_ms: number;
}

const headerSelect = `SELECT c.key, c.id, s.id AS site_id, s.name AS site_name, c.scope, c.category, l.lot_number,
     c.counted_ms, c.local_date, c.note, c.status, st.display_name AS started_by, c.created_ms
   FROM counts c
   JOIN sites s ON s.key = c.site_key
   JOIN staff st ON st.key = c.created_by_key
   LEFT JOIN lots l ON l.key = c.lot_key`;

function header(row: HeaderRow) {
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    scope: row.scope,
    category: row.category,
    lotNumber: row.lot_number,
    countedAt: isoOf(row.counted_ms),
    localDate: row.local_date,
    note: row.note,
    status: row.status,
    startedBy: row.started_by,
    startedAt: isoOf(row.created_ms),
  };
}

export function readCount(db: ReadableDatabase, key: number): Count {
  const row = db.statement(`${headerSelect} WHERE c.key = ?`).get(key) as HeaderRow | undefined;
  if (!row) throw new Error(`No count has key ${key}.`);
  const count = db
    .statement(
      'SELECT key, id, site_key, scope, category, lot_key, counted_ms, local_date, status FROM counts WHERE key = ?',
    )
    .get(key) as CountRow;
  const event = db
    .statement(
      `SELECT e.kind, e.occurred_ms, e.created_ms, e.note, st.display_name AS by
       FROM count_events e JOIN staff st ON st.key = e.created_by_key WHERE e.count_key = ?`,
    )
    .get(key) as
    | { kind: 'posted' | 'cancelled'; occurred_ms: number; created_ms: number; note: string | null; by: string }
    | undefined;
  const lines = lineRows(db, key);
  const corrections = count.status === 'posted' ? postedCorrections(db, key) : null;
  return {
    ...header(row),
    closed: event ? { kind: event.kind, at: isoOf(event.occurred_ms), by: event.by, note: event.note } : null,
    lines: lines.map((line) => {
      const live = () =>
        balanceAt(db, { siteKey: count.site_key, itemKey: line.item_key, lotKey: line.lot_key, ms: count.counted_ms });
      const expected =
        corrections !== null && line.counted !== null
          ? line.counted - (corrections.get(lineKey(line.item_key, line.lot_key)) ?? 0)
          : live();
      return {
        line: line.line,
        itemId: line.item_id,
        itemName: line.item_name,
        category: line.category,
        unit: line.unit,
        unitsPerPack: line.units_per_pack,
        tracksLots: line.tracks_lots === 1,
        lotId: line.lot_id,
        lotNumber: line.lot_number,
        expiresOn: line.expires_on,
        counted: line.counted,
        countedAt: line.counted_ms === null ? null : isoOf(line.counted_ms),
        countedBy: line.counted_by,
        expected,
        difference: line.counted === null ? null : line.counted - expected,
      };
    }),
    arrivedLate: arrivedLate(db, count, lines, event?.created_ms ?? null),
  };
}

function getCount({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.count'>): Count {
  return readCount(db, countRow(db, input.countId).key);
}

const defaultListLimit = 50;

/** Counts, latest moment first: at a site, in a status. */
function listCounts({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.counts'>): CountSummary[] {
  const conditions: string[] = [];
  const values: (string | number)[] = [];
  if (input.siteId) {
    conditions.push('c.site_key = ?');
    values.push(requireSite(db, input.siteId, 'siteId').key);
  }
  if (input.status) {
    conditions.push('c.status = ?');
    values.push(input.status);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = db
    .statement(`${headerSelect} ${where} ORDER BY c.counted_ms DESC, c.key DESC LIMIT ?`)
    .all(...values, input.limit ?? defaultListLimit) as HeaderRow[];
  const tallies = db.statement(
    `SELECT (SELECT count(*) FROM count_lines WHERE count_key = @key) AS lines,
       (SELECT count(DISTINCT line) FROM count_entries INDEXED BY count_entries_by_line WHERE count_key = @key) AS counted,
       (SELECT count(*) FROM count_reviews INDEXED BY count_reviews_by_count WHERE count_key = @key) AS reviews`,
  );
  return rows.map((row) => {
    const tally = tallies.get({ key: row.key }) as { lines: number; counted: number; reviews: number };
    return { ...header(row), lines: tally.lines, countedLines: tally.counted, reviews: tally.reviews };
  });
}

// Writing

function countChange(count: Count, key: number, before?: Count): RecordChange {
  return { entity: 'count', id: count.id, key, keptAsFact: true, ...(before ? { before } : {}), after: count };
}

/**
 * The lines a count starts with. A whole site or a category: every active item the site holds or
 * has held, and the program's common items; an item tracked by lot is one line per lot the site
 * has held that still has units there or has not expired, plus one without a lot when units were
 * handed out that no lot had. One lot: that lot.
 */
function startingLines(
  db: ReadableDatabase,
  siteKey: number,
  scope: { category: ItemCategory | null; lotKey: number | null; onDate: string },
): { itemKey: number; lotKey: number | null }[] {
  if (scope.lotKey !== null) {
    const itemKey = db
      .statement('SELECT i.key FROM lots l JOIN items i ON i.id = l.item_id WHERE l.key = ?')
      .pluck()
      .get(scope.lotKey) as number;
    return [{ itemKey, lotKey: scope.lotKey }];
  }
  // In the catalog's order of categories (syringes first), then by name: the order of the shelf sheet.
  const items = (
    db
      .statement(
        `SELECT i.key, i.tracks_lots, i.category FROM items i
         WHERE i.active = 1 AND (@category IS NULL OR i.category = @category)
           AND (i.is_common = 1 OR EXISTS (SELECT 1 FROM stock_balances b WHERE b.site_key = @site AND b.item_key = i.key))
         ORDER BY lower(i.name), i.key`,
      )
      .all({ category: scope.category, site: siteKey }) as {
      key: number;
      tracks_lots: number;
      category: ItemCategory;
    }[]
  ).sort((a, b) => itemCategories.indexOf(a.category) - itemCategories.indexOf(b.category));
  const withoutLot = db.statement(
    'SELECT units FROM stock_balances WHERE site_key = ? AND item_key = ? AND lot_key = 0',
  );
  const lotsHeld = db.statement(
    `SELECT b.lot_key FROM stock_balances b JOIN lots l ON l.key = b.lot_key
     WHERE b.site_key = ? AND b.item_key = ? AND b.lot_key > 0
       AND (b.units <> 0 OR l.expires_on IS NULL OR l.expires_on >= ?)
     ORDER BY coalesce(l.expires_on, '9999-12-31'), l.lot_number`,
  );
  return items.flatMap((item) => {
    if (item.tracks_lots !== 1) return [{ itemKey: item.key, lotKey: null }];
    const unassigned = (withoutLot.pluck().get(siteKey, item.key) as number | undefined) ?? 0;
    const lots = lotsHeld.pluck().all(siteKey, item.key, scope.onDate) as number[];
    return [
      ...(unassigned !== 0 ? [{ itemKey: item.key, lotKey: null }] : []),
      ...lots.map((lotKey) => ({ itemKey: item.key, lotKey })),
    ];
  });
}

function insertLine(
  db: WritableDatabase,
  writer: Writer,
  countKey: number,
  line: number,
  itemKey: number,
  lotKey: number | null,
): void {
  const { deviceKey, staffKey } = writerKeys(db, writer);
  db.statement(
    `INSERT INTO count_lines (count_key, line, item_key, lot_key, origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(countKey, line, itemKey, lotKey, deviceKey, staffKey, db.nowMs());
}

function startCount({ db, writer }: WriteScope, { formKey, ...input }: ParsedInput<'inventory.startCount'>) {
  const savedBefore = savedFromForm(db, 'counts', formKey);
  if (savedBefore) return { value: readCount(db, savedBefore.key), changes: [] };
  const site = requireSite(db, input.siteId, 'siteId', { active: true });
  if (input.countedAt !== undefined && msOf(input.countedAt) > db.nowMs()) refuse('count_in_future', 'countedAt');
  const day = stockDay(db, readSettings(db), input.countedAt, {
    field: 'countedAt',
    beforeStockStart: 'counted_before_stock_start',
  });
  const countedMs = msOf(day.occurredAt);
  // One open count per site: two would count the same shelf twice, and post the same difference twice.
  if (db.statement(`SELECT 1 FROM counts INDEXED BY counts_open WHERE site_key = ? AND status = 'open'`).get(site.key))
    refuse('count_already_open', 'siteId');
  // The balance at a moment is all one figure: two counts of it could not both stand.
  if (
    db
      .statement(`SELECT 1 FROM counts WHERE site_key = ? AND counted_ms = ? AND status <> 'cancelled'`)
      .get(site.key, countedMs)
  )
    refuse('count_moment_taken', 'countedAt');
  const lotKey =
    input.lotId === undefined
      ? null
      : ((db.statement('SELECT key FROM lots WHERE id = ?').pluck().get(input.lotId) as number | undefined) ??
        refuse('lot_not_found', 'lotId'));
  const lines = startingLines(db, site.key, {
    category: input.category ?? null,
    lotKey,
    onDate: day.localDate,
  });
  if (lines.length === 0) refuse('count_nothing_to_count', input.scope === 'category' ? 'category' : 'siteId');
  const { deviceKey, staffKey } = writerKeys(db, writer);
  db.statement(
    `INSERT INTO counts (id, site_key, scope, category, lot_key, counted_ms, local_date, note, form_key,
       origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    site.key,
    input.scope,
    input.category ?? null,
    lotKey,
    countedMs,
    day.localDate,
    input.note,
    formKey === undefined ? null : idBytes(formKey),
    deviceKey,
    staffKey,
    db.nowMs(),
  );
  const key = insertedKey(db);
  lines.forEach((line, index) => insertLine(db, writer, key, index + 1, line.itemKey, line.lotKey));
  const count = readCount(db, key);
  return { value: count, changes: [countChange(count, key)] };
}

/** The lot of a line found on the shelf: one already recorded, or one named as a receipt names it (new if need be). */
function foundLot(
  db: WritableDatabase,
  writer: Writer,
  item: ItemRow,
  input: ParsedInput<'inventory.addCountLine'>,
): { lotKey: number | null; created: RecordChange[] } {
  if (input.lotId !== undefined) {
    if (item.tracks_lots !== 1) refuse('lot_not_tracked', 'lotId');
    return { lotKey: pickedLotKey(db, item, input.lotId, 'lotId', { allowHeld: true }), created: [] };
  }
  const { lot, created } = receivingLot(db, writer, item, input);
  return { lotKey: lot?.key ?? null, created: created && lot ? [lotCreated(lot)] : [] };
}

function addCountLine({ db, writer }: WriteScope, input: ParsedInput<'inventory.addCountLine'>) {
  const count = openCount(db, input.countId);
  const item = lineItem(db, input.itemId, 'itemId');
  if (count.scope === 'lot' || (count.scope === 'category' && item.category !== count.category))
    refuse('count_line_out_of_scope', 'itemId');
  const { lotKey, created } = foundLot(db, writer, item, input);
  if (
    db
      .statement('SELECT 1 FROM count_lines WHERE count_key = ? AND item_key = ? AND ifnull(lot_key, 0) = ?')
      .get(count.key, item.key, balanceLotKey(lotKey))
  )
    refuse('count_line_repeated', input.lotId !== undefined ? 'lotId' : 'itemId');
  const before = readCount(db, count.key);
  const last = db.statement('SELECT max(line) FROM count_lines WHERE count_key = ?').pluck().get(count.key) as number;
  insertLine(db, writer, count.key, last + 1, item.key, lotKey);
  const after = readCount(db, count.key);
  return { value: after, changes: [...created, countChange(after, count.key, before)] };
}

function enterCount({ db, writer }: WriteScope, input: ParsedInput<'inventory.enterCount'>) {
  const count = openCount(db, input.countId);
  const unitsPerPack = db
    .statement(
      `SELECT i.units_per_pack FROM count_lines cl JOIN items i ON i.key = cl.item_key
       WHERE cl.count_key = ? AND cl.line = ?`,
    )
    .pluck()
    .get(count.key, input.line) as number | undefined;
  if (unitsPerPack === undefined) return refuse('count_line_unknown', 'line');
  const counted = (input.packs ?? 0) * unitsPerPack + (input.units ?? 0);
  if (counted > maxCountedUnits) refuse('counted_invalid', input.packs !== undefined ? 'packs' : 'units');
  const latest = db
    .statement(
      `SELECT e.counted_units, e.created_ms, st.display_name AS by
       FROM count_entries e INDEXED BY count_entries_by_line JOIN staff st ON st.key = e.created_by_key
       WHERE e.count_key = ? AND e.line = ? ORDER BY e.key DESC LIMIT 1`,
    )
    .get(count.key, input.line) as { counted_units: number; created_ms: number; by: string } | undefined;
  const entry = (units: number, ms: number, by: string): CountEntry => ({
    countId: count.id,
    line: input.line,
    counted: units,
    countedAt: isoOf(ms),
    countedBy: by,
  });
  // The same figure again (Enter pressed twice) is the count as it stands.
  if (latest?.counted_units === counted) return { value: entry(counted, latest.created_ms, latest.by), changes: [] };
  const { deviceKey, staffKey } = writerKeys(db, writer);
  const now = db.nowMs();
  db.statement(
    `INSERT INTO count_entries (id, count_key, line, counted_units, origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), count.key, input.line, counted, deviceKey, staffKey, now);
  const by = db.statement('SELECT display_name FROM staff WHERE key = ?').pluck().get(staffKey) as string;
  const value = entry(counted, now, by);
  return {
    value,
    changes: [{ entity: 'count' as const, id: count.id, key: count.key, keptAsFact: true, after: value }],
  };
}

function closeCount(
  db: WritableDatabase,
  writer: Writer,
  count: CountRow,
  kind: 'posted' | 'cancelled',
  note: string | null,
): void {
  const { deviceKey, staffKey } = writerKeys(db, writer);
  db.statement(
    `INSERT INTO count_events (id, count_key, kind, occurred_ms, note, origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), count.key, kind, db.nowMs(), note, deviceKey, staffKey, db.nowMs());
  db.statement('UPDATE counts SET status = ? WHERE key = ?').run(kind, count.key);
}

/**
 * Every counted line whose figure differs from the ledger at the count's moment gets a correction
 * there, so the balance at that moment is what was counted. Lines not counted are left as they
 * are. The count is still open while they are appended: the ledger then keeps other posted counts
 * whole (a count dated before a later one already posted), never this one.
 */
function postCount({ db, writer }: WriteScope, input: ParsedInput<'inventory.postCount'>) {
  const count = openCount(db, input.countId);
  const before = readCount(db, count.key);
  const counted = before.lines.filter((line) => line.counted !== null);
  if (counted.length === 0) refuse('count_nothing_counted', 'countId');
  const lineKeys = new Map(lineRows(db, count.key).map((line) => [line.line, line]));
  for (const line of counted) {
    const stored = lineKeys.get(line.line)!;
    const expected = balanceAt(db, {
      siteKey: count.site_key,
      itemKey: stored.item_key,
      lotKey: stored.lot_key,
      ms: count.counted_ms,
    });
    const difference = line.counted! - expected;
    if (difference === 0) continue;
    appendMovement(db, writer, {
      kind: 'count_correction',
      siteKey: count.site_key,
      itemKey: stored.item_key,
      lotKey: stored.lot_key,
      units: difference,
      occurredMs: count.counted_ms,
      localDate: count.local_date,
      sourceType: 'count',
      sourceKey: count.key,
    });
  }
  closeCount(db, writer, count, 'posted', input.note);
  const after = readCount(db, count.key);
  return { value: after, changes: [countChange(after, count.key, before)] };
}

function cancelCount({ db, writer }: WriteScope, input: ParsedInput<'inventory.cancelCount'>) {
  const count = openCount(db, input.countId);
  const before = readCount(db, count.key);
  closeCount(db, writer, count, 'cancelled', input.reason);
  const after = readCount(db, count.key);
  return { value: after, changes: [countChange(after, count.key, before)] };
}

// Checking

/**
 * Every count against its events and the ledger: its status is what its event says; only a posted
 * count has movements, each a count correction at its site on a counted line, either posted at its
 * moment (one per line at most) or a review's; each review's correction is the negation of its
 * movement, dated at or before the count's moment, on the same line; no figure was entered after
 * posting; and, per counted line, the balance at the count's moment is what was counted. The last
 * walks each site and item's movements once in stock_movements_by_site_item_time, up to its latest
 * counted moment. Counts each count that fails once.
 */
export function checkCounts(db: ReadableDatabase): { rows: number; mismatches: number } {
  const correction = storedCodes.movementKind.code('count_correction');
  const failing = new Set<number>();
  const eventOf = db.statement('SELECT kind, created_ms FROM count_events WHERE count_key = ?');
  const movementsOf = db.statement(
    `SELECT m.key, m.kind, m.site_key, m.item_key, m.lot_key, m.occurred_ms,
       EXISTS (SELECT 1 FROM count_reviews r WHERE r.correction_key = m.key) AS reviewed
     FROM stock_movements m INDEXED BY stock_movements_by_source
     WHERE m.source_type = ${countSource} AND m.source_key = ?`,
  );
  const reviewsOf = db.statement(
    `SELECT cl.item_key AS line_item, cl.lot_key AS line_lot,
       m.site_key AS m_site, m.item_key AS m_item, m.lot_key AS m_lot, m.units AS m_units,
       ${countedMsSql('m', 'original')} AS m_at,
       k.site_key AS k_site, k.item_key AS k_item, k.lot_key AS k_lot, k.units AS k_units, k.occurred_ms AS k_at,
       k.kind AS k_kind, k.source_type AS k_source_type, k.source_key AS k_source_key
     FROM count_reviews r
     JOIN count_lines cl ON cl.count_key = r.count_key AND cl.line = r.line
     JOIN stock_movements m ON m.key = r.movement_key
     LEFT JOIN stock_movements original ON original.key = m.reverses_movement_key
     JOIN stock_movements k ON k.key = r.correction_key
     WHERE r.count_key = ?`,
  );
  const countedLines = db.statement(
    `SELECT cl.item_key, cl.lot_key,
       (SELECT counted_units FROM count_entries WHERE count_key = cl.count_key AND line = cl.line ORDER BY key DESC LIMIT 1) AS counted,
       (SELECT max(created_ms) FROM count_entries WHERE count_key = cl.count_key AND line = cl.line) AS last_entered
     FROM count_lines cl WHERE cl.count_key = ?`,
  );
  /** site|item -> the counted moments to check there. */
  const moments = new Map<string, { countKey: number; lotKey: number | null; ms: number; counted: number }[]>();
  let rows = 0;
  for (const count of db
    .statement('SELECT key, site_key, counted_ms, status FROM counts ORDER BY key')
    .iterate() as Iterable<{ key: number; site_key: number; counted_ms: number; status: CountStatus }>) {
    rows += 1;
    const event = eventOf.get(count.key) as { kind: 'posted' | 'cancelled'; created_ms: number } | undefined;
    const lines = countedLines.all(count.key) as {
      item_key: number;
      lot_key: number | null;
      counted: number | null;
      last_entered: number | null;
    }[];
    const counted = new Map(
      lines.filter((line) => line.counted !== null).map((line) => [lineKey(line.item_key, line.lot_key), line]),
    );
    const posted = new Map<string, number>();
    let consistent = count.status === (event?.kind ?? 'open');
    for (const movement of movementsOf.all(count.key) as {
      kind: number;
      site_key: number;
      item_key: number;
      lot_key: number | null;
      occurred_ms: number;
      reviewed: number;
    }[]) {
      const at = lineKey(movement.item_key, movement.lot_key);
      consistent &&= count.status === 'posted' && movement.kind === correction && movement.site_key === count.site_key;
      consistent &&= counted.has(at);
      if (movement.reviewed === 1) continue;
      consistent &&= movement.occurred_ms === count.counted_ms && !posted.has(at);
      posted.set(at, 1);
    }
    for (const review of reviewsOf.all(count.key) as {
      line_item: number;
      line_lot: number | null;
      m_site: number;
      m_item: number;
      m_lot: number | null;
      m_units: number;
      m_at: number;
      k_site: number;
      k_item: number;
      k_lot: number | null;
      k_units: number;
      k_at: number;
      k_kind: number;
      k_source_type: number;
      k_source_key: number;
    }[]) {
      const line = lineKey(review.line_item, review.line_lot);
      consistent &&=
        lineKey(review.m_item, review.m_lot) === line &&
        lineKey(review.k_item, review.k_lot) === line &&
        review.m_site === count.site_key &&
        review.k_site === count.site_key &&
        review.k_units === -review.m_units &&
        review.k_kind === correction &&
        review.k_source_type === countSource &&
        review.k_source_key === count.key &&
        review.m_at <= count.counted_ms &&
        review.k_at === count.counted_ms;
    }
    if (count.status === 'posted') {
      for (const line of counted.values()) {
        consistent &&= event !== undefined && line.last_entered! <= event.created_ms;
        const group = `${count.site_key}|${line.item_key}`;
        const list = moments.get(group) ?? [];
        list.push({ countKey: count.key, lotKey: line.lot_key, ms: count.counted_ms, counted: line.counted! });
        moments.set(group, list);
      }
    }
    if (!consistent) failing.add(count.key);
  }
  // In the order of the moments they tell of (countedMsSql), as a count sees them.
  const movementsUpTo = db.statement(
    `SELECT ${countedMsSql('m', 'original')} AS occurred_ms, m.lot_key, m.units
     FROM stock_movements m INDEXED BY stock_movements_by_site_item_time
     LEFT JOIN stock_movements original ON original.key = m.reverses_movement_key
     WHERE m.site_key = ? AND m.item_key = ? AND ${countedMsSql('m', 'original')} <= ? ORDER BY 1`,
  );
  for (const [group, list] of moments) {
    const [siteKey, itemKey] = group.split('|').map(Number) as [number, number];
    list.sort((a, b) => a.ms - b.ms);
    const running = new Map<number, number>();
    let next = 0;
    const checkUpTo = (ms: number) => {
      while (next < list.length && list[next]!.ms < ms) {
        const moment = list[next]!;
        if ((running.get(balanceLotKey(moment.lotKey)) ?? 0) !== moment.counted) failing.add(moment.countKey);
        next += 1;
      }
    };
    for (const movement of movementsUpTo.iterate(siteKey, itemKey, list[list.length - 1]!.ms) as Iterable<{
      occurred_ms: number;
      lot_key: number | null;
      units: number;
    }>) {
      checkUpTo(movement.occurred_ms);
      const lot = balanceLotKey(movement.lot_key);
      running.set(lot, (running.get(lot) ?? 0) + movement.units);
    }
    checkUpTo(Number.POSITIVE_INFINITY);
  }
  return { rows, mismatches: failing.size };
}

export const countOperations: Operations<
  | 'inventory.startCount'
  | 'inventory.addCountLine'
  | 'inventory.enterCount'
  | 'inventory.postCount'
  | 'inventory.cancelCount'
  | 'inventory.counts'
  | 'inventory.count'
> = {
  'inventory.startCount': startCount,
  'inventory.addCountLine': addCountLine,
  'inventory.enterCount': enterCount,
  'inventory.postCount': postCount,
  'inventory.cancelCount': cancelCount,
  'inventory.counts': listCounts,
  'inventory.count': getCount,
};
