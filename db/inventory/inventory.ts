/**
 * Stock: receipts now; transfers, adjustments, counts and kit assembly later. Every one of them
 * is a record of its own (the receipt, the transfer...) plus movements appended to the one ledger
 * through `appendMovement`, in one transaction, dated with `stockDay` and using lots resolved by
 * `receivingLot`. On hand is read from the cached balances the ledger keeps.
 */
import { appendAudit } from '../audit/audit-log';
import { refuse, refuseAll, requireItem, requireSite } from '../catalog/catalog';
import {
  lotsInput,
  onHandInput,
  receiveInput,
  type Lots,
  type LotsInput,
  type OnHand,
  type OnHandInput,
  type Receipt,
  type ReceiveInput,
} from '../contract/inventory';
import { parseOrThrow } from '../contract/validation';
import type { OutpostDatabase } from '../platform/database';
import type { ErrorCode } from '../contract/errors';
import { writerOf, type HandlerMap } from '../runtime/operations';
import { newId } from '../platform/ids';
import { appendMovement } from './ledger';
import type { ItemRow, LotRow, ProgramSettingsRow } from '../platform/schema';
import { readSettings } from '../settings/settings';
import { localDate } from '../contract/calendar';
import { requireRole, stockRoles, type Writer } from '../access/roles';

const dayMs = 86_400_000;

// Dates

export interface StockDay {
  /** UTC instant, ISO 8601. */
  occurredAt: string;
  /** The calendar date in the program's time zone: what reports group by. */
  localDate: string;
}

/**
 * When a stock event happened, as the ledger stores it. A clock a few hours off is tolerated;
 * days before the stock start date are refused, since history from before it moves no stock.
 */
export function stockDay(
  db: OutpostDatabase,
  settings: ProgramSettingsRow,
  instant: string | undefined,
  refusal: { field: string; beforeStockStart: ErrorCode },
): StockDay {
  const at = instant === undefined ? db.now() : new Date(instant);
  if (at.getTime() > db.now().getTime() + dayMs) refuse('occurred_at_future', refusal.field);
  if (at.getUTCFullYear() < 2000) refuse('occurred_at_too_early', refusal.field);
  const day = localDate(at, settings.time_zone);
  if (day < settings.stock_start_date) refuse(refusal.beforeStockStart, refusal.field);
  return { occurredAt: at.toISOString(), localDate: day };
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

export interface ExpiryFlags {
  expiresSoon: boolean;
  expired: boolean;
}

/** A lot is usable through its expiry date (as `allocate` treats it), expired the day after. */
export function expiryFlags(expiresOn: string | null, today: string, warningDays: number): ExpiryFlags {
  if (expiresOn === null) return { expiresSoon: false, expired: false };
  const expired = expiresOn < today;
  return { expired, expiresSoon: !expired && expiresOn <= addDays(today, warningDays) };
}

function expiryCheck(db: OutpostDatabase): (expiresOn: string | null) => ExpiryFlags {
  const settings = readSettings(db);
  const today = localDate(db.now(), settings.time_zone);
  return (expiresOn) => expiryFlags(expiresOn, today, settings.expiry_warning_days);
}

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
export function receivingLot(db: OutpostDatabase, writer: Writer, item: ItemRow, choice: LotChoice): LotRow | null {
  refuseAll(lotChoiceProblems(item, choice));
  if (choice.lotNumber === null) return null;
  const existing = db.first(
    db.query.selectFrom('lots').selectAll().where('item_id', '=', item.id).where('lot_number', '=', choice.lotNumber),
  );
  if (existing) {
    if (existing.expires_on !== choice.expiresOn) refuse('lot_expiry_mismatch', 'expiresOn');
    return existing;
  }
  const lot: LotRow = {
    id: newId(),
    item_id: item.id,
    lot_number: choice.lotNumber,
    expires_on: choice.expiresOn,
    kit_version_id: null,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  };
  db.run(db.query.insertInto('lots').values(lot));
  return lot;
}

// Receipts

function readReceipt(db: OutpostDatabase, id: string): Receipt {
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
export function receiveStock(db: OutpostDatabase, writer: Writer, rawInput: ReceiveInput): Receipt {
  const input = parseOrThrow(receiveInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, stockRoles);
    const site = requireSite(db, input.siteId, 'siteId', { active: true });
    const item = requireItem(db, input.itemId, 'itemId', { active: true });
    const units = input.units ?? (input.packs ?? 0) * item.units_per_pack;
    if (units > maxReceiptUnits) refuse('receipt_too_large', 'packs');
    const day = stockDay(db, readSettings(db), input.receivedAt, {
      field: 'receivedAt',
      beforeStockStart: 'received_before_stock_start',
    });
    const lot = receivingLot(db, writer, item, input);
    const id = newId();
    db.run(
      db.query.insertInto('receipts').values({
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
      }),
    );
    appendMovement(db, writer, {
      kind: 'receipt',
      siteId: site.id,
      itemId: item.id,
      lotId: lot?.id ?? null,
      units,
      occurredAt: day.occurredAt,
      localDate: day.localDate,
      sourceType: 'receipt',
      sourceId: id,
    });
    const receipt = readReceipt(db, id);
    appendAudit(db, writer, { action: 'inventory.receive', entityType: 'receipt', entityId: id, after: receipt });
    return receipt;
  });
}

// On hand

/** What each site holds of each item, from the ledger's cached balances; lots first to expire first. */
export function onHand(db: OutpostDatabase, rawInput: OnHandInput = {}): OnHand {
  const input = parseOrThrow(onHandInput, rawInput);
  let query = db.query
    .selectFrom('stock_balances as b')
    .innerJoin('sites as s', 's.id', 'b.site_id')
    .innerJoin('items as i', 'i.id', 'b.item_id')
    .leftJoin('lots as l', 'l.id', 'b.lot_id')
    .select([
      'b.site_id',
      's.name as site_name',
      'b.item_id',
      'i.name as item_name',
      'i.category',
      'i.unit',
      'b.lot_id',
      'l.lot_number',
      'l.expires_on',
      'b.units',
    ])
    .where('b.units', '!=', 0)
    .orderBy('s.name')
    .orderBy('b.site_id')
    .orderBy('i.name')
    .orderBy('b.item_id')
    .orderBy((order) => order.fn.coalesce('l.expires_on', order.val('9999-12-31')))
    .orderBy('l.lot_number');
  if (input.siteId) query = query.where('b.site_id', '=', input.siteId);
  if (input.itemId) query = query.where('b.item_id', '=', input.itemId);
  const expiry = expiryCheck(db);
  const holdings = new Map<string, OnHand[number]>();
  for (const balance of db.all(query)) {
    const key = `${balance.site_id}|${balance.item_id}`;
    let holding = holdings.get(key);
    if (!holding) {
      holding = {
        siteId: balance.site_id,
        siteName: balance.site_name,
        itemId: balance.item_id,
        itemName: balance.item_name,
        category: balance.category,
        unit: balance.unit,
        units: 0,
        unitsWithoutLot: 0,
        lots: [],
      };
      holdings.set(key, holding);
    }
    holding.units += balance.units;
    if (balance.lot_id === null || balance.lot_number === null) holding.unitsWithoutLot += balance.units;
    else {
      holding.lots.push({
        lotId: balance.lot_id,
        lotNumber: balance.lot_number,
        expiresOn: balance.expires_on,
        units: balance.units,
        ...expiry(balance.expires_on),
      });
    }
  }
  return [...holdings.values()];
}

/** An item's lots, first to expire first, with what is on hand of each across all sites. */
export function listLots(db: OutpostDatabase, rawInput: LotsInput): Lots {
  const input = parseOrThrow(lotsInput, rawInput);
  requireItem(db, input.itemId, 'itemId');
  const lots = db.all(
    db.query
      .selectFrom('lots as l')
      .leftJoin('stock_balances as b', 'b.lot_id', 'l.id')
      .select((eb) => [
        'l.id',
        'l.item_id',
        'l.lot_number',
        'l.expires_on',
        eb.fn.coalesce(eb.fn.sum<number>('b.units'), eb.val(0)).as('units'),
      ])
      .where('l.item_id', '=', input.itemId)
      .groupBy('l.id')
      .orderBy((order) => order.fn.coalesce('l.expires_on', order.val('9999-12-31')))
      .orderBy('l.lot_number'),
  );
  const expiry = expiryCheck(db);
  return lots.map((lot) => ({
    id: lot.id,
    itemId: lot.item_id,
    lotNumber: lot.lot_number,
    expiresOn: lot.expires_on,
    units: Number(lot.units),
    ...expiry(lot.expires_on),
  }));
}

export const inventoryHandlers: HandlerMap<'inventory.receive' | 'inventory.onHand' | 'inventory.lots'> = {
  'inventory.receive': (context, input, actor) => receiveStock(context.db, writerOf(context, actor), input),
  'inventory.onHand': (context, input) => onHand(context.db, input),
  'inventory.lots': (context, input) => listLots(context.db, input),
};
