/**
 * GTINs: the packages an item comes in, each with the units inside (a box of 100 and a case of
 * 10 boxes are two GTINs of one item). A GTIN stays with its item; it is retired, never deleted,
 * so a receipt that names it still reads as it was.
 */
import { written, type Operations, type WriteScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import type { ItemGtin } from '../contract/catalog';
import type { ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { keyOfExisting } from '../platform/keys';
import { changedKeys, definedOnly, flag, refuse } from '../platform/records';
import type { ItemGtinsTable } from '../platform/schema';
import { requireItem } from './items';

interface GtinViewRow {
  key: number;
  id: string;
  item_id: string;
  item_key: number;
  gtin: string;
  units_per_pack: number;
  label: string | null;
  active: number;
}

const gtinSelect = `SELECT g.key, g.id, i.id AS item_id, g.item_key, g.gtin, g.units_per_pack, g.label, g.active
  FROM item_gtins g JOIN items i ON i.key = g.item_key`;

function toItemGtin(row: GtinViewRow): ItemGtin {
  return {
    id: row.id,
    itemId: row.item_id,
    gtin: row.gtin,
    unitsPerPack: row.units_per_pack,
    label: row.label,
    active: row.active === 1,
  };
}

/** The row holding a GTIN (14 digits), active or retired, whichever item it is on. */
export function gtinRow(db: ReadableDatabase, gtin: string): GtinViewRow | undefined {
  return db.statement(`${gtinSelect} WHERE g.gtin = ?`).get(gtin) as GtinViewRow | undefined;
}

/** An item's packages: active ones first, smallest first. */
function listGtins({ db }: { db: ReadableDatabase }, input: ParsedInput<'items.gtins'>): ItemGtin[] {
  const item = requireItem(db, input.itemId, 'itemId');
  const rows = db
    .statement(
      `${gtinSelect} WHERE g.item_key = ? ${input.includeInactive ? '' : 'AND g.active = 1'}
       ORDER BY g.active DESC, g.units_per_pack, g.gtin`,
    )
    .all(item.key) as GtinViewRow[];
  return rows.map(toItemGtin);
}

function addGtin({ db, writer }: WriteScope, input: ParsedInput<'items.addGtin'>) {
  const item = requireItem(db, input.itemId, 'itemId');
  const existing = gtinRow(db, input.gtin);
  if (existing) refuse(existing.item_key === item.key ? 'gtin_on_this_item' : 'gtin_taken', 'gtin');
  const now = db.nowIso();
  const row: Omit<ItemGtinsTable, 'key'> = {
    id: newId(),
    item_key: item.key,
    gtin: input.gtin,
    units_per_pack: input.unitsPerPack,
    label: input.label,
    active: 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('item_gtins', row);
  const key = keyOfExisting(db, 'item_gtins', row.id);
  const added = toItemGtin({ ...row, key, item_id: item.id });
  return written(added, { entity: 'item_gtin', id: added.id, key, after: added });
}

function updateGtin({ db }: WriteScope, { id, ...changes }: ParsedInput<'items.updateGtin'>) {
  const row = db.statement(`${gtinSelect} WHERE g.id = ?`).get(id) as GtinViewRow | undefined;
  if (!row) return refuse('gtin_not_found', 'id');
  const before = toItemGtin(row);
  if (changedKeys(before, changes).length === 0) return written(before);
  const after: ItemGtin = { ...before, ...definedOnly(changes) };
  db.statement('UPDATE item_gtins SET units_per_pack = ?, label = ?, active = ?, updated_at = ? WHERE key = ?').run(
    after.unitsPerPack,
    after.label,
    flag(after.active),
    db.nowIso(),
    row.key,
  );
  return written(after, { entity: 'item_gtin', id, key: row.key, before, after });
}

export const gtinOperations: Operations<'items.gtins' | 'items.addGtin' | 'items.updateGtin'> = {
  'items.gtins': listGtins,
  'items.addGtin': addGtin,
  'items.updateGtin': updateGtin,
};
