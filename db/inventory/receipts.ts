/**
 * Receipts: stock arriving at a site, in packs or units, with its lot and expiry when the item is
 * tracked by lot. Each is a record of its own plus a movement appended to the one ledger.
 */
import type { Operations, Writer, WriteScope } from '../access/operations';
import { requireItem } from '../catalog/items';
import { requireSite } from '../catalog/sites';
import type { ParsedInput } from '../contract';
import type { ErrorCode } from '../contract/errors';
import type { Receipt } from '../contract/inventory';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { msOf } from '../platform/instants';
import { keyOfExisting } from '../platform/keys';
import { refuse, refuseAll } from '../platform/records';
import type { ItemRow, LotRow } from '../platform/schema';
import { readSettings } from '../settings/settings';
import { appendMovement } from './ledger';
import { stockDay } from './stock-dates';

// Lots

export interface LotChoice {
  lotNumber: string | null;
  expiresOn: string | null;
}

function lotChoiceProblems(item: ItemRow, choice: LotChoice): { code: ErrorCode; field: string }[] {
  if (item.tracks_lots === 1) {
    return [
      ...(choice.lotNumber === null ? [{ code: 'lot_number_required' as const, field: 'lotNumber' }] : []),
      ...(choice.expiresOn === null ? [{ code: 'expiry_required' as const, field: 'expiresOn' }] : []),
    ];
  }
  return [
    ...(choice.lotNumber !== null ? [{ code: 'lot_not_tracked' as const, field: 'lotNumber' }] : []),
    ...(choice.expiresOn !== null ? [{ code: 'lot_not_tracked' as const, field: 'expiresOn' }] : []),
  ];
}

/**
 * The lot stock comes in as: null for items not tracked by lot, the item's lot with that number
 * (whose expiry must match), or a new lot. Call inside the write's transaction.
 */
export function receivingLot(
  db: WritableDatabase,
  writer: Writer,
  item: ItemRow,
  choice: LotChoice,
): { lot: LotRow | null; created: boolean } {
  refuseAll(lotChoiceProblems(item, choice));
  if (choice.lotNumber === null) return { lot: null, created: false };
  const existing = db.first(
    db.query.selectFrom('lots').selectAll().where('item_id', '=', item.id).where('lot_number', '=', choice.lotNumber),
  );
  if (existing) {
    if (existing.expires_on !== choice.expiresOn) refuse('lot_expiry_mismatch', 'expiresOn');
    return { lot: existing, created: false };
  }
  const record: Omit<LotRow, 'key' | 'on_hold'> = {
    id: newId(),
    item_id: item.id,
    lot_number: choice.lotNumber,
    expires_on: choice.expiresOn,
    kit_version_id: null,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  };
  db.insert('lots', record);
  return { lot: { key: keyOfExisting(db, 'lots', record.id), on_hold: 0, ...record }, created: true };
}

/**
 * A new lot's audit change. The key goes beside the record, not inside it, and the cached hold is
 * left out (its own facts say it): the lot audited stays the record as it syncs, named by its id.
 */
export function lotCreated({ key, on_hold: _held, ...record }: LotRow) {
  return { entity: 'lot' as const, id: record.id, key, after: record };
}

// Receipts

function readReceipt(db: ReadableDatabase, id: string): Receipt {
  const row = db.first(
    db.query
      .selectFrom('receipts as r')
      .innerJoin('sites as s', 's.id', 'r.site_id')
      .innerJoin('items as i', 'i.id', 'r.item_id')
      .innerJoin('staff as st', 'st.id', 'r.created_by')
      .leftJoin('lots as l', 'l.id', 'r.lot_id')
      .select([
        'r.id',
        'r.site_id',
        's.name as site_name',
        'r.item_id',
        'i.name as item_name',
        'i.unit',
        'r.lot_id',
        'l.lot_number',
        'l.expires_on',
        'r.source',
        'r.packs',
        'r.units_per_pack',
        'r.units',
        'r.received_at',
        'r.local_date',
        'r.note',
        'st.display_name',
      ])
      .where('r.id', '=', id),
  );
  if (!row) return refuse('internal_error');
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    itemId: row.item_id,
    itemName: row.item_name,
    unit: row.unit,
    lotId: row.lot_id,
    lotNumber: row.lot_number,
    expiresOn: row.expires_on,
    source: row.source,
    packs: row.packs,
    unitsPerPack: row.units_per_pack,
    units: row.units,
    receivedAt: row.received_at,
    localDate: row.local_date,
    note: row.note,
    receivedBy: row.display_name,
  };
}

const maxReceiptUnits = 10_000_000;

/** Stock arriving at a site: the receipt, and a `receipt` movement adding its units to the ledger. */
function receiveStock({ db, writer }: WriteScope, input: ParsedInput<'inventory.receive'>) {
  const site = requireSite(db, input.siteId, 'siteId', { active: true });
  const item = requireItem(db, input.itemId, 'itemId', { active: true });
  const units = input.units ?? (input.packs ?? 0) * item.units_per_pack;
  if (units > maxReceiptUnits) refuse('receipt_too_large', 'packs');
  const day = stockDay(db, readSettings(db), input.receivedAt, {
    field: 'receivedAt',
    beforeStockStart: 'received_before_stock_start',
  });
  if (input.expiresOn !== null && input.expiresOn < day.today && input.expiredConfirmed !== true)
    refuse('expiry_in_past', 'expiresOn');
  const { lot, created } = receivingLot(db, writer, item, input);
  const id = newId();
  db.insert('receipts', {
    id,
    site_id: site.id,
    item_id: item.id,
    lot_id: lot?.id ?? null,
    source: input.source,
    packs: input.packs ?? null,
    units_per_pack: item.units_per_pack,
    units,
    received_at: day.occurredAt,
    local_date: day.localDate,
    note: input.note,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  });
  const key = keyOfExisting(db, 'receipts', id);
  appendMovement(db, writer, {
    kind: 'receipt',
    siteKey: site.key,
    itemKey: item.key,
    lotKey: lot?.key ?? null,
    units,
    occurredMs: msOf(day.occurredAt),
    localDate: day.localDate,
    sourceType: 'receipt',
    sourceKey: key,
  });
  const receipt = readReceipt(db, id);
  return {
    value: receipt,
    changes: [...(created && lot ? [lotCreated(lot)] : []), { entity: 'receipt' as const, id, key, after: receipt }],
  };
}

export const receiptOperations: Operations<'inventory.receive'> = {
  'inventory.receive': receiveStock,
};
