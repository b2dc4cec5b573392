/**
 * Presets: named bundles of supplies for the field screen. Coordinators and admins keep them;
 * every change is audited with the preset before and after; a preset is retired, never deleted.
 */
import { appendAudit } from '../audit/audit-log';
import { nameTaken, refuse, requireItem } from '../catalog/catalog';
import {
  createPresetInput,
  listPresetsInput,
  updatePresetInput,
  type CreatePresetInput,
  type ListPresetsInput,
  type Preset,
  type UpdatePresetInput,
} from '../contract/presets';
import { parseOrThrow } from '../contract/validation';
import type { OutpostDatabase } from '../platform/database';
import { writerOf, type HandlerMap } from '../runtime/operations';
import { newId } from '../platform/ids';
import type { PresetRow } from '../platform/schema';
import { requireRole, stockRoles, type Writer } from '../access/roles';

interface StoredLine {
  itemId: string;
  quantity: number;
}

function toPreset(db: OutpostDatabase, row: PresetRow): Preset {
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
function checkLines(db: OutpostDatabase, lines: StoredLine[]): void {
  lines.forEach((line, index) => requireItem(db, line.itemId, `lines.${index}.itemId`, { active: true }));
}

export function listPresets(db: OutpostDatabase, rawInput: ListPresetsInput = {}): Preset[] {
  const input = parseOrThrow(listPresetsInput, rawInput);
  let query = db.query.selectFrom('presets').selectAll().orderBy('sort_order').orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return db.all(query).map((row) => toPreset(db, row));
}

export function createPreset(db: OutpostDatabase, writer: Writer, rawInput: CreatePresetInput): Preset {
  const input = parseOrThrow(createPresetInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    if (nameTaken(db, 'presets', input.name, null)) refuse('preset_name_taken', 'name');
    checkLines(db, input.lines);
    const now = db.nowIso();
    const last = db.first(db.query.selectFrom('presets').select('sort_order').orderBy('sort_order', 'desc').limit(1));
    const row: PresetRow = {
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
    appendAudit(db, writer, { action: 'presets.create', entityType: 'preset', entityId: row.id, after: preset });
    return preset;
  });
}

export function updatePreset(db: OutpostDatabase, writer: Writer, rawInput: UpdatePresetInput): Preset {
  const input = parseOrThrow(updatePresetInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    const current = db.first(db.query.selectFrom('presets').selectAll().where('id', '=', input.id));
    if (!current) return refuse('preset_not_found', 'id');
    if (input.name !== undefined && nameTaken(db, 'presets', input.name, current.id))
      refuse('preset_name_taken', 'name');
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
    if (unchanged) return before;
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
    appendAudit(db, writer, { action: 'presets.update', entityType: 'preset', entityId: current.id, before, after });
    return after;
  });
}

export const presetHandlers: HandlerMap<'presets.list' | 'presets.create' | 'presets.update'> = {
  'presets.list': (context, input) => listPresets(context.db, input),
  'presets.create': (context, input, actor) => createPreset(context.db, writerOf(context, actor), input),
  'presets.update': (context, input, actor) => updatePreset(context.db, writerOf(context, actor), input),
};
