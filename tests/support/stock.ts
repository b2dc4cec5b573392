/** Puts stock on the shelf for tests through the ledger itself (receipts arrive with the inventory module). */
import type { ReadableDatabase, WritableDatabase } from '../../db/platform/database';
import { newId } from '../../db/platform/ids';
import { appendMovement } from '../../db/inventory/ledger';
import type { Writer } from '../../db/access/operations';

export function addLot(
  db: WritableDatabase,
  writer: Writer,
  itemId: string,
  lotNumber: string,
  expiresOn: string | null,
): string {
  const id = newId();
  db.insert('lots', {
    id,
    item_id: itemId,
    lot_number: lotNumber,
    expires_on: expiresOn,
    kit_version_id: null,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  });
  return id;
}

export function stockUp(
  db: WritableDatabase,
  writer: Writer,
  stock: { siteId: string; itemId: string; units: number; lotId?: string | null; localDate?: string },
): void {
  appendMovement(db, writer, {
    kind: 'receipt',
    siteId: stock.siteId,
    itemId: stock.itemId,
    lotId: stock.lotId ?? null,
    units: stock.units,
    occurredAt: db.nowIso(),
    localDate: stock.localDate ?? '2025-06-01',
    sourceType: 'receipt',
    sourceId: newId(),
  });
}

export function balance(db: ReadableDatabase, siteId: string, itemId: string, lotId: string | null = null): number {
  return (
    db.first(
      db.query
        .selectFrom('stock_balances')
        .select('units')
        .where('site_id', '=', siteId)
        .where('item_id', '=', itemId)
        .where('lot_key', '=', lotId ?? ''),
    )?.units ?? 0
  );
}
