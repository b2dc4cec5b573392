/**
 * Kits: items assembled from other items. Each change of contents is a new, immutable version, so
 * a kit handed out or assembled counts its components as they were then.
 */
import { written, type Operations, type Writer, type WriteScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import type { KitContents, KitVersion } from '../contract/catalog';
import { OutpostError, type ErrorCode } from '../contract/errors';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import type { KitVersionRow } from '../platform/schema';
import { refuse, refuseAll } from '../platform/records';
import { requireItem } from './items';

export interface KitComponent {
  itemId: string;
  units: number;
}

/** Fixed SQL through a cached statement: every save of a kit line asks for it. */
function latestKitVersion(db: ReadableDatabase, kitItemId: string): KitVersionRow | undefined {
  return db
    .statement('SELECT * FROM kit_versions WHERE kit_item_id = ? ORDER BY version DESC LIMIT 1')
    .get(kitItemId) as KitVersionRow | undefined;
}

/** The kit's current contents (its latest version); distribution lines and assembled lots record it. */
export function currentKitVersionId(db: ReadableDatabase, kitItemId: string): string | null {
  return latestKitVersion(db, kitItemId)?.id ?? null;
}

/** The same version by its key, as distribution lines record it. */
export function currentKitVersionKey(db: ReadableDatabase, kitItemId: string): number | null {
  return latestKitVersion(db, kitItemId)?.key ?? null;
}

function readKitVersion(db: ReadableDatabase, versionId: string): KitVersion {
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
function writeKitVersion(
  db: WritableDatabase,
  writer: Writer,
  kitItemId: string,
  components: KitComponent[],
): KitVersion {
  const id = newId();
  db.insert('kit_versions', {
    id,
    kit_item_id: kitItemId,
    version: (latestKitVersion(db, kitItemId)?.version ?? 0) + 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  });
  for (const component of components) {
    db.insert('kit_components', { kit_version_id: id, component_item_id: component.itemId, units: component.units });
  }
  return readKitVersion(db, id);
}

function componentProblems(db: ReadableDatabase, components: KitComponent[]): { code: ErrorCode; field: string }[] {
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
function setKitContents({ db, writer }: WriteScope, input: ParsedInput<'items.setKitContents'>) {
  const kit = requireItem(db, input.itemId, 'itemId');
  if (kit.is_kit !== 1) refuse('not_a_kit', 'itemId');
  refuseAll(componentProblems(db, input.components));
  const currentId = currentKitVersionId(db, kit.id);
  const before = currentId === null ? null : readKitVersion(db, currentId);
  if (before && sameContents(before, input.components)) return written(before);
  const after = writeKitVersion(db, writer, kit.id, input.components);
  return written(after, { entity: 'item', id: kit.id, before, after });
}

function kitContents({ db }: { db: ReadableDatabase }, input: ParsedInput<'items.kitContents'>): KitContents {
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

export const kitOperations: Operations<'items.setKitContents' | 'items.kitContents'> = {
  'items.setKitContents': setKitContents,
  'items.kitContents': kitContents,
};
