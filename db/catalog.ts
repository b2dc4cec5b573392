/** Sites and catalog items: the places supplies go out from, and what goes out. */
import { type z } from 'zod';
import { listCatalogInput, type Item, type Site } from './contract/catalog';
import { parseOrThrow } from './contract/validation';
import type { OutpostDatabase } from './database';
import { newId } from './ids';
import type { ItemCategory, ItemRow, SiteRow, SiteType } from './schema';

type ListInput = z.input<typeof listCatalogInput>;

export function toSite(row: SiteRow): Site {
  return { id: row.id, name: row.name, siteType: row.site_type, active: row.active === 1 };
}

export function toItem(row: ItemRow): Item {
  return { id: row.id, name: row.name, category: row.category, unit: row.unit, active: row.active === 1 };
}

export function listSites(db: OutpostDatabase, rawInput: ListInput = {}): Site[] {
  const input = parseOrThrow(listCatalogInput, rawInput);
  let query = db.query.selectFrom('sites').selectAll().orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map(toSite);
}

export function listItems(db: OutpostDatabase, rawInput: ListInput = {}): Item[] {
  const input = parseOrThrow(listCatalogInput, rawInput);
  let query = db.query.selectFrom('items').selectAll().orderBy('category').orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map(toItem);
}

interface Origin {
  deviceId: string;
  staffId: string;
}

export function insertSite(db: OutpostDatabase, origin: Origin, site: { name: string; siteType: SiteType }): Site {
  const now = db.nowIso();
  const row: SiteRow = {
    id: newId(),
    name: site.name,
    site_type: site.siteType,
    active: 1,
    origin_device_id: origin.deviceId,
    created_by: origin.staffId,
    created_at: now,
    updated_at: now,
  };
  db.run(db.query.insertInto('sites').values(row));
  return toSite(row);
}

export function insertItem(
  db: OutpostDatabase,
  origin: Origin,
  item: { name: string; category: ItemCategory; unit: string },
): Item {
  const now = db.nowIso();
  const row: ItemRow = {
    id: newId(),
    name: item.name,
    category: item.category,
    unit: item.unit,
    active: 1,
    origin_device_id: origin.deviceId,
    created_by: origin.staffId,
    created_at: now,
    updated_at: now,
  };
  db.run(db.query.insertInto('items').values(row));
  return toItem(row);
}
