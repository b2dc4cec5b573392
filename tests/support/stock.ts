/** Puts stock on the shelf for tests through the ledger itself (receipts arrive with the inventory module). */
import type { ReadableDatabase, WritableDatabase } from '../../db/platform/database';
import { newId } from '../../db/platform/ids';
import { keyOfExisting } from '../../db/platform/keys';
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

/** Stock put on the shelf here comes from no receipt record: negative keys never name a real one. */
let unrecordedReceipts = 0;

export function stockUp(
  db: WritableDatabase,
  writer: Writer,
  stock: { siteId: string; itemId: string; units: number; lotId?: string | null; localDate?: string },
): void {
  unrecordedReceipts += 1;
  const lotId = stock.lotId ?? null;
  appendMovement(db, writer, {
    kind: 'receipt',
    siteKey: keyOfExisting(db, 'sites', stock.siteId),
    itemKey: keyOfExisting(db, 'items', stock.itemId),
    lotKey: lotId === null ? null : keyOfExisting(db, 'lots', lotId),
    units: stock.units,
    occurredMs: db.nowMs(),
    localDate: stock.localDate ?? '2025-06-01',
    sourceType: 'receipt',
    sourceKey: -unrecordedReceipts,
  });
}

/** Units on hand; a balance without a lot is held under lot key 0. */
export function balance(db: ReadableDatabase, siteId: string, itemId: string, lotId: string | null = null): number {
  return (
    db.first(
      db.query
        .selectFrom('stock_balances')
        .select('units')
        .where('site_key', '=', keyOfExisting(db, 'sites', siteId))
        .where('item_key', '=', keyOfExisting(db, 'items', itemId))
        .where('lot_key', '=', lotId === null ? 0 : keyOfExisting(db, 'lots', lotId)),
    )?.units ?? 0
  );
}
