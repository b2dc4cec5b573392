/**
 * The stock ledger: stock moves only by appending movements; on hand is their sum. A cached
 * balance per site x item x lot is kept in the same transaction and `verify` proves it equals the
 * ledger. Distribution never fails for lack of stock: what the ledger cannot cover is recorded
 * as a shortfall on the movement and shows as a negative balance, flagged for a count.
 *
 * Movements are compact facts (0009): records by key, the instant in milliseconds, kind and
 * source as stored codes. Every save appends one per supply line, so the SQL here is fixed text
 * through cached prepared statements, never a query built and compiled per movement.
 *
 * A posted count fixed what was on the shelf at its moment. A movement that arrives later but is
 * dated at or before that moment (an encounter logged offline, a back-dated receipt, an entry
 * corrected on its own day) would change what the count found, so every movement appended here is checked
 * against the posted counts of its site, item and lot, and the earliest one after it gets an
 * offsetting count correction and a review row (count_reviews). Counts after that one see the
 * movement and its offset together, which cancel.
 *
 * What a count holds a movement to is the moment it tells of (`countedMsSql`), not always the one
 * it is booked at: a field entry's reversal (a void, or a correction's taking back) says the supplies
 * were never handed out at the entry's own moment, though it is booked when the void was made. The
 * shelf a count found already had them, so such a reversal is held to the entry's moment, and a
 * count after that moment offsets it. A cancelled transfer's stock does come back when it is
 * cancelled, so that reversal is held to its own moment like any movement.
 */
import type { Writer } from '../access/operations';
import type { MovementKind, MovementSource } from '../contract/vocabulary';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { writerKeys } from '../platform/keys';
import { storedCodes } from '../platform/stored-codes';
import { allocateFirstExpiryFirst } from './first-expiry-first-out';

export interface MovementInput {
  kind: MovementKind;
  siteKey: number;
  itemKey: number;
  lotKey: number | null;
  /** Signed: positive adds stock at the site, negative takes it away. */
  units: number;
  shortfall?: number;
  occurredMs: number;
  localDate: string;
  sourceType: MovementSource;
  /** The key of the source record in its own table (field_entries.key, receipts.key, ...). */
  sourceKey: number;
  sourceRevisionKey?: number | null;
  reversesMovementKey?: number | null;
}

/** Where units come out of: a lot (by key), or null for stock held without a lot. */
export interface Allocation {
  lotKey: number | null;
  units: number;
  /** Units the records did not have: handed out anyway, and flagged for a count. */
  shortfall: number;
}

/** A balance's lot column: stock held without a lot is lot 0 (no lot has key 0). */
export function balanceLotKey(lotKey: number | null): number {
  return lotKey ?? 0;
}

/** A movement as stored: codes and keys, ready for the insert. */
interface StoredMovement {
  kind: number;
  siteKey: number;
  itemKey: number;
  lotKey: number | null;
  units: number;
  shortfall: number;
  occurredMs: number;
  localDate: string;
  sourceType: number;
  sourceKey: number;
  sourceRevisionKey: number | null;
  reversesMovementKey: number | null;
}

type WriterKeys = { deviceKey: number; staffKey: number };

/** The movement's row and its cached balance; the key of the row written. */
function writeMovement(db: WritableDatabase, who: WriterKeys, row: StoredMovement): number {
  const { lastInsertRowid } = db
    .statement(
      `INSERT INTO stock_movements (kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date,
       source_type, source_key, source_revision_key, reverses_movement_key, origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      row.kind,
      row.siteKey,
      row.itemKey,
      row.lotKey,
      row.units,
      row.shortfall,
      row.occurredMs,
      row.localDate,
      row.sourceType,
      row.sourceKey,
      row.sourceRevisionKey,
      row.reversesMovementKey,
      who.deviceKey,
      who.staffKey,
      db.nowMs(),
    );
  db.statement(
    `INSERT INTO stock_balances (site_key, item_key, lot_key, units) VALUES (?, ?, ?, ?)
     ON CONFLICT (site_key, item_key, lot_key) DO UPDATE SET units = units + excluded.units`,
  ).run(row.siteKey, row.itemKey, balanceLotKey(row.lotKey), row.units);
  return Number(lastInsertRowid);
}

const countSource = storedCodes.movementSource.code('count');
const countCorrection = storedCodes.movementKind.code('count_correction');
const fieldEntrySource = storedCodes.movementSource.code('field_entry');

/**
 * The moment a movement tells of, for counts (see the top of this file): SQL over the movement
 * `movement` and the one it reverses, `original`, joined as
 * `LEFT JOIN stock_movements original ON original.key = movement.reverses_movement_key`.
 */
export function countedMsSql(movement: string, original: string): string {
  return `CASE WHEN ${movement}.reverses_movement_key IS NOT NULL AND ${movement}.source_type = ${fieldEntrySource}
    THEN ${original}.occurred_ms ELSE ${movement}.occurred_ms END`;
}

/**
 * Appends a movement, keeping every posted count whole (see the top of this file); `countedMs` is
 * the moment the movement tells of when it is not the one it is booked at.
 */
function insertMovement(db: WritableDatabase, who: WriterKeys, row: StoredMovement, countedMs = row.occurredMs): void {
  const key = writeMovement(db, who, row);
  if (row.units === 0) return;
  // counts_by_site is walked from the movement's moment on: at a site with no posted count since, one probe finds nothing.
  const count = db
    .statement(
      `SELECT c.key, c.counted_ms, c.local_date, cl.line
       FROM counts c INDEXED BY counts_by_site
       JOIN count_lines cl INDEXED BY count_lines_by_item
         ON cl.count_key = c.key AND cl.item_key = ? AND ifnull(cl.lot_key, 0) = ?
       WHERE c.site_key = ? AND c.counted_ms >= ? AND c.status = 'posted'
         AND EXISTS (SELECT 1 FROM count_entries e WHERE e.count_key = c.key AND e.line = cl.line)
       ORDER BY c.counted_ms
       LIMIT 1`,
    )
    .get(row.itemKey, balanceLotKey(row.lotKey), row.siteKey, countedMs) as
    { key: number; counted_ms: number; local_date: string; line: number } | undefined;
  if (!count) return;
  // At the count's moment: the balance there stays what was counted, and after it nothing changes.
  const correctionKey = writeMovement(db, who, {
    kind: countCorrection,
    siteKey: row.siteKey,
    itemKey: row.itemKey,
    lotKey: row.lotKey,
    units: -row.units,
    shortfall: 0,
    occurredMs: count.counted_ms,
    localDate: count.local_date,
    sourceType: countSource,
    sourceKey: count.key,
    sourceRevisionKey: null,
    reversesMovementKey: null,
  });
  db.statement(
    `INSERT INTO count_reviews (count_key, line, movement_key, correction_key, origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(count.key, count.line, key, correctionKey, who.deviceKey, who.staffKey, db.nowMs());
}

export function appendMovement(db: WritableDatabase, writer: Writer, input: MovementInput): void {
  insertMovement(db, writerKeys(db, writer), {
    kind: storedCodes.movementKind.code(input.kind),
    siteKey: input.siteKey,
    itemKey: input.itemKey,
    lotKey: input.lotKey,
    units: input.units,
    shortfall: input.shortfall ?? 0,
    occurredMs: input.occurredMs,
    localDate: input.localDate,
    sourceType: storedCodes.movementSource.code(input.sourceType),
    sourceKey: input.sourceKey,
    sourceRevisionKey: input.sourceRevisionKey ?? null,
    reversesMovementKey: input.reversesMovementKey ?? null,
  });
}

export function balanceOf(db: ReadableDatabase, siteKey: number, itemKey: number, lotKey: number | null): number {
  const row = db
    .statement(`SELECT units FROM stock_balances WHERE site_key = ? AND item_key = ? AND lot_key = ?`)
    .get(siteKey, itemKey, balanceLotKey(lotKey)) as { units: number } | undefined;
  return row?.units ?? 0;
}

/**
 * Which lots `units` come out of at a site: the worker's chosen lot, or first-expiry-first-out
 * over lots with stock that have not expired on `onDate` and are not on hold. Whatever the ledger cannot cover comes
 * from "no lot" and is marked as a shortfall.
 */
export function allocate(
  db: ReadableDatabase,
  request: {
    siteKey: number;
    itemKey: number;
    units: number;
    tracksLots: boolean;
    chosenLotKey: number | null;
    onDate: string;
    /** Take from lots on hold too (an adjustment taking recalled stock off the shelf). */
    includeHeld?: boolean;
  },
): Allocation[] {
  const { siteKey, itemKey, units } = request;
  if (request.chosenLotKey !== null || !request.tracksLots) {
    const lotKey = request.chosenLotKey;
    const available = Math.max(0, balanceOf(db, siteKey, itemKey, lotKey));
    return [{ lotKey, units, shortfall: Math.max(0, units - available) }];
  }
  // The site's lots of the item are a range of the balances' key; lot 0 (no lot) joins no lot.
  const lots = db
    .statement(
      `SELECT b.lot_key, b.units, l.expires_on
       FROM stock_balances b JOIN lots l ON l.key = b.lot_key
       WHERE b.site_key = ? AND b.item_key = ? AND b.units > 0 AND (l.expires_on IS NULL OR l.expires_on >= ?)
         AND l.on_hold <= ?
       ORDER BY coalesce(l.expires_on, '9999-12-31'), l.lot_number`,
    )
    .all(siteKey, itemKey, request.onDate, request.includeHeld === true ? 1 : 0) as {
    lot_key: number;
    units: number;
    expires_on: string | null;
  }[];
  return allocateFirstExpiryFirst(
    lots.map((lot) => ({ lotId: lot.lot_key, expiresOn: lot.expires_on, units: lot.units })),
    balanceOf(db, siteKey, itemKey, null),
    units,
    request.onDate,
  ).map((allocation) => ({ lotKey: allocation.lotId, units: allocation.units, shortfall: allocation.shortfall }));
}

/**
 * Appends the negation of every movement a source's revision made (an edit or a void). The
 * source's movements are a range of stock_movements_by_source; its revision and whether a row is
 * itself a reversal are checked on those few rows.
 */
export function reverseMovements(
  db: WritableDatabase,
  writer: Writer,
  source: {
    sourceType: MovementSource;
    sourceKey: number;
    sourceRevisionKey: number | null;
    occurredMs: number;
    localDate: string;
  },
): number {
  const originals = db
    .statement(
      `SELECT key, kind, site_key, item_key, lot_key, units, occurred_ms, source_type, source_key, source_revision_key
       FROM stock_movements INDEXED BY stock_movements_by_source
       WHERE source_type = ? AND source_key = ? AND source_revision_key IS ? AND reverses_movement_key IS NULL
       ORDER BY key`,
    )
    .all(storedCodes.movementSource.code(source.sourceType), source.sourceKey, source.sourceRevisionKey) as {
    key: number;
    kind: number;
    site_key: number;
    item_key: number;
    lot_key: number | null;
    units: number;
    occurred_ms: number;
    source_type: number;
    source_key: number;
    source_revision_key: number | null;
  }[];
  if (originals.length === 0) return 0;
  const who = writerKeys(db, writer);
  for (const original of originals) {
    // Held to the moment it tells of (countedMsSql): a field entry's at the entry's, any other at its own.
    const countedMs = original.source_type === fieldEntrySource ? original.occurred_ms : source.occurredMs;
    insertMovement(
      db,
      who,
      {
        kind: original.kind,
        siteKey: original.site_key,
        itemKey: original.item_key,
        lotKey: original.lot_key,
        units: -original.units,
        shortfall: 0,
        occurredMs: source.occurredMs,
        localDate: source.localDate,
        sourceType: original.source_type,
        sourceKey: original.source_key,
        sourceRevisionKey: original.source_revision_key,
        reversesMovementKey: original.key,
      },
      countedMs,
    );
  }
  return originals.length;
}

/**
 * Moves an entry's movements from one of its revisions to the next, which hands out the same
 * stock on another day (a re-filing): each is reversed on the day it was made and made again,
 * from the same lot with the same shortfall, on `localDate` under the new revision. The pairs
 * cancel in every balance, so the cached balances are left as they are; both keep the original's
 * instant, so the balance at any count's moment is unchanged too and no count needs a correction.
 */
export function refileMovements(
  db: WritableDatabase,
  writer: Writer,
  source: { sourceKey: number; fromRevisionKey: number; toRevisionKey: number; localDate: string },
): void {
  const { deviceKey, staffKey } = writerKeys(db, writer);
  const fieldEntry = storedCodes.movementSource.code('field_entry');
  const originals = `FROM stock_movements INDEXED BY stock_movements_by_source
     WHERE source_type = ? AND source_key = ? AND source_revision_key = ? AND reverses_movement_key IS NULL
     ORDER BY key`;
  const written = [deviceKey, staffKey, db.nowMs()];
  db.statement(
    `INSERT INTO stock_movements (kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date,
       source_type, source_key, source_revision_key, reverses_movement_key, origin_device_key, created_by_key, created_ms)
     SELECT kind, site_key, item_key, lot_key, -units, 0, occurred_ms, local_date,
       source_type, source_key, source_revision_key, key, ?, ?, ? ${originals}`,
  ).run(...written, fieldEntry, source.sourceKey, source.fromRevisionKey);
  db.statement(
    `INSERT INTO stock_movements (kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date,
       source_type, source_key, source_revision_key, reverses_movement_key, origin_device_key, created_by_key, created_ms)
     SELECT kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, ?,
       source_type, source_key, ?, NULL, ?, ?, ? ${originals}`,
  ).run(source.localDate, source.toRevisionKey, ...written, fieldEntry, source.sourceKey, source.fromRevisionKey);
}

export interface LedgerCheck {
  balances: number;
  mismatches: number;
}

/**
 * Cached balances against the ledger's sums, both ways: a balance that differs from its sum counts
 * twice (once each way), one without movements or movements without a balance once. The sums are
 * read in the order of stock_movements_by_site_item, one group at a time, each compared with its
 * balance by primary key; a balance no group found is one with no movements. Nothing is sorted
 * and memory stays flat however long the ledger grows.
 */
export function checkBalances(db: ReadableDatabase): LedgerCheck {
  const sums = db
    .statement(
      `SELECT site_key, item_key, lot_key, sum(units) AS units
       FROM stock_movements INDEXED BY stock_movements_by_site_item
       GROUP BY site_key, item_key, lot_key`,
    )
    .iterate() as Iterable<{ site_key: number; item_key: number; lot_key: number | null; units: number }>;
  const cachedOf = db.statement(`SELECT units FROM stock_balances WHERE site_key = ? AND item_key = ? AND lot_key = ?`);
  let matched = 0;
  let mismatches = 0;
  for (const sum of sums) {
    const cached = cachedOf.get(sum.site_key, sum.item_key, balanceLotKey(sum.lot_key)) as
      { units: number } | undefined;
    if (!cached) {
      mismatches += 1;
      continue;
    }
    matched += 1;
    if (cached.units !== sum.units) mismatches += 2;
  }
  const balances = (db.statement('SELECT count(*) AS n FROM stock_balances').get() as { n: number }).n;
  return { balances, mismatches: mismatches + (balances - matched) };
}
