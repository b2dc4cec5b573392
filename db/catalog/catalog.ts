/**
 * The catalog: sites (the places supplies go out from), items (what goes out), kits (items
 * assembled from other items, one immutable version per change of contents) and service and
 * referral types. Catalog records change and are deactivated, never deleted.
 */
import type { z } from 'zod';
import { appendAudit } from '../audit/audit-log';
import {
  createItemInput,
  createServiceTypeInput,
  createSiteInput,
  kitContentsInput,
  listCatalogInput,
  listServiceTypesInput,
  naloxoneFieldIssues,
  setKitContentsInput,
  updateItemInput,
  updateServiceTypeInput,
  updateSiteInput,
  type CreateItemInput,
  type CreateServiceTypeInput,
  type CreateSiteInput,
  type Item,
  type KitContents,
  type KitContentsInput,
  type KitVersion,
  type ListServiceTypesInput,
  type ServiceType,
  type SetKitContentsInput,
  type Site,
  type UpdateItemInput,
  type UpdateServiceTypeInput,
  type UpdateSiteInput,
} from '../contract/catalog';
import { parseOrThrow } from '../contract/validation';
import type { OutpostDatabase } from '../platform/database';
import { errorMessages, OutpostError, type ErrorCode, type FieldIssue } from '../contract/errors';
import { writerOf, type HandlerMap } from '../runtime/operations';
import { newId } from '../platform/ids';
import type {
  Flag,
  ItemCategory,
  ItemRow,
  NaloxoneForm,
  ServiceKind,
  ServiceTypeRow,
  SiteRow,
  SiteType,
} from '../platform/schema';
import { requireRole, stockRoles, type Writer } from '../access/roles';

type ListInput = z.input<typeof listCatalogInput>;

// Helpers the other record-keeping modules (staff, inventory) share

export function refuse(code: ErrorCode, field?: string): never {
  throw new OutpostError(code, field === undefined ? {} : { field });
}

/** Throws one error naming every field at fault (a form marks each), or returns when there are none. */
export function refuseAll(problems: { code: ErrorCode; field: string }[]): void {
  const [first] = problems;
  if (!first) return;
  const issues: FieldIssue[] = problems.map((problem) => ({ ...problem, message: errorMessages[problem.code] }));
  throw new OutpostError(first.code, { field: first.field, issues });
}

/** Names are unique regardless of case, as the unique indexes on lower(name) enforce. */
export function nameTaken(
  db: OutpostDatabase,
  table: 'sites' | 'items' | 'service_types' | 'presets',
  name: string,
  exceptId: string | null,
): boolean {
  const row = db.sqlite
    .prepare(`SELECT 1 FROM ${table} WHERE lower(name) = lower(?) AND id IS NOT ? LIMIT 1`)
    .get(name, exceptId);
  return row !== undefined;
}

/** The keys of `changes` whose value differs from `current`. */
export function changedKeys<T extends object>(current: T, changes: { [K in keyof T]?: T[K] | undefined }): (keyof T)[] {
  return (Object.keys(changes) as (keyof T)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== current[key],
  );
}

/** The fields a partial update gives (absent and undefined both mean "leave as is"). */
export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export function flag(value: boolean): Flag {
  return value ? 1 : 0;
}

// Sites

export function toSite(row: SiteRow): Site {
  return { id: row.id, name: row.name, siteType: row.site_type, active: row.active === 1 };
}

export function listSites(db: OutpostDatabase, rawInput: ListInput = {}): Site[] {
  const input = parseOrThrow(listCatalogInput, rawInput);
  let query = db.query.selectFrom('sites').selectAll().orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map(toSite);
}

/** The site a request names, or a refusal at `field`; inactive sites are refused when `active` is asked for. */
export function requireSite(
  db: OutpostDatabase,
  id: string,
  field: string,
  options: { active?: boolean } = {},
): SiteRow {
  const site = db.first(db.query.selectFrom('sites').selectAll().where('id', '=', id));
  if (!site) return refuse('site_not_found', field);
  if (options.active && site.active !== 1) return refuse('site_inactive', field);
  return site;
}

export function insertSite(db: OutpostDatabase, writer: Writer, site: { name: string; siteType: SiteType }): Site {
  const now = db.nowIso();
  const row: SiteRow = {
    id: newId(),
    name: site.name,
    site_type: site.siteType,
    active: 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.run(db.query.insertInto('sites').values(row));
  return toSite(row);
}

export function createSite(db: OutpostDatabase, writer: Writer, rawInput: CreateSiteInput): Site {
  const input = parseOrThrow(createSiteInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    if (nameTaken(db, 'sites', input.name, null)) refuse('site_name_taken', 'name');
    const site = insertSite(db, writer, input);
    appendAudit(db, writer, { action: 'sites.create', entityType: 'site', entityId: site.id, after: site });
    return site;
  });
}

/** Renames, retypes, deactivates or reactivates a site. Its past records keep pointing at it. */
export function updateSite(db: OutpostDatabase, writer: Writer, rawInput: UpdateSiteInput): Site {
  const { id, ...changes } = parseOrThrow(updateSiteInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    const before = toSite(requireSite(db, id, 'id'));
    if (changes.name !== undefined && nameTaken(db, 'sites', changes.name, id)) refuse('site_name_taken', 'name');
    if (changedKeys(before, changes).length === 0) return before;
    const after: Site = { ...before, ...definedOnly(changes) };
    db.run(
      db.query
        .updateTable('sites')
        .set({ name: after.name, site_type: after.siteType, active: flag(after.active), updated_at: db.nowIso() })
        .where('id', '=', id),
    );
    appendAudit(db, writer, { action: 'sites.update', entityType: 'site', entityId: id, before, after });
    return after;
  });
}

// Items

export function toItem(row: ItemRow): Item {
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
export function listItems(db: OutpostDatabase, rawInput: ListInput = {}): Item[] {
  const input = parseOrThrow(listCatalogInput, rawInput);
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
  db: OutpostDatabase,
  id: string,
  field: string,
  options: { active?: boolean } = {},
): ItemRow {
  const item = db.first(db.query.selectFrom('items').selectAll().where('id', '=', id));
  if (!item) return refuse('item_not_found', field);
  if (options.active && item.active !== 1) return refuse('item_inactive', field);
  return item;
}

export interface NewItem {
  name: string;
  category: ItemCategory;
  unit: string;
  sku?: string | null;
  unitsPerPack?: number;
  naloxoneForm?: NaloxoneForm | null;
  dosesPerUnit?: number | null;
  tracksLots?: boolean;
  isKit?: boolean;
  isCommon?: boolean;
  active?: boolean;
}

export function insertItem(db: OutpostDatabase, writer: Writer, item: NewItem): Item {
  const now = db.nowIso();
  const row: ItemRow = {
    id: newId(),
    name: item.name,
    sku: item.sku ?? null,
    category: item.category,
    unit: item.unit,
    units_per_pack: item.unitsPerPack ?? 1,
    naloxone_form: item.naloxoneForm ?? null,
    doses_per_unit: item.dosesPerUnit ?? null,
    tracks_lots: flag(item.tracksLots ?? false),
    is_kit: flag(item.isKit ?? false),
    is_common: flag(item.isCommon ?? false),
    active: flag(item.active ?? true),
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.run(db.query.insertInto('items').values(row));
  return toItem(row);
}

function skuTaken(db: OutpostDatabase, sku: string | null, exceptId: string | null): boolean {
  if (sku === null) return false;
  let query = db.query.selectFrom('items').select('id').where('sku', '=', sku);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return db.first(query.limit(1)) !== undefined;
}

function uniquenessProblems(db: OutpostDatabase, item: { name: string; sku: string | null }, exceptId: string | null) {
  return [
    ...(nameTaken(db, 'items', item.name, exceptId) ? [{ code: 'item_name_taken' as const, field: 'name' }] : []),
    ...(skuTaken(db, item.sku, exceptId) ? [{ code: 'sku_taken' as const, field: 'sku' }] : []),
  ];
}

export function createItem(db: OutpostDatabase, writer: Writer, rawInput: CreateItemInput): Item {
  const input = parseOrThrow(createItemInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    refuseAll(uniquenessProblems(db, input, null));
    const item = insertItem(db, writer, input);
    appendAudit(db, writer, { action: 'items.create', entityType: 'item', entityId: item.id, after: item });
    return item;
  });
}

/**
 * True once the item has been received, moved or handed out, alone or inside a kit. Reports read
 * its category, form and doses per unit from the catalog, so those then stay as they are.
 */
export function itemHasHistory(db: OutpostDatabase, itemId: string): boolean {
  const moved = db.first(db.query.selectFrom('stock_movements').select('id').where('item_id', '=', itemId).limit(1));
  const handedOut = db.first(
    db.query.selectFrom('field_entry_lines').select('id').where('item_id', '=', itemId).limit(1),
  );
  const handedOutInKit = db.first(
    db.query
      .selectFrom('kit_components as c')
      .innerJoin('field_entry_lines as l', 'l.kit_version_id', 'c.kit_version_id')
      .select('l.id')
      .where('c.component_item_id', '=', itemId)
      .limit(1),
  );
  return moved !== undefined || handedOut !== undefined || handedOutInKit !== undefined;
}

/** True when the item is in the current contents of some kit. */
function isKitComponent(db: OutpostDatabase, itemId: string): boolean {
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

type ItemChanges = Omit<z.output<typeof updateItemInput>, 'id'>;

/** The item as it will be. Leaving naloxone drops the form and doses unless they were given. */
function mergeItem(current: Item, changes: ItemChanges): Item {
  const next: Item = { ...current, ...definedOnly(changes) };
  if (next.category !== 'naloxone') {
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

function itemUpdateProblems(db: OutpostDatabase, current: Item, next: Item): { code: ErrorCode; field: string }[] {
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

export function updateItem(db: OutpostDatabase, writer: Writer, rawInput: UpdateItemInput): Item {
  const { id, ...changes } = parseOrThrow(updateItemInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    const before = toItem(requireItem(db, id, 'id'));
    const after = mergeItem(before, changes);
    if (changedKeys(before, after).length === 0) return before;
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
    appendAudit(db, writer, { action: 'items.update', entityType: 'item', entityId: id, before, after });
    return after;
  });
}

// Kits

export interface KitComponent {
  itemId: string;
  units: number;
}

function latestKitVersion(db: OutpostDatabase, kitItemId: string) {
  return db.first(
    db.query
      .selectFrom('kit_versions')
      .selectAll()
      .where('kit_item_id', '=', kitItemId)
      .orderBy('version', 'desc')
      .limit(1),
  );
}

/** The kit's current contents (its latest version); distribution lines and assembled lots record it. */
export function currentKitVersionId(db: OutpostDatabase, kitItemId: string): string | null {
  return latestKitVersion(db, kitItemId)?.id ?? null;
}

function readKitVersion(db: OutpostDatabase, versionId: string): KitVersion {
  const version = db.first(
    db.query
      .selectFrom('kit_versions as v')
      .innerJoin('staff as s', 's.id', 'v.created_by')
      .select(['v.id', 'v.kit_item_id', 'v.version', 'v.created_at', 's.display_name'])
      .where('v.id', '=', versionId),
  );
  if (!version) throw new OutpostError('internal_error', { message: `Kit version ${versionId} is missing.` });
  const components = db.all(
    db.query
      .selectFrom('kit_components as c')
      .innerJoin('items as i', 'i.id', 'c.component_item_id')
      .select(['c.component_item_id', 'c.units', 'i.name', 'i.category', 'i.unit'])
      .where('c.kit_version_id', '=', versionId)
      .orderBy('i.name')
      .orderBy('i.id'),
  );
  return {
    id: version.id,
    kitItemId: version.kit_item_id,
    version: version.version,
    createdAt: version.created_at,
    createdBy: version.display_name,
    components: components.map((component) => ({
      itemId: component.component_item_id,
      itemName: component.name,
      category: component.category,
      unit: component.unit,
      units: component.units,
    })),
  };
}

/** Appends version n+1 of a kit's contents. Versions are facts: earlier ones stay as they were. */
export function writeKitVersion(
  db: OutpostDatabase,
  writer: Writer,
  kitItemId: string,
  components: KitComponent[],
): KitVersion {
  const id = newId();
  db.run(
    db.query.insertInto('kit_versions').values({
      id,
      kit_item_id: kitItemId,
      version: (latestKitVersion(db, kitItemId)?.version ?? 0) + 1,
      origin_device_id: writer.deviceId,
      created_by: writer.staffId,
      created_at: db.nowIso(),
    }),
  );
  for (const component of components) {
    db.run(
      db.query
        .insertInto('kit_components')
        .values({ kit_version_id: id, component_item_id: component.itemId, units: component.units }),
    );
  }
  return readKitVersion(db, id);
}

function componentProblems(db: OutpostDatabase, components: KitComponent[]): { code: ErrorCode; field: string }[] {
  return components.flatMap((component, index): { code: ErrorCode; field: string }[] => {
    const field = `components.${index}.itemId`;
    const item = db.first(db.query.selectFrom('items').select(['is_kit', 'active']).where('id', '=', component.itemId));
    if (!item) return [{ code: 'item_not_found', field }];
    if (item.is_kit === 1) return [{ code: 'component_is_kit', field }];
    if (item.active !== 1) return [{ code: 'item_inactive', field }];
    return [];
  });
}

function sameContents(version: KitVersion, components: KitComponent[]): boolean {
  const wanted = new Map(components.map((component) => [component.itemId, component.units]));
  return (
    version.components.length === wanted.size &&
    version.components.every((component) => wanted.get(component.itemId) === component.units)
  );
}

/** Sets what a kit contains from now on, as a new version; unchanged contents write nothing. */
export function setKitContents(db: OutpostDatabase, writer: Writer, rawInput: SetKitContentsInput): KitVersion {
  const input = parseOrThrow(setKitContentsInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    const kit = requireItem(db, input.itemId, 'itemId');
    if (kit.is_kit !== 1) refuse('not_a_kit', 'itemId');
    refuseAll(componentProblems(db, input.components));
    const currentId = currentKitVersionId(db, kit.id);
    const before = currentId === null ? null : readKitVersion(db, currentId);
    if (before && sameContents(before, input.components)) return before;
    const after = writeKitVersion(db, writer, kit.id, input.components);
    appendAudit(db, writer, { action: 'items.setKitContents', entityType: 'item', entityId: kit.id, before, after });
    return after;
  });
}

export function kitContents(db: OutpostDatabase, rawInput: KitContentsInput): KitContents {
  const input = parseOrThrow(kitContentsInput, rawInput);
  requireItem(db, input.itemId, 'itemId');
  const currentId = currentKitVersionId(db, input.itemId);
  const contents: KitContents = {
    itemId: input.itemId,
    current: currentId === null ? null : readKitVersion(db, currentId),
  };
  if (input.allVersions) {
    const versions = db.all(
      db.query
        .selectFrom('kit_versions')
        .select('id')
        .where('kit_item_id', '=', input.itemId)
        .orderBy('version', 'desc'),
    );
    contents.versions = versions.map((version) => readKitVersion(db, version.id));
  }
  return contents;
}

// Service and referral types

export function toServiceType(row: ServiceTypeRow): ServiceType {
  return { id: row.id, name: row.name, kind: row.kind, sortOrder: row.sort_order, active: row.active === 1 };
}

export function listServiceTypes(db: OutpostDatabase, rawInput: ListServiceTypesInput = {}): ServiceType[] {
  const input = parseOrThrow(listServiceTypesInput, rawInput);
  let query = db.query.selectFrom('service_types').selectAll().orderBy('sort_order').orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  if (input.kind) query = query.where('kind', '=', input.kind);
  return db.all(query).map(toServiceType);
}

function nextSortOrder(db: OutpostDatabase): number {
  const row = db.first(db.query.selectFrom('service_types').select((eb) => eb.fn.max('sort_order').as('last')));
  return (row?.last ?? -1) + 1;
}

export function insertServiceType(
  db: OutpostDatabase,
  writer: Writer,
  service: { name: string; kind: ServiceKind; sortOrder?: number | undefined },
): ServiceType {
  const now = db.nowIso();
  const row: ServiceTypeRow = {
    id: newId(),
    name: service.name,
    kind: service.kind,
    sort_order: service.sortOrder ?? nextSortOrder(db),
    active: 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.run(db.query.insertInto('service_types').values(row));
  return toServiceType(row);
}

export function createServiceType(db: OutpostDatabase, writer: Writer, rawInput: CreateServiceTypeInput): ServiceType {
  const input = parseOrThrow(createServiceTypeInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    if (nameTaken(db, 'service_types', input.name, null)) refuse('service_type_name_taken', 'name');
    const service = insertServiceType(db, writer, input);
    appendAudit(db, writer, {
      action: 'serviceTypes.create',
      entityType: 'service_type',
      entityId: service.id,
      after: service,
    });
    return service;
  });
}

export function updateServiceType(db: OutpostDatabase, writer: Writer, rawInput: UpdateServiceTypeInput): ServiceType {
  const { id, ...changes } = parseOrThrow(updateServiceTypeInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    const row = db.first(db.query.selectFrom('service_types').selectAll().where('id', '=', id));
    if (!row) return refuse('service_type_not_found', 'id');
    const before = toServiceType(row);
    if (changes.name !== undefined && nameTaken(db, 'service_types', changes.name, id))
      refuse('service_type_name_taken', 'name');
    if (changedKeys(before, changes).length === 0) return before;
    const after: ServiceType = { ...before, ...definedOnly(changes) };
    db.run(
      db.query
        .updateTable('service_types')
        .set({
          name: after.name,
          kind: after.kind,
          sort_order: after.sortOrder,
          active: flag(after.active),
          updated_at: db.nowIso(),
        })
        .where('id', '=', id),
    );
    appendAudit(db, writer, { action: 'serviceTypes.update', entityType: 'service_type', entityId: id, before, after });
    return after;
  });
}

export const catalogHandlers: HandlerMap<
  | 'sites.list'
  | 'sites.create'
  | 'sites.update'
  | 'items.list'
  | 'items.create'
  | 'items.update'
  | 'items.setKitContents'
  | 'items.kitContents'
  | 'serviceTypes.list'
  | 'serviceTypes.create'
  | 'serviceTypes.update'
> = {
  'sites.list': (context, input) => listSites(context.db, input),
  'sites.create': (context, input, actor) => createSite(context.db, writerOf(context, actor), input),
  'sites.update': (context, input, actor) => updateSite(context.db, writerOf(context, actor), input),
  'items.list': (context, input) => listItems(context.db, input),
  'items.create': (context, input, actor) => createItem(context.db, writerOf(context, actor), input),
  'items.update': (context, input, actor) => updateItem(context.db, writerOf(context, actor), input),
  'items.setKitContents': (context, input, actor) => setKitContents(context.db, writerOf(context, actor), input),
  'items.kitContents': (context, input) => kitContents(context.db, input),
  'serviceTypes.list': (context, input) => listServiceTypes(context.db, input),
  'serviceTypes.create': (context, input, actor) => createServiceType(context.db, writerOf(context, actor), input),
  'serviceTypes.update': (context, input, actor) => updateServiceType(context.db, writerOf(context, actor), input),
};
