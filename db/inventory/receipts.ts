/**
 * Receipts: stock arriving at a site, in packs or units, with its lot and expiry when the item is
 * tracked by lot. Stock comes as deliveries: one or more lines received together, each a receipt
 * of its own (0014: they share delivery_id, the first line's id, and number themselves by
 * delivery_line) plus a movement appended to the one ledger. A line filled from a scan names the
 * package's GTIN and counts its packs in that package's units. A single receipt is a delivery of
 * one line.
 */
import type { Operations, Writer, WriteScope } from '../access/operations';
import type { RecordChange } from '../audit/audit-log';
import { gtinRow } from '../catalog/gtins';
import { requireItem } from '../catalog/items';
import { requireSite } from '../catalog/sites';
import type { ParsedInput } from '../contract';
import type { ErrorCode } from '../contract/errors';
import type { Delivery, Receipt } from '../contract/inventory';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { idBytes, newId } from '../platform/ids';
import { msOf } from '../platform/instants';
import { keyOfExisting, savedFromForm } from '../platform/keys';
import { refuse, refuseAll } from '../platform/records';
import type { ItemRow, LotRow } from '../platform/schema';
import { readSettings } from '../settings/settings';
import { appendMovement } from './ledger';
import { stockDay, type StockDay } from './stock-dates';

// Lots

export interface LotChoice {
  lotNumber: string | null;
  expiresOn: string | null;
}

/** `at` is where the line sits in the input ("lines.2."), so each refusal names its own field. */
function lotChoiceProblems(item: ItemRow, choice: LotChoice, at: string): { code: ErrorCode; field: string }[] {
  if (item.tracks_lots === 1) {
    return [
      ...(choice.lotNumber === null ? [{ code: 'lot_number_required' as const, field: `${at}lotNumber` }] : []),
      ...(choice.expiresOn === null ? [{ code: 'expiry_required' as const, field: `${at}expiresOn` }] : []),
    ];
  }
  return [
    ...(choice.lotNumber !== null ? [{ code: 'lot_not_tracked' as const, field: `${at}lotNumber` }] : []),
    ...(choice.expiresOn !== null ? [{ code: 'lot_not_tracked' as const, field: `${at}expiresOn` }] : []),
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
  at = '',
): { lot: LotRow | null; created: boolean } {
  refuseAll(lotChoiceProblems(item, choice, at));
  if (choice.lotNumber === null) return { lot: null, created: false };
  const existing = db.first(
    db.query.selectFrom('lots').selectAll().where('item_id', '=', item.id).where('lot_number', '=', choice.lotNumber),
  );
  if (existing) {
    if (existing.expires_on !== choice.expiresOn) refuse('lot_expiry_mismatch', `${at}expiresOn`);
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

// Reading

const receiptColumns = `SELECT r.key, r.id, r.site_id, s.name AS site_name, r.item_id, i.name AS item_name, i.unit,
     r.lot_id, l.lot_number, l.expires_on, r.source, r.packs, r.units_per_pack, r.units, r.received_at,
     r.local_date, r.note, st.display_name AS received_by, r.delivery_id, r.delivery_line, r.reference, r.gtin
   FROM receipts r`;
const receiptJoins = `JOIN sites s ON s.id = r.site_id
   JOIN items i ON i.id = r.item_id
   JOIN staff st ON st.id = r.created_by
   LEFT JOIN lots l ON l.id = r.lot_id`;
const receiptSelect = `${receiptColumns} ${receiptJoins}`;

interface ReceiptViewRow {
  key: number;
  id: string;
  site_id: string;
  site_name: string;
  item_id: string;
  item_name: string;
  unit: string;
  lot_id: string | null;
  lot_number: string | null;
  expires_on: string | null;
  source: string | null;
  packs: number | null;
  units_per_pack: number;
  units: number;
  received_at: string;
  local_date: string;
  note: string | null;
  received_by: string;
  delivery_id: string | null;
  delivery_line: number | null;
  reference: string | null;
  gtin: string | null;
}

function receiptView(row: ReceiptViewRow): Receipt {
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
    receivedBy: row.received_by,
    // A receipt from before deliveries (0014) is a delivery of its own.
    deliveryId: row.delivery_id ?? row.id,
    deliveryLine: row.delivery_line ?? 1,
    reference: row.reference,
    gtin: row.gtin,
  };
}

function readReceipt(db: ReadableDatabase, id: string): Receipt {
  const row = db.statement(`${receiptSelect} WHERE r.id = ?`).get(id) as ReceiptViewRow | undefined;
  if (!row) throw new Error(`No receipt has id ${id}.`);
  return receiptView(row);
}

/** A delivery from its lines, in their order; the first line's record holds what they share. */
function deliveryView(rows: readonly ReceiptViewRow[]): Delivery {
  const lines = rows.map(receiptView);
  const first = rows[0]!;
  return {
    id: lines[0]!.deliveryId,
    key: first.key,
    siteId: first.site_id,
    siteName: first.site_name,
    source: first.source,
    reference: first.reference,
    receivedAt: first.received_at,
    localDate: first.local_date,
    note: first.note,
    receivedBy: first.received_by,
    units: lines.reduce((sum, line) => sum + line.units, 0),
    lines,
  };
}

function deliveryLines(db: ReadableDatabase, id: string): ReceiptViewRow[] {
  return db
    .statement(
      `${receiptSelect} WHERE r.delivery_id = ? OR (r.delivery_id IS NULL AND r.id = ?) ORDER BY r.delivery_line`,
    )
    .all(id, id) as ReceiptViewRow[];
}

function readDelivery(db: ReadableDatabase, id: string): Delivery {
  const rows = deliveryLines(db, id);
  if (rows.length === 0) throw new Error(`No delivery has id ${id}.`);
  return deliveryView(rows);
}

const defaultListedDeliveries = 20;

/**
 * Deliveries at a site or everywhere, newest day first (then newest entered), a page at a time:
 * their first lines walk receipts_by_date backwards, and each brings its other lines.
 */
function listDeliveries({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.deliveries'>) {
  const conditions = ['(r.delivery_line IS NULL OR r.delivery_line = 1)'];
  const values: (string | number)[] = [];
  if (input.siteId !== undefined) {
    requireSite(db, input.siteId, 'siteId');
    conditions.push('r.site_id = ?');
    values.push(input.siteId);
  }
  if (input.before !== undefined) {
    conditions.push('(r.local_date, r.key) < (?, ?)');
    values.push(input.before.localDate, input.before.key);
  }
  const limit = input.limit ?? defaultListedDeliveries;
  const firsts = db
    .statement(
      `${receiptColumns} INDEXED BY receipts_by_date ${receiptJoins} WHERE ${conditions.join(' AND ')}
       ORDER BY r.local_date DESC, r.key DESC LIMIT ?`,
    )
    .all(...values, limit + 1) as ReceiptViewRow[];
  return {
    deliveries: firsts.slice(0, limit).map((first) => readDelivery(db, first.delivery_id ?? first.id)),
    more: firsts.length > limit,
  };
}

// Writing

const maxReceiptUnits = 10_000_000;

interface DeliveryHeader {
  siteId: string;
  source: string | null;
  reference: string | null;
  receivedAt?: string | undefined;
  note: string | null;
  formKey?: string | undefined;
}

type DeliveryLine = ParsedInput<'inventory.receiveDelivery'>['lines'][number];

/**
 * The units inside one pack of the line: the scanned package's, which must be one of the item's
 * active GTINs, or the item's own pack size.
 */
function unitsPerPackOf(db: ReadableDatabase, item: ItemRow, gtin: string | undefined, at: string): number {
  if (gtin === undefined) return item.units_per_pack;
  const row = gtinRow(db, gtin);
  if (row === undefined) return refuse('gtin_unknown', `${at}gtin`);
  if (row.item_key !== item.key) return refuse('gtin_other_item', `${at}gtin`);
  if (row.active !== 1) return refuse('gtin_inactive', `${at}gtin`);
  return row.units_per_pack;
}

/**
 * Receives each line in turn, inside the write's one transaction: a refusal on any line names
 * its field and leaves nothing of the others behind. `at` places each line in the input.
 */
function receiveLines(
  db: WritableDatabase,
  writer: Writer,
  header: DeliveryHeader,
  lines: readonly DeliveryLine[],
  at: (index: number) => string,
): { deliveryId: string; changes: RecordChange[] } {
  const site = requireSite(db, header.siteId, 'siteId', { active: true });
  const day: StockDay = stockDay(db, readSettings(db), header.receivedAt, {
    field: 'receivedAt',
    beforeStockStart: 'received_before_stock_start',
  });
  const deliveryId = newId();
  const changes: RecordChange[] = [];
  lines.forEach((line, index) => {
    const here = at(index);
    const item = requireItem(db, line.itemId, `${here}itemId`, { active: true });
    const unitsPerPack = unitsPerPackOf(db, item, line.gtin, here);
    const units = line.units ?? (line.packs ?? 0) * unitsPerPack;
    if (units > maxReceiptUnits) refuse('receipt_too_large', `${here}${line.units === undefined ? 'packs' : 'units'}`);
    if (line.expiresOn !== null && line.expiresOn < day.today && line.expiredConfirmed !== true)
      refuse('expiry_in_past', `${here}expiresOn`);
    const { lot, created } = receivingLot(db, writer, item, line, here);
    const id = index === 0 ? deliveryId : newId();
    db.insert('receipts', {
      id,
      site_id: site.id,
      item_id: item.id,
      lot_id: lot?.id ?? null,
      source: header.source,
      packs: line.packs ?? null,
      units_per_pack: unitsPerPack,
      units,
      received_at: day.occurredAt,
      local_date: day.localDate,
      note: header.note,
      delivery_id: deliveryId,
      delivery_line: index + 1,
      reference: header.reference,
      gtin: line.gtin ?? null,
      // On the first line only: one key names one delivery.
      form_key: index === 0 && header.formKey !== undefined ? idBytes(header.formKey) : null,
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
    if (created && lot) changes.push(lotCreated(lot));
    changes.push({ entity: 'receipt', id, key, after: readReceipt(db, id) });
  });
  return { deliveryId, changes };
}

/** Stock arriving at a site, one item: a delivery of one line, answered as its receipt. */
function receiveStock({ db, writer }: WriteScope, input: ParsedInput<'inventory.receive'>) {
  const { siteId, source, receivedAt, note, ...line } = input;
  const { deliveryId, changes } = receiveLines(
    db,
    writer,
    { siteId, source, reference: null, receivedAt, note },
    [line],
    () => '',
  );
  return { value: readReceipt(db, deliveryId), changes };
}

/** A delivery of several lines; the same form sent twice is answered with the delivery it made. */
function receiveDelivery({ db, writer }: WriteScope, input: ParsedInput<'inventory.receiveDelivery'>) {
  const savedBefore = savedFromForm(db, 'receipts', input.formKey);
  if (savedBefore) return { value: readDelivery(db, savedBefore.id), changes: [] };
  const { lines, ...header } = input;
  const { deliveryId, changes } = receiveLines(db, writer, header, lines, (index) => `lines.${index}.`);
  return { value: readDelivery(db, deliveryId), changes };
}

export const receiptOperations: Operations<'inventory.receive' | 'inventory.receiveDelivery' | 'inventory.deliveries'> =
  {
    'inventory.receive': receiveStock,
    'inventory.receiveDelivery': receiveDelivery,
    'inventory.deliveries': listDeliveries,
  };
