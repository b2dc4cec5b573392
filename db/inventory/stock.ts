/** What is on hand: per site and item from the ledger's cached balances, and an item's lots. */
import type { Operations } from '../access/operations';
import { requireItem } from '../catalog/items';
import type { ParsedInput } from '../contract';
import type { Lots, OnHand } from '../contract/inventory';
import type { ReadableDatabase } from '../platform/database';
import { expiryCheck } from './stock-dates';

/** What each site holds of each item, from the ledger's cached balances; lots first to expire first. */
function onHand({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.onHand'>): OnHand {
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
      'l.id as lot_id',
      'l.lot_number',
      'l.expires_on',
      'b.units',
    ])
    .where('b.units', '!=', 0)
    .orderBy('s.name')
    .orderBy('s.id')
    .orderBy('i.name')
    .orderBy('i.id')
    .orderBy((order) => order.fn.coalesce('l.expires_on', order.val('9999-12-31')))
    .orderBy('l.lot_number');
  if (input.siteId) query = query.where('s.id', '=', input.siteId);
  if (input.itemId) query = query.where('i.id', '=', input.itemId);
  const expiry = expiryCheck(db);
  const holdings = new Map<string, OnHand[number]>();
  for (const balance of db.all(query)) {
    const key = `${balance.site_id}|${balance.item_id}`;
    let holding = holdings.get(key);
    if (!holding) {
      holding = {
        siteId: balance.site_id,
        siteName: balance.site_name,
        itemId: balance.item_id,
        itemName: balance.item_name,
        category: balance.category,
        unit: balance.unit,
        units: 0,
        unitsWithoutLot: 0,
        lots: [],
      };
      holdings.set(key, holding);
    }
    holding.units += balance.units;
    if (balance.lot_id === null || balance.lot_number === null) holding.unitsWithoutLot += balance.units;
    else {
      holding.lots.push({
        lotId: balance.lot_id,
        lotNumber: balance.lot_number,
        expiresOn: balance.expires_on,
        units: balance.units,
        ...expiry(balance.expires_on),
      });
    }
  }
  return [...holdings.values()];
}

/** An item's lots, first to expire first, with what is on hand of each across all sites. */
function listLots({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.lots'>): Lots {
  requireItem(db, input.itemId, 'itemId');
  const lots = db.all(
    db.query
      .selectFrom('lots as l')
      .leftJoin('stock_balances as b', 'b.lot_key', 'l.key')
      .select((eb) => [
        'l.id',
        'l.item_id',
        'l.lot_number',
        'l.expires_on',
        eb.fn.coalesce(eb.fn.sum<number>('b.units'), eb.val(0)).as('units'),
      ])
      .where('l.item_id', '=', input.itemId)
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
  }));
}

export const stockOperations: Operations<'inventory.onHand' | 'inventory.lots'> = {
  'inventory.onHand': onHand,
  'inventory.lots': listLots,
};
