/**
 * Presets: named bundles of supplies for the field screen. Coordinators and admins keep them;
 * every change is audited with the preset before and after; a preset is retired, never deleted.
 */
import { written, type Operations, type WriteScope } from '../access/operations';
import { requireItem } from '../catalog/items';
import type { ParsedInput } from '../contract';
import type { Preset, presetChannels } from '../contract/presets';
import type { ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { nameTaken, refuse } from '../platform/records';
import type { PresetRow } from '../platform/schema';

interface StoredLine {
  itemId: string;
  quantity: number;
}

/** A new row has no key until it is inserted; the contract's shape never shows it. */
function toPreset(db: ReadableDatabase, row: Omit<PresetRow, 'key'>): Preset {
  const stored = JSON.parse(row.lines_json) as StoredLine[];
  const items = new Map(
    (stored.length === 0
      ? []
      : db.all(
          db.query
            .selectFrom('items')
            .select(['id', 'name', 'unit'])
            .where(
              'id',
              'in',
              stored.map((line) => line.itemId),
            ),
        )
    ).map((item) => [item.id, item]),
  );
  return {
    id: row.id,
    name: row.name,
    lines: stored.map((line) => ({
      itemId: line.itemId,
      itemName: items.get(line.itemId)?.name ?? '',
      unit: items.get(line.itemId)?.unit ?? '',
      quantity: line.quantity,
    })),
    sortOrder: row.sort_order,
    active: row.active === 1,
  };
}

/** Every item of a preset must exist and still be offered; errors name the line. */
function checkLines(db: ReadableDatabase, lines: StoredLine[]): void {
  lines.forEach((line, index) => requireItem(db, line.itemId, `lines.${index}.itemId`, { active: true }));
}

function listPresets({ db }: { db: ReadableDatabase }, input: ParsedInput<'presets.list'>): Preset[] {
  let query = db.query.selectFrom('presets').selectAll().orderBy('sort_order').orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map((row) => toPreset(db, row));
}

function createPreset({ db, writer }: WriteScope, input: ParsedInput<'presets.create'>) {
  if (nameTaken(db, 'presets', input.name, null)) refuse('preset_name_taken', 'name');
  checkLines(db, input.lines);
  const now = db.nowIso();
  const last = db.first(db.query.selectFrom('presets').select('sort_order').orderBy('sort_order', 'desc').limit(1));
  const row: Omit<PresetRow, 'key'> = {
    id: newId(),
    name: input.name,
    lines_json: JSON.stringify(input.lines),
    sort_order: input.sortOrder ?? (last ? last.sort_order + 1 : 0),
    active: 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('presets', row);
  const preset = toPreset(db, row);
  return written(preset, { entity: 'preset', id: row.id, after: preset });
}

function updatePreset({ db }: WriteScope, input: ParsedInput<'presets.update'>) {
  const current = db.first(db.query.selectFrom('presets').selectAll().where('id', '=', input.id));
  if (!current) return refuse('preset_not_found', 'id');
  if (input.name !== undefined && nameTaken(db, 'presets', input.name, current.id)) refuse('preset_name_taken', 'name');
  if (input.lines) checkLines(db, input.lines);
  const before = toPreset(db, current);
  const next: PresetRow = {
    ...current,
    name: input.name ?? current.name,
    lines_json: input.lines ? JSON.stringify(input.lines) : current.lines_json,
    sort_order: input.sortOrder ?? current.sort_order,
    active: input.active === undefined ? current.active : input.active ? 1 : 0,
  };
  const unchanged =
    next.name === current.name &&
    next.lines_json === current.lines_json &&
    next.sort_order === current.sort_order &&
    next.active === current.active;
  if (unchanged) return written(before);
  next.updated_at = db.nowIso();
  db.run(
    db.query
      .updateTable('presets')
      .set({
        name: next.name,
        lines_json: next.lines_json,
        sort_order: next.sort_order,
        active: next.active,
        updated_at: next.updated_at,
      })
      .where('id', '=', current.id),
  );
  const after = toPreset(db, next);
  return written(after, { entity: 'preset', id: current.id, before, after });
}

export const presetOperations: Operations<keyof typeof presetChannels> = {
  'presets.list': listPresets,
  'presets.create': createPreset,
  'presets.update': updatePreset,
};
