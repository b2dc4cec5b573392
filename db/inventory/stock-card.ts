/**
 * The stock card: every movement of an item at a site (or of one lot), newest first, each with the
 * record it came from and the balance just after it. A page is a range of
 * stock_movements_by_site_item_time, and the balance after its first row is the balance now less
 * what came after, summed from the same index: no page reads the whole history.
 */
import type { Operations } from '../access/operations';
import { requireItem } from '../catalog/items';
import { requireSite } from '../catalog/sites';
import type { ParsedInput } from '../contract';
import { dayAfter, dayStartMs } from '../contract/calendar';
import type { StockCard } from '../contract/inventory';
import type { MovementSource } from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';
import { isoOf, msOf } from '../platform/instants';
import type { KeyedTable } from '../platform/keys';
import { storedCodes } from '../platform/stored-codes';
import { readSettings } from '../settings/settings';
import { storedReason } from './adjustments';
import { pickedLotKey } from './shelf';

const defaultPageRows = 100;

/** The table each kind of source record lives in; kit assembly and disposals have none yet. */
export const sourceTables: Record<MovementSource, KeyedTable | null> = {
  field_entry: 'field_entries',
  receipt: 'receipts',
  transfer: 'transfers',
  adjustment: 'adjustments',
  kit_assembly: null,
  count: 'counts',
  disposal: null,
};

type CardSource = StockCard['rows'][number]['source'];

const undescribed = {
  entryKind: null,
  reason: null,
  fromSiteName: null,
  toSiteName: null,
  supplier: null,
  reference: null,
} satisfies Omit<CardSource, 'type' | 'id'>;

/**
 * What a reader of the card knows a source record by: an encounter or a tally, an adjustment's
 * reason, a transfer's two sites, who a receipt came from; and its id. Asked once per record.
 */
function sourceDescriber(db: ReadableDatabase) {
  const entry = db.statement('SELECT id, kind FROM field_entries WHERE key = ?');
  const receipt = db.statement('SELECT id, source, reference FROM receipts WHERE key = ?');
  const transfer = db.statement(
    `SELECT t.id, t.reference, f.name AS from_name, s.name AS to_name
     FROM transfers t JOIN sites f ON f.key = t.from_site_key JOIN sites s ON s.key = t.to_site_key
     WHERE t.key = ?`,
  );
  const adjustment = db.statement('SELECT id, reason, custom_reason_key FROM adjustments WHERE key = ?');
  const described = new Map<string, CardSource>();
  const describe = (type: MovementSource, key: number): CardSource => {
    const base = { type, ...undescribed };
    switch (type) {
      case 'field_entry': {
        const row = entry.get(key) as { id: string; kind: number };
        return { ...base, id: row.id, entryKind: storedCodes.entryKind.value(row.kind) };
      }
      case 'receipt': {
        const row = receipt.get(key) as { id: string; source: string | null; reference: string | null };
        return { ...base, id: row.id, supplier: row.source, reference: row.reference };
      }
      case 'transfer': {
        const row = transfer.get(key) as { id: string; reference: string | null; from_name: string; to_name: string };
        return { ...base, id: row.id, fromSiteName: row.from_name, toSiteName: row.to_name, reference: row.reference };
      }
      case 'adjustment': {
        const row = adjustment.get(key) as { id: string; reason: number | null; custom_reason_key: number | null };
        return { ...base, id: row.id, reason: storedReason(db, row) };
      }
      default: {
        const table = sourceTables[type];
        const id =
          table === null
            ? null
            : ((db.statement(`SELECT id FROM ${table} WHERE key = ?`).pluck().get(key) as string | undefined) ?? null);
        return { ...base, id };
      }
    }
  };
  return (type: MovementSource, key: number): CardSource => {
    const cacheKey = `${type}|${key}`;
    let source = described.get(cacheKey);
    if (!source) {
      source = describe(type, key);
      described.set(cacheKey, source);
    }
    return source;
  };
}

interface MovementRow {
  key: number;
  kind: number;
  lot_key: number | null;
  units: number;
  shortfall: number;
  occurred_ms: number;
  local_date: string;
  source_type: number;
  source_key: number;
  reverses_movement_key: number | null;
}

function stockCard({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.stockCard'>): StockCard {
  const site = requireSite(db, input.siteId, 'siteId');
  const item = requireItem(db, input.itemId, 'itemId');
  const lotKey = input.lotId === undefined ? null : pickedLotKey(db, item, input.lotId, 'lotId', { allowHeld: true });
  const { time_zone: timeZone } = readSettings(db);
  const limit = input.limit ?? defaultPageRows;

  const where = ['site_key = @site', 'item_key = @item'];
  const values: Record<string, number> = { site: site.key, item: item.key };
  if (lotKey !== null) {
    where.push('lot_key = @lot');
    values['lot'] = lotKey;
  }
  const sumOf = (conditions: string[]) =>
    db
      .statement(
        `SELECT coalesce(sum(units), 0) FROM stock_movements INDEXED BY stock_movements_by_site_item_time
         WHERE ${conditions.join(' AND ')}`,
      )
      .pluck()
      .get(values) as number;
  const balance = sumOf(where);

  const page = [...where];
  if (input.from !== undefined) {
    page.push('occurred_ms >= @fromMs');
    values['fromMs'] = dayStartMs(input.from, timeZone);
  }
  if (input.to !== undefined) {
    page.push('occurred_ms < @toMs');
    values['toMs'] = dayStartMs(dayAfter(input.to), timeZone);
  }
  // The rows after the page's first one: those after the cursor, or after the range's end.
  let after: string[] | null = null;
  if (input.before !== undefined) {
    values['atMs'] = msOf(input.before.at);
    values['atKey'] = input.before.key;
    page.push('(occurred_ms < @atMs OR (occurred_ms = @atMs AND key < @atKey))');
    after = [...where, '(occurred_ms > @atMs OR (occurred_ms = @atMs AND key >= @atKey))'];
  } else if (input.to !== undefined) {
    after = [...where, 'occurred_ms >= @toMs'];
  }
  const rows = db
    .statement(
      `SELECT key, kind, lot_key, units, shortfall, occurred_ms, local_date, source_type, source_key, reverses_movement_key
       FROM stock_movements INDEXED BY stock_movements_by_site_item_time
       WHERE ${page.join(' AND ')}
       ORDER BY occurred_ms DESC, key DESC
       LIMIT ${limit + 1}`,
    )
    .all(values) as MovementRow[];
  const shown = rows.slice(0, limit);

  const lotNumberOf = db.statement('SELECT id, lot_number FROM lots WHERE key = ?');
  const sourceOf = sourceDescriber(db);
  let running = balance - (after === null ? 0 : sumOf(after));
  return {
    siteName: site.name,
    itemName: item.name,
    unit: item.unit,
    unitsPerPack: item.units_per_pack,
    balance,
    rows: shown.map((row) => {
      const lot =
        row.lot_key === null ? undefined : (lotNumberOf.get(row.lot_key) as { id: string; lot_number: string });
      const shownRow = {
        key: row.key,
        at: isoOf(row.occurred_ms),
        localDate: row.local_date,
        kind: storedCodes.movementKind.value(row.kind),
        reversal: row.reverses_movement_key !== null,
        source: sourceOf(storedCodes.movementSource.value(row.source_type), row.source_key),
        lotId: lot?.id ?? null,
        lotNumber: lot?.lot_number ?? null,
        units: row.units,
        shortfall: row.shortfall,
        balance: running,
      };
      running -= row.units;
      return shownRow;
    }),
    more: rows.length > limit,
  };
}

export const stockCardOperations: Operations<'inventory.stockCard'> = {
  'inventory.stockCard': stockCard,
};
