/**
 * Adjustments: stock that changes at a site for a reason other than handing out, receiving or a
 * transfer (damaged, expired, donated, lost, found, a count correction, disposal, a recall, or a
 * reason the program added). Each is a fact with signed lines, appended to the ledger. Taking
 * stock off takes only what is there, expired lots included (taking them off is what some of these
 * reasons are for), and lots on hold too (a recall is taken off this way); adding units of an item
 * tracked by lot names the lot.
 */
import type { Operations, WriteScope } from '../access/operations';
import { written } from '../access/operations';
import { requireSite } from '../catalog/sites';
import type { ParsedInput } from '../contract';
import type { Adjustment, AdjustmentReasonRecord } from '../contract/inventory';
import {
  adjustmentReasonDirections,
  adjustmentReasons,
  type AdjustmentDirection,
  type AdjustmentReason,
} from '../contract/vocabulary';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { idBytes, newId } from '../platform/ids';
import { isoOf, msOf } from '../platform/instants';
import { insertedKey, savedFromForm, writerKeys } from '../platform/keys';
import { changedKeys, definedOnly, nameTaken, refuse } from '../platform/records';
import type { AdjustmentReasonRow } from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { readSettings } from '../settings/settings';
import { appendMovement } from './ledger';
import { lineItem, pickedLotKey, takeFromShelf } from './shelf';
import { stockDay } from './stock-dates';

// Reasons

function builtInReason(reason: AdjustmentReason): AdjustmentReasonRecord {
  return { id: reason, builtIn: true, name: reason, direction: adjustmentReasonDirections[reason], active: true };
}

function customReason(row: AdjustmentReasonRow): AdjustmentReasonRecord {
  return { id: row.id, builtIn: false, name: row.name, direction: row.direction, active: row.active === 1 };
}

function isBuiltIn(id: string): id is AdjustmentReason {
  return (adjustmentReasons as readonly string[]).includes(id);
}

function customReasonRow(db: ReadableDatabase, id: string, field: string): AdjustmentReasonRow {
  const row = db.statement('SELECT * FROM adjustment_reasons WHERE id = ?').get(id) as AdjustmentReasonRow | undefined;
  return row ?? refuse('adjustment_reason_not_found', field);
}

/** Outpost's own reasons in their order, then the program's by name. */
function listReasons({ db }: { db: ReadableDatabase }, input: ParsedInput<'adjustmentReasons.list'>) {
  const custom = db
    .statement(
      `SELECT * FROM adjustment_reasons ${input.includeInactive ? '' : 'WHERE active = 1'} ORDER BY lower(name), id`,
    )
    .all() as AdjustmentReasonRow[];
  return [...adjustmentReasons.map(builtInReason), ...custom.map(customReason)];
}

function createReason({ db, writer }: WriteScope, input: ParsedInput<'adjustmentReasons.create'>) {
  if (nameTaken(db, 'adjustment_reasons', input.name, null)) refuse('adjustment_reason_name_taken', 'name');
  const now = db.nowIso();
  const row: Omit<AdjustmentReasonRow, 'key'> = {
    id: newId(),
    name: input.name,
    direction: input.direction,
    active: 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('adjustment_reasons', row);
  const reason = customReason({ key: 0, ...row });
  return written(reason, { entity: 'adjustment_reason', id: reason.id, after: reason });
}

function updateReason({ db }: WriteScope, { id, ...changes }: ParsedInput<'adjustmentReasons.update'>) {
  if (isBuiltIn(id)) refuse('adjustment_reason_built_in', 'id');
  const before = customReason(customReasonRow(db, id, 'id'));
  if (changes.name !== undefined && nameTaken(db, 'adjustment_reasons', changes.name, id))
    refuse('adjustment_reason_name_taken', 'name');
  if (changedKeys(before, changes).length === 0) return written(before);
  const after: AdjustmentReasonRecord = { ...before, ...definedOnly(changes) };
  db.statement('UPDATE adjustment_reasons SET name = ?, direction = ?, active = ?, updated_at = ? WHERE id = ?').run(
    after.name,
    after.direction,
    after.active ? 1 : 0,
    db.nowIso(),
    id,
  );
  return written(after, { entity: 'adjustment_reason', id, before, after });
}

// Adjustments

const adjustmentSelect = `SELECT a.key, a.id, a.reason, a.custom_reason_key, a.occurred_ms, a.local_date, a.note,
     s.id AS site_id, s.name AS site_name, st.display_name AS by
   FROM adjustments a
   JOIN sites s ON s.key = a.site_key
   JOIN staff st ON st.key = a.created_by_key`;

interface AdjustmentViewRow {
  key: number;
  id: string;
  reason: number | null;
  custom_reason_key: number | null;
  occurred_ms: number;
  local_date: string;
  note: string | null;
  site_id: string;
  site_name: string;
  by: string;
}

/** The reason an adjustment was stored with: Outpost's own by its code, or the program's by its key. */
export function storedReason(
  db: ReadableDatabase,
  row: { reason: number | null; custom_reason_key: number | null },
): AdjustmentReasonRecord {
  return row.reason !== null
    ? builtInReason(storedCodes.adjustmentReason.value(row.reason))
    : customReason(
        db
          .statement('SELECT * FROM adjustment_reasons WHERE key = ?')
          .get(row.custom_reason_key) as AdjustmentReasonRow,
      );
}

function adjustmentView(db: ReadableDatabase, row: AdjustmentViewRow): Adjustment {
  const reason = storedReason(db, row);
  const lines = db
    .statement(
      `SELECT al.line, i.id AS item_id, i.name AS item_name, i.unit, l.id AS lot_id, l.lot_number, al.units
       FROM adjustment_lines al
       JOIN items i ON i.key = al.item_key
       LEFT JOIN lots l ON l.key = al.lot_key
       WHERE al.adjustment_key = ?
       ORDER BY al.line`,
    )
    .all(row.key) as {
    line: number;
    item_id: string;
    item_name: string;
    unit: string;
    lot_id: string | null;
    lot_number: string | null;
    units: number;
  }[];
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    reason,
    occurredAt: isoOf(row.occurred_ms),
    localDate: row.local_date,
    note: row.note,
    by: row.by,
    lines: lines.map((line) => ({
      line: line.line,
      itemId: line.item_id,
      itemName: line.item_name,
      unit: line.unit,
      lotId: line.lot_id,
      lotNumber: line.lot_number,
      units: line.units,
    })),
  };
}

function readAdjustment(db: ReadableDatabase, key: number): Adjustment {
  const row = db.statement(`${adjustmentSelect} WHERE a.key = ?`).get(key) as AdjustmentViewRow | undefined;
  if (!row) throw new Error(`No adjustment has key ${key}.`);
  return adjustmentView(db, row);
}

/** Adjustments, newest first, at a site or everywhere. */
function listAdjustments({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.adjustments'>) {
  const site = input.siteId ? requireSite(db, input.siteId, 'siteId') : null;
  const rows = db
    .statement(
      `${adjustmentSelect} ${site ? 'WHERE a.site_key = ?' : ''} ORDER BY a.occurred_ms DESC, a.key DESC LIMIT ?`,
    )
    .all(...(site ? [site.key] : []), input.limit ?? 100) as AdjustmentViewRow[];
  return rows.map((row) => adjustmentView(db, row));
}

/** The reason an adjustment names, as stored: Outpost's own by code, the program's by key. */
function resolveReason(
  db: ReadableDatabase,
  id: string,
): { code: number | null; customKey: number | null; direction: AdjustmentDirection } {
  if (isBuiltIn(id)) {
    return { code: storedCodes.adjustmentReason.code(id), customKey: null, direction: adjustmentReasonDirections[id] };
  }
  const row = customReasonRow(db, id, 'reason');
  if (row.active !== 1) refuse('adjustment_reason_inactive', 'reason');
  return { code: null, customKey: row.key, direction: row.direction };
}

function insertAdjustment(
  db: WritableDatabase,
  scope: WriteScope,
  input: ParsedInput<'inventory.adjust'>,
  siteKey: number,
): number {
  const reason = resolveReason(db, input.reason);
  const day = stockDay(db, readSettings(db), input.occurredAt, {
    field: 'occurredAt',
    beforeStockStart: 'adjusted_before_stock_start',
  });
  const { deviceKey, staffKey } = writerKeys(db, scope.writer);
  db.statement(
    `INSERT INTO adjustments (id, site_key, reason, custom_reason_key, occurred_ms, local_date, note, form_key,
       origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    siteKey,
    reason.code,
    reason.customKey,
    msOf(day.occurredAt),
    day.localDate,
    input.note,
    input.formKey === undefined ? null : idBytes(input.formKey),
    deviceKey,
    staffKey,
    db.nowMs(),
  );
  const key = insertedKey(db);
  const insertLine = db.statement(
    'INSERT INTO adjustment_lines (adjustment_key, line, item_key, lot_key, units) VALUES (?, ?, ?, ?, ?)',
  );
  let lineNumber = 0;
  input.lines.forEach((line, index) => {
    const at = `lines.${index}`;
    if (reason.direction === 'either' && line.direction === undefined)
      refuse('adjustment_direction_required', `${at}.direction`);
    if (reason.direction !== 'either' && line.direction !== undefined && line.direction !== reason.direction)
      refuse('adjustment_direction_mismatch', `${at}.direction`);
    const direction = line.direction ?? (reason.direction as 'add' | 'remove');
    const item = lineItem(db, line.itemId, `${at}.itemId`);
    const lotKey = line.lotId
      ? pickedLotKey(db, item, line.lotId, `${at}.lotId`, { allowHeld: direction === 'remove' })
      : null;
    const pieces =
      direction === 'remove'
        ? takeFromShelf(
            db,
            { siteKey, item, units: line.units, lotKey, onDate: day.localDate, includeUnusable: true },
            { quantity: `${at}.units`, exceeds: 'adjustment_exceeds_stock' },
          ).map((allocation) => ({ lotKey: allocation.lotKey, units: -allocation.units }))
        : [{ lotKey: addedLotKey(item.tracks_lots === 1, lotKey, at), units: line.units }];
    for (const piece of pieces) {
      lineNumber += 1;
      insertLine.run(key, lineNumber, item.key, piece.lotKey, piece.units);
      appendMovement(db, scope.writer, {
        kind: 'adjustment',
        siteKey,
        itemKey: item.key,
        lotKey: piece.lotKey,
        units: piece.units,
        occurredMs: msOf(day.occurredAt),
        localDate: day.localDate,
        sourceType: 'adjustment',
        sourceKey: key,
      });
    }
  });
  return key;
}

/** Units added to an item tracked by lot go into a named lot; others into no lot. */
function addedLotKey(tracksLots: boolean, lotKey: number | null, at: string): number | null {
  if (tracksLots && lotKey === null) refuse('adjustment_lot_required', `${at}.lotId`);
  if (!tracksLots && lotKey !== null) refuse('lot_not_tracked', `${at}.lotId`);
  return lotKey;
}

function adjust(scope: WriteScope, input: ParsedInput<'inventory.adjust'>) {
  const { db } = scope;
  const savedBefore = savedFromForm(db, 'adjustments', input.formKey);
  if (savedBefore) return written(readAdjustment(db, savedBefore.key));
  const site = requireSite(db, input.siteId, 'siteId', { active: true });
  const key = insertAdjustment(db, scope, input, site.key);
  const adjustment = readAdjustment(db, key);
  return written(adjustment, { entity: 'adjustment', id: adjustment.id, key, keptAsFact: true, after: adjustment });
}

/**
 * Every adjustment against the ledger: its movements at its site are its lines, lot by lot, and no
 * movement names it that is not one of them. Counts each adjustment that fails once.
 */
export function checkAdjustments(db: ReadableDatabase): { rows: number; mismatches: number } {
  const source = storedCodes.movementSource.code('adjustment');
  const kind = storedCodes.movementKind.code('adjustment');
  const differences = db.statement(
    `SELECT count(*) FROM (
       SELECT item_key, coalesce(lot_key, 0) AS lot, sum(units) AS units FROM (
         SELECT item_key, lot_key, units FROM adjustment_lines WHERE adjustment_key = @adjustment
         UNION ALL
         SELECT item_key, lot_key, -units FROM stock_movements INDEXED BY stock_movements_by_source
         WHERE source_type = ${source} AND source_key = @adjustment AND kind = ${kind} AND site_key = @site
       )
       GROUP BY item_key, lot
       HAVING sum(units) <> 0
     )`,
  );
  const strays = db.statement(
    `SELECT count(*) FROM stock_movements INDEXED BY stock_movements_by_source
     WHERE source_type = ${source} AND source_key = ? AND (kind <> ${kind} OR site_key <> ?)`,
  );
  let rows = 0;
  let mismatches = 0;
  for (const adjustment of db.statement('SELECT key, site_key FROM adjustments ORDER BY key').iterate() as Iterable<{
    key: number;
    site_key: number;
  }>) {
    rows += 1;
    const off =
      (differences.pluck().get({ adjustment: adjustment.key, site: adjustment.site_key }) as number) +
      (strays.pluck().get(adjustment.key, adjustment.site_key) as number);
    if (off > 0) mismatches += 1;
  }
  return { rows, mismatches };
}

export const adjustmentOperations: Operations<
  | 'inventory.adjust'
  | 'inventory.adjustments'
  | 'adjustmentReasons.list'
  | 'adjustmentReasons.create'
  | 'adjustmentReasons.update'
> = {
  'inventory.adjust': adjust,
  'inventory.adjustments': listAdjustments,
  'adjustmentReasons.list': listReasons,
  'adjustmentReasons.create': createReason,
  'adjustmentReasons.update': updateReason,
};
