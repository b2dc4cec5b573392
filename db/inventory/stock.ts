/** What is on hand: per site and item from the ledger's cached balances, and an item's lots. */
import { written, type Operations, type WriteScope } from '../access/operations';
import { newId } from '../platform/ids';
import { writerKeys } from '../platform/keys';
import { refuse } from '../platform/records';
import { requireItem } from '../catalog/items';
import type { ParsedInput } from '../contract';
import type { Lots, OnHand } from '../contract/inventory';
import type { StockStatus } from '../contract/vocabulary';
import { requireSite } from '../catalog/sites';
import { unitsInTransit } from './transfers';
import type { ReadableDatabase } from '../platform/database';
import { expiryCheck } from './stock-dates';

type Holding = OnHand[number];

/** How a holding stands, from its units and lots (stockStatuses, most pressing first). */
function statusOf(holding: Omit<Holding, 'status'>): StockStatus {
  const stocked = holding.lots.filter((lot) => lot.units > 0);
  if (holding.units < 0 || holding.unitsWithoutLot < 0 || holding.lots.some((lot) => lot.units < 0))
    return 'needs_count';
  if (stocked.some((lot) => lot.expired)) return 'expired';
  if (stocked.some((lot) => lot.onHold)) return 'on_hold';
  if (holding.available <= 0) return 'out';
  if (stocked.some((lot) => lot.expiresSoon)) return 'expiring';
  return 'ok';
}

/**
 * What each site holds of each item, from the ledger's cached balances; lots first to expire
 * first, those emptied left out. An item a site has held and holds none of now is listed as out;
 * with `includeEmpty`, so is every active item it never held, so an empty shelf is seen.
 */
function onHand({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.onHand'>): OnHand {
  if (input.siteId) requireSite(db, input.siteId, 'siteId');
  if (input.itemId) requireItem(db, input.itemId, 'itemId');
  let query = db.query
    .selectFrom('stock_balances as b')
    .innerJoin('sites as s', 's.key', 'b.site_key')
    .innerJoin('items as i', 'i.key', 'b.item_key')
    // Lot 0 (stock held without a lot) joins no lot.
    .leftJoin('lots as l', 'l.key', 'b.lot_key')
    .select([
      's.id as site_id',
      's.name as site_name',
      'i.id as item_id',
      'i.name as item_name',
      'i.category',
      'i.unit',
      'i.units_per_pack',
      'l.id as lot_id',
      'l.lot_number',
      'l.expires_on',
      'l.on_hold',
      'b.units',
    ]);
  if (input.siteId) query = query.where('s.id', '=', input.siteId);
  if (input.itemId) query = query.where('i.id', '=', input.itemId);
  if (input.category) query = query.where('i.category', '=', input.category);
  const expiry = expiryCheck(db);
  const holdings = new Map<string, Omit<Holding, 'status'>>();
  const holdingOf = (row: {
    site_id: string;
    site_name: string;
    item_id: string;
    item_name: string;
    category: Holding['category'];
    unit: string;
    units_per_pack: number;
  }) => {
    const key = `${row.site_id}|${row.item_id}`;
    let holding = holdings.get(key);
    if (!holding) {
      holding = {
        siteId: row.site_id,
        siteName: row.site_name,
        itemId: row.item_id,
        itemName: row.item_name,
        category: row.category,
        unit: row.unit,
        unitsPerPack: row.units_per_pack,
        units: 0,
        available: 0,
        incoming: 0,
        unitsWithoutLot: 0,
        lots: [],
      };
      holdings.set(key, holding);
    }
    return holding;
  };
  for (const balance of db.all(query)) {
    const holding = holdingOf(balance);
    holding.units += balance.units;
    if (balance.lot_id === null || balance.lot_number === null) holding.unitsWithoutLot += balance.units;
    else if (balance.units !== 0) {
      const flags = expiry(balance.expires_on);
      holding.lots.push({
        lotId: balance.lot_id,
        lotNumber: balance.lot_number,
        expiresOn: balance.expires_on,
        units: balance.units,
        ...flags,
        onHold: balance.on_hold === 1,
      });
      if (!flags.expired && balance.on_hold !== 1 && balance.units > 0) holding.available += balance.units;
    }
  }
  for (const holding of holdings.values()) {
    holding.available += Math.max(0, holding.unitsWithoutLot);
    holding.lots.sort(
      (a, b) =>
        (a.expiresOn ?? '9999-12-31').localeCompare(b.expiresOn ?? '9999-12-31') ||
        a.lotNumber.localeCompare(b.lotNumber),
    );
  }
  for (const incoming of unitsInTransit(db, input)) holdingOf(incoming).incoming += incoming.units;
  if (input.includeEmpty) {
    let empty = db.query
      .selectFrom('sites as s')
      .innerJoin('items as i', (join) => join.on('i.active', '=', 1))
      .select([
        's.id as site_id',
        's.name as site_name',
        'i.id as item_id',
        'i.name as item_name',
        'i.category',
        'i.unit',
        'i.units_per_pack',
      ])
      .where('s.active', '=', 1);
    if (input.siteId) empty = empty.where('s.id', '=', input.siteId);
    if (input.itemId) empty = empty.where('i.id', '=', input.itemId);
    if (input.category) empty = empty.where('i.category', '=', input.category);
    for (const row of db.all(empty)) holdingOf(row);
  }
  return [...holdings.values()]
    .map((holding) => ({ ...holding, status: statusOf(holding) }))
    .sort(
      (a, b) =>
        a.siteName.localeCompare(b.siteName) ||
        a.siteId.localeCompare(b.siteId) ||
        a.itemName.localeCompare(b.itemName) ||
        a.itemId.localeCompare(b.itemId),
    );
}

function lotsOf(db: ReadableDatabase, where: { itemId: string } | { lotId: string }): Lots {
  const lots = db.all(
    db.query
      .selectFrom('lots as l')
      .leftJoin('stock_balances as b', 'b.lot_key', 'l.key')
      .select((eb) => [
        'l.id',
        'l.item_id',
        'l.lot_number',
        'l.expires_on',
        'l.on_hold',
        eb.fn.coalesce(eb.fn.sum<number>('b.units'), eb.val(0)).as('units'),
      ])
      .where('itemId' in where ? 'l.item_id' : 'l.id', '=', 'itemId' in where ? where.itemId : where.lotId)
      .groupBy('l.id')
      .orderBy((order) => order.fn.coalesce('l.expires_on', order.val('9999-12-31')))
      .orderBy('l.lot_number'),
  );
  const expiry = expiryCheck(db);
  return lots.map((lot) => ({
    id: lot.id,
    itemId: lot.item_id,
    lotNumber: lot.lot_number,
    expiresOn: lot.expires_on,
    units: Number(lot.units),
    ...expiry(lot.expires_on),
    onHold: lot.on_hold === 1,
  }));
}

/** An item's lots, first to expire first, with what is on hand of each across all sites. */
function listLots({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.lots'>): Lots {
  requireItem(db, input.itemId, 'itemId');
  return lotsOf(db, input);
}

/**
 * Puts a lot on hold at every site (a recall, a quality question) or releases it, with the reason:
 * a fact of its own, and the lot's cached state, which every allocation reads.
 */
function holdLot({ db, writer }: WriteScope, input: ParsedInput<'inventory.holdLot'>) {
  const lot = db.statement('SELECT key, on_hold FROM lots WHERE id = ?').get(input.lotId) as
    { key: number; on_hold: number } | undefined;
  if (!lot) return refuse('lot_not_found', 'lotId');
  const held = input.held ? 1 : 0;
  if (lot.on_hold === held) refuse('lot_hold_unchanged', 'held');
  const { deviceKey, staffKey } = writerKeys(db, writer);
  db.statement(
    `INSERT INTO lot_holds (id, lot_key, held, reason, occurred_ms, origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), lot.key, held, input.reason, db.nowMs(), deviceKey, staffKey, db.nowMs());
  db.statement('UPDATE lots SET on_hold = ? WHERE key = ?').run(held, lot.key);
  const [after] = lotsOf(db, { lotId: input.lotId });
  return written(after!, {
    entity: 'lot',
    id: input.lotId,
    key: lot.key,
    before: { onHold: lot.on_hold === 1 },
    after: { onHold: held === 1, reason: input.reason },
  });
}

/** Lots whose cached hold is not the latest of their hold facts (none: not held). */
export function checkLotHolds(db: ReadableDatabase): { rows: number; mismatches: number } {
  const rows = db.statement('SELECT count(*) FROM lot_holds').pluck().get() as number;
  const mismatches = db
    .statement(
      `SELECT count(*) FROM lots l
       WHERE l.on_hold IS NOT coalesce(
         (SELECT h.held FROM lot_holds h WHERE h.lot_key = l.key ORDER BY h.occurred_ms DESC, h.key DESC LIMIT 1), 0)`,
    )
    .pluck()
    .get() as number;
  return { rows, mismatches };
}

export const stockOperations: Operations<'inventory.onHand' | 'inventory.lots' | 'inventory.holdLot'> = {
  'inventory.onHand': onHand,
  'inventory.lots': listLots,
  'inventory.holdLot': holdLot,
};
