/**
 * Taking stock off a site's shelf on purpose (a transfer, an adjustment), as opposed to handing it
 * out: only what the ledger says is there can be taken, from a lot picked by hand or from the lots
 * first to expire first. A distribution never waits for the records (ledger.ts); these do.
 */
import type { ErrorCode } from '../contract/errors';
import type { ReadableDatabase } from '../platform/database';
import { refuse } from '../platform/records';
import type { ItemRow } from '../platform/schema';
import { allocate, balanceOf, type Allocation } from './ledger';

/** An onDate before any expiry: every lot with stock counts, expired or not. */
const beforeEveryExpiry = '0000-01-01';

/** The item a line names, active or not (stock of a retired item can still be moved or written off). */
export function lineItem(db: ReadableDatabase, id: string, field: string): ItemRow {
  const item = db.statement('SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
  return item ?? refuse('item_not_found', field);
}

/**
 * A lot picked by hand: one of this item's, or a refusal at `field`; one on hold only when
 * `allowHeld` (taking recalled stock off the shelf, or reading its card).
 */
export function pickedLotKey(
  db: ReadableDatabase,
  item: ItemRow,
  lotId: string,
  field: string,
  { allowHeld = false }: { allowHeld?: boolean } = {},
): number {
  const lot = db.statement('SELECT key, item_id, on_hold FROM lots WHERE id = ?').get(lotId) as
    { key: number; item_id: string; on_hold: number } | undefined;
  if (!lot || lot.item_id !== item.id) return refuse('lot_not_found', field);
  if (lot.on_hold === 1 && !allowHeld) refuse('lot_on_hold', field);
  return lot.key;
}

/**
 * Which lots `units` of an item come out of at a site, or a refusal at `fields.quantity` when the
 * site holds fewer: `lot_units_exceeded` for a picked lot, `exceeds` otherwise. Expired lots and
 * lots on hold are passed over unless `includeUnusable` (taking such stock off the shelf is what
 * some adjustments are for).
 */
export function takeFromShelf(
  db: ReadableDatabase,
  request: {
    siteKey: number;
    item: ItemRow;
    units: number;
    lotKey: number | null;
    onDate: string;
    includeUnusable?: boolean;
  },
  fields: { quantity: string; exceeds: ErrorCode },
): Allocation[] {
  const { siteKey, item, units, lotKey } = request;
  if (lotKey !== null && units > balanceOf(db, siteKey, item.key, lotKey))
    refuse('lot_units_exceeded', fields.quantity);
  const allocations = allocate(db, {
    siteKey,
    itemKey: item.key,
    units,
    tracksLots: item.tracks_lots === 1,
    chosenLotKey: lotKey,
    onDate: request.includeUnusable === true ? beforeEveryExpiry : request.onDate,
    includeHeld: request.includeUnusable === true,
  });
  if (allocations.some((allocation) => allocation.shortfall > 0)) refuse(fields.exceeds, fields.quantity);
  return allocations;
}
