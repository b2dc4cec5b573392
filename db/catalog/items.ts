/**
 * Items: what goes out (a syringe, a naloxone box, a test strip, a kit). Items change and are
 * deactivated, never deleted; what reports count an item by stays fixed once it has history.
 */
import { written, type Operations, type WriteScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import { naloxoneFieldIssues, type Item } from '../contract/catalog';
import type { ErrorCode } from '../contract/errors';
import type { ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { changedKeys, definedOnly, flag, nameTaken, refuse, refuseAll } from '../platform/records';
import type { ItemRow } from '../platform/schema';

export function toItem(row: Omit<ItemRow, 'key'>): Item {
  return {
    id: row.id,
    name: row.name,
    sku: row.sku,
    category: row.category,
    unit: row.unit,
    unitsPerPack: row.units_per_pack,
    naloxoneForm: row.naloxone_form,
    dosesPerUnit: row.doses_per_unit,
    tracksLots: row.tracks_lots === 1,
    isKit: row.is_kit === 1,
    isCommon: row.is_common === 1,
    active: row.active === 1,
  };
}

/** Common items first (the field screen's order), then by category and name. */
function listItems({ db }: { db: ReadableDatabase }, input: ParsedInput<'items.list'>): Item[] {
  let query = db.query
    .selectFrom('items')
    .selectAll()
    .orderBy('is_common', 'desc')
    .orderBy('category')
    .orderBy('name')
    .orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map(toItem);
}

/** The item a request names, or a refusal at `field`; inactive items are refused when `active` is asked for. */
export function requireItem(
  db: ReadableDatabase,
  id: string,
  field: string,
  options: { active?: boolean } = {},
): ItemRow {
  const item = db.first(db.query.selectFrom('items').selectAll().where('id', '=', id));
  if (!item) return refuse('item_not_found', field);
  if (options.active && item.active !== 1) return refuse('item_inactive', field);
  return item;
}

function skuTaken(db: ReadableDatabase, sku: string | null, exceptId: string | null): boolean {
  if (sku === null) return false;
  let query = db.query.selectFrom('items').select('id').where('sku', '=', sku);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return db.first(query.limit(1)) !== undefined;
}

function uniquenessProblems(db: ReadableDatabase, item: { name: string; sku: string | null }, exceptId: string | null) {
  return [
    ...(nameTaken(db, 'items', item.name, exceptId) ? [{ code: 'item_name_taken' as const, field: 'name' }] : []),
    ...(skuTaken(db, item.sku, exceptId) ? [{ code: 'sku_taken' as const, field: 'sku' }] : []),
  ];
}

function createItem({ db, writer }: WriteScope, input: ParsedInput<'items.create'>) {
  refuseAll(uniquenessProblems(db, input, null));
  const now = db.nowIso();
  const row: Omit<ItemRow, 'key'> = {
    id: newId(),
    name: input.name,
    sku: input.sku,
    category: input.category,
    unit: input.unit,
    units_per_pack: input.unitsPerPack,
    naloxone_form: input.naloxoneForm,
    doses_per_unit: input.dosesPerUnit,
    tracks_lots: flag(input.tracksLots),
    is_kit: flag(input.isKit),
    is_common: flag(input.isCommon),
    active: flag(input.active),
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('items', row);
  const item = toItem(row);
  return written(item, { entity: 'item', id: item.id, after: item });
}

/**
 * True once the item has been received, moved or handed out, alone or inside a kit. Reports read
 * its category, form and doses per unit from the catalog, so those then stay as they are.
 *
 * Every path into the facts is an index: the ledger through stock_movements_by_site_item, probed once per site
 * (a handful) since no index there leads with the item; handing out through the item index
 * (field_entry_item_times), which holds every entry's current revision's items, voided entries
 * included, so lines moving no stock (history from before the stock start date) count too. Reports
 * read only current revisions, so an item only an earlier revision held does not bind them. A
 * component counts when a kit with it in any version has been handed out.
 */
export function itemHasHistory(db: ReadableDatabase, itemId: string): boolean {
  const row = db
    .statement(
      `SELECT EXISTS (SELECT 1 FROM sites s CROSS JOIN stock_movements m
                      WHERE m.site_key = s.key AND m.item_key = i.key)
           OR EXISTS (SELECT 1 FROM field_entry_item_times t WHERE t.item_key = i.key)
           OR EXISTS (SELECT 1 FROM kit_components c
                      JOIN kit_versions v ON v.id = c.kit_version_id
                      JOIN items k ON k.id = v.kit_item_id
                      JOIN field_entry_item_times t ON t.item_key = k.key
                      WHERE c.component_item_id = i.id) AS used
       FROM items i WHERE i.id = ?`,
    )
    .get(itemId) as { used: number } | undefined;
  return row?.used === 1;
}

/** True when the item is in the current contents of some kit. */
function isKitComponent(db: ReadableDatabase, itemId: string): boolean {
  const row = db.first(
    db.query
      .selectFrom('kit_components as c')
      .innerJoin('kit_versions as v', 'v.id', 'c.kit_version_id')
      .select('v.kit_item_id')
      .where('c.component_item_id', '=', itemId)
      .where('v.version', '=', (eb) =>
        eb
          .selectFrom('kit_versions as w')
          .select((w) => w.fn.max('w.version').as('latest'))
          .whereRef('w.kit_item_id', '=', 'v.kit_item_id'),
      )
      .limit(1),
  );
  return row !== undefined;
}

type ItemChanges = Omit<ParsedInput<'items.update'>, 'id'>;

/**
 * The item as it will be. Leaving naloxone, or becoming a kit (whose contents carry them), drops
 * the form and doses unless they were given.
 */
function mergeItem(current: Item, changes: ItemChanges): Item {
  const next: Item = { ...current, ...definedOnly(changes) };
  if (next.category !== 'naloxone' || next.isKit) {
    if (changes.naloxoneForm === undefined) next.naloxoneForm = null;
    if (changes.dosesPerUnit === undefined) next.dosesPerUnit = null;
  }
  return next;
}

const lockedFields = [
  { key: 'category', code: 'category_locked' },
  { key: 'dosesPerUnit', code: 'doses_per_unit_locked' },
  { key: 'naloxoneForm', code: 'naloxone_form_locked' },
] as const;

function itemUpdateProblems(db: ReadableDatabase, current: Item, next: Item): { code: ErrorCode; field: string }[] {
  const problems: { code: ErrorCode; field: string }[] = [
    ...naloxoneFieldIssues(next),
    ...uniquenessProblems(db, next, current.id),
  ];
  const locked = lockedFields.filter(({ key }) => next[key] !== current[key]);
  if (locked.length > 0 && itemHasHistory(db, current.id)) {
    problems.push(...locked.map(({ key, code }) => ({ code, field: key })));
  }
  if (next.isKit && !current.isKit && isKitComponent(db, current.id))
    problems.push({ code: 'item_in_kit', field: 'isKit' });
  return problems;
}

function updateItem({ db }: WriteScope, { id, ...changes }: ParsedInput<'items.update'>) {
  const before = toItem(requireItem(db, id, 'id'));
  const after = mergeItem(before, changes);
  if (changedKeys(before, after).length === 0) return written(before);
  refuseAll(itemUpdateProblems(db, before, after));
  db.run(
    db.query
      .updateTable('items')
      .set({
        name: after.name,
        sku: after.sku,
        category: after.category,
        unit: after.unit,
        units_per_pack: after.unitsPerPack,
        naloxone_form: after.naloxoneForm,
        doses_per_unit: after.dosesPerUnit,
        tracks_lots: flag(after.tracksLots),
        is_kit: flag(after.isKit),
        is_common: flag(after.isCommon),
        active: flag(after.active),
        updated_at: db.nowIso(),
      })
      .where('id', '=', id),
  );
  return written(after, { entity: 'item', id, before, after });
}

export const itemOperations: Operations<'items.list' | 'items.create' | 'items.update'> = {
  'items.list': listItems,
  'items.create': createItem,
  'items.update': updateItem,
};
