/**
 * The stock ledger: stock moves only by appending movements; on hand is their sum. A cached
 * balance per site x item x lot is kept in the same transaction and `verify` proves it equals the
 * ledger. Distribution never fails for lack of stock: what the ledger cannot cover is recorded
 * as a shortfall on the movement and shows as a negative balance, flagged for a count.
 */
import type { Writer } from '../access/operations';
import type { MovementKind, MovementSource } from '../contract/vocabulary';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import type { StockMovementRow } from '../platform/schema';
import { allocateFirstExpiryFirst, type Allocation } from './first-expiry-first-out';

export interface MovementInput {
  kind: MovementKind;
  siteId: string;
  itemId: string;
  lotId: string | null;
  /** Signed: positive adds stock at the site, negative takes it away. */
  units: number;
  shortfall?: number;
  occurredAt: string;
  localDate: string;
  sourceType: MovementSource;
  sourceId: string;
  sourceRevisionId?: string | null;
  reversesMovementId?: string | null;
}

export function lotKey(lotId: string | null): string {
  return lotId ?? '';
}

export function appendMovement(db: WritableDatabase, writer: Writer, input: MovementInput): StockMovementRow {
  const row: StockMovementRow = {
    id: newId(),
    kind: input.kind,
    site_id: input.siteId,
    item_id: input.itemId,
    lot_id: input.lotId,
    units: input.units,
    shortfall: input.shortfall ?? 0,
    occurred_at: input.occurredAt,
    local_date: input.localDate,
    source_type: input.sourceType,
    source_id: input.sourceId,
    source_revision_id: input.sourceRevisionId ?? null,
    reverses_movement_id: input.reversesMovementId ?? null,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  };
  // Hot path (every supply line of every save): fixed SQL through cached prepared statements.
  db.statement(
    `INSERT INTO stock_movements (id, kind, site_id, item_id, lot_id, units, shortfall, occurred_at, local_date, source_type,
       source_id, source_revision_id, reverses_movement_id, origin_device_id, created_by, created_at)
     VALUES (@id, @kind, @site_id, @item_id, @lot_id, @units, @shortfall, @occurred_at, @local_date, @source_type,
       @source_id, @source_revision_id, @reverses_movement_id, @origin_device_id, @created_by, @created_at)`,
  ).run(row);
  db.statement(
    `INSERT INTO stock_balances (site_id, item_id, lot_key, lot_id, units) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, item_id, lot_key) DO UPDATE SET units = units + excluded.units`,
  ).run(row.site_id, row.item_id, lotKey(row.lot_id), row.lot_id, row.units);
  return row;
}

function balanceOf(db: ReadableDatabase, siteId: string, itemId: string, lotId: string | null): number {
  const row = db
    .statement(`SELECT units FROM stock_balances WHERE site_id = ? AND item_id = ? AND lot_key = ?`)
    .get(siteId, itemId, lotKey(lotId)) as { units: number } | undefined;
  return row?.units ?? 0;
}

/**
 * Which lots `units` come out of at a site: the worker's chosen lot, or first-expiry-first-out
 * over lots with stock that have not expired on `onDate`. Whatever the ledger cannot cover comes
 * from "no lot" and is marked as a shortfall.
 */
export function allocate(
  db: ReadableDatabase,
  request: {
    siteId: string;
    itemId: string;
    units: number;
    tracksLots: boolean;
    chosenLotId: string | null;
    onDate: string;
  },
): Allocation[] {
  const { siteId, itemId, units } = request;
  if (request.chosenLotId || !request.tracksLots) {
    const lotId = request.chosenLotId;
    const available = Math.max(0, balanceOf(db, siteId, itemId, lotId));
    return [{ lotId, units, shortfall: Math.max(0, units - available) }];
  }
  const lots = db.all(
    db.query
      .selectFrom('stock_balances as b')
      .innerJoin('lots as l', 'l.id', 'b.lot_id')
      .select(['b.lot_id', 'b.units', 'l.expires_on'])
      .where('b.site_id', '=', siteId)
      .where('b.item_id', '=', itemId)
      .where('b.units', '>', 0)
      .where((where) => where.or([where('l.expires_on', 'is', null), where('l.expires_on', '>=', request.onDate)]))
      .orderBy((order) => order.fn.coalesce('l.expires_on', order.val('9999-12-31')))
      .orderBy('l.lot_number'),
  );
  return allocateFirstExpiryFirst(
    lots.map((lot) => ({ lotId: lot.lot_id, expiresOn: lot.expires_on, units: lot.units })),
    balanceOf(db, siteId, itemId, null),
    units,
    request.onDate,
  );
}

/** Appends the negation of every movement a source revision made (an edit or a void). */
export function reverseMovements(
  db: WritableDatabase,
  writer: Writer,
  source: { sourceId: string; sourceRevisionId: string; occurredAt: string; localDate: string },
): number {
  const originals = db.all(
    db.query
      .selectFrom('stock_movements')
      .selectAll()
      .where('source_id', '=', source.sourceId)
      .where('source_revision_id', '=', source.sourceRevisionId)
      .where('reverses_movement_id', 'is', null),
  );
  for (const original of originals) {
    appendMovement(db, writer, {
      kind: original.kind,
      siteId: original.site_id,
      itemId: original.item_id,
      lotId: original.lot_id,
      units: -original.units,
      occurredAt: source.occurredAt,
      localDate: source.localDate,
      sourceType: original.source_type,
      sourceId: original.source_id,
      sourceRevisionId: original.source_revision_id,
      reversesMovementId: original.id,
    });
  }
  return originals.length;
}

export interface LedgerCheck {
  balances: number;
  mismatches: number;
}

/** Cached balances against the ledger's sums, both ways. */
export function checkBalances(db: ReadableDatabase): LedgerCheck {
  const ledger = `SELECT site_id, item_id, coalesce(lot_id, '') AS lot_key, sum(units) AS units
    FROM stock_movements GROUP BY site_id, item_id, coalesce(lot_id, '')`;
  const cached = `SELECT site_id, item_id, lot_key, units FROM stock_balances`;
  const count = (sqlText: string) => (db.statement(sqlText).get() as { n: number }).n;
  return {
    balances: count('SELECT count(*) AS n FROM stock_balances'),
    mismatches:
      count(`SELECT count(*) AS n FROM (${ledger} EXCEPT ${cached})`) +
      count(`SELECT count(*) AS n FROM (${cached} EXCEPT ${ledger})`),
  };
}
