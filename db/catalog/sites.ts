/** Sites: the places supplies go out from (a fixed site, a drop-in, a van, a street zone...). */
import { written, type Operations, type WriteScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import type { catalogChannels, Site } from '../contract/catalog';
import type { ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { changedKeys, definedOnly, flag, nameTaken, refuse } from '../platform/records';
import type { SiteRow } from '../platform/schema';

/** A new row has no key until it is inserted; the contract's shape never shows it. */
export function toSite(row: Omit<SiteRow, 'key'>): Site {
  return { id: row.id, name: row.name, siteType: row.site_type, active: row.active === 1, createdAt: row.created_at };
}

/** The site a request names, or a refusal at `field`; inactive sites are refused when `active` is asked for. */
export function requireSite(
  db: ReadableDatabase,
  id: string,
  field: string,
  options: { active?: boolean } = {},
): SiteRow {
  const site = db.first(db.query.selectFrom('sites').selectAll().where('id', '=', id));
  if (!site) return refuse('site_not_found', field);
  if (options.active && site.active !== 1) return refuse('site_inactive', field);
  return site;
}

function listSites({ db }: { db: ReadableDatabase }, input: ParsedInput<'sites.list'>): Site[] {
  let query = db.query.selectFrom('sites').selectAll().orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map(toSite);
}

function createSite({ db, writer }: WriteScope, input: ParsedInput<'sites.create'>) {
  if (nameTaken(db, 'sites', input.name, null)) refuse('site_name_taken', 'name');
  const now = db.nowIso();
  const row: Omit<SiteRow, 'key'> = {
    id: newId(),
    name: input.name,
    site_type: input.siteType,
    active: 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('sites', row);
  const site = toSite(row);
  return written(site, { entity: 'site', id: site.id, after: site });
}

/** Renames, retypes, deactivates or reactivates a site. Its past records keep pointing at it. */
function updateSite({ db }: WriteScope, { id, ...changes }: ParsedInput<'sites.update'>) {
  const before = toSite(requireSite(db, id, 'id'));
  if (changes.name !== undefined && nameTaken(db, 'sites', changes.name, id)) refuse('site_name_taken', 'name');
  if (changedKeys(before, changes).length === 0) return written(before);
  const after: Site = { ...before, ...definedOnly(changes) };
  db.run(
    db.query
      .updateTable('sites')
      .set({ name: after.name, site_type: after.siteType, active: flag(after.active), updated_at: db.nowIso() })
      .where('id', '=', id),
  );
  return written(after, { entity: 'site', id, before, after });
}

export const siteOperations: Operations<Extract<keyof typeof catalogChannels, `sites.${string}`>> = {
  'sites.list': listSites,
  'sites.create': createSite,
  'sites.update': updateSite,
};
