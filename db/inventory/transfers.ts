/**
 * Transfers: stock sent from one site to another. Sending takes the units out of the sending
 * site's ledger at once (lots first to expire first, unless one is picked), and they stay in
 * transit, in neither site's on hand, until the receiving site confirms what arrived. Whatever
 * never arrives is written off with its reason; before anything is received, the transfer can be
 * cancelled and the stock goes back. Each of these is a fact of its own (0013), so the sending and
 * the receiving can be written on two laptops and meet after sync; in one database both can be
 * done in one step.
 */
import type { Operations, Writer, WriteScope } from '../access/operations';
import type { RecordChange } from '../audit/audit-log';
import { requireSite } from '../catalog/sites';
import type { ParsedInput } from '../contract';
import type { Transfer } from '../contract/inventory';
import type { TransferStatus, TransferWriteOffReason } from '../contract/vocabulary';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { idBytes, newId } from '../platform/ids';
import { isoOf, msOf } from '../platform/instants';
import { insertedKey, savedFromForm, writerKeys } from '../platform/keys';
import { refuse } from '../platform/records';
import type { ItemRow, TransferEventsTable, TransfersTable } from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { readSettings } from '../settings/settings';
import { appendMovement, reverseMovements } from './ledger';
import { lineItem, pickedLotKey, takeFromShelf } from './shelf';
import { stockDay, type StockDay } from './stock-dates';

type TransferRow = Pick<TransfersTable, 'id' | 'status' | 'sent_ms' | 'from_site_key' | 'to_site_key'> & {
  key: number;
};

interface LineState {
  line: number;
  itemKey: number;
  lotKey: number | null;
  sent: number;
  received: number;
  writtenOff: number;
  inTransit: number;
}

const transferSource = storedCodes.movementSource.code('transfer');

// Reading

function transferRow(db: ReadableDatabase, id: string, field = 'transferId'): TransferRow {
  const row = db
    .statement('SELECT key, id, status, sent_ms, from_site_key, to_site_key FROM transfers WHERE id = ?')
    .get(id) as TransferRow | undefined;
  return row ?? refuse('transfer_not_found', field);
}

/** Each line as it stands: what was sent, and what arrived or was written off since. */
function lineStates(db: ReadableDatabase, transferKey: number): LineState[] {
  const rows = db
    .statement(
      `SELECT tl.line, tl.item_key, tl.lot_key, tl.units,
         coalesce(sum(CASE WHEN e.kind = 'received' THEN el.units END), 0) AS received,
         coalesce(sum(CASE WHEN e.kind = 'written_off' THEN el.units END), 0) AS written_off,
         coalesce(sum(CASE WHEN e.kind = 'cancelled' THEN el.units END), 0) AS cancelled
       FROM transfer_lines tl
       LEFT JOIN transfer_events e ON e.transfer_key = tl.transfer_key
       LEFT JOIN transfer_event_lines el ON el.event_key = e.key AND el.line = tl.line
       WHERE tl.transfer_key = ?
       GROUP BY tl.line
       ORDER BY tl.line`,
    )
    .all(transferKey) as {
    line: number;
    item_key: number;
    lot_key: number | null;
    units: number;
    received: number;
    written_off: number;
    cancelled: number;
  }[];
  return rows.map((row) => ({
    line: row.line,
    itemKey: row.item_key,
    lotKey: row.lot_key,
    sent: row.units,
    received: row.received,
    writtenOff: row.written_off,
    inTransit: row.units - row.received - row.written_off - row.cancelled,
  }));
}

/** Where a transfer stands, from its lines: what `status` caches. */
function statusOf(lines: readonly LineState[], cancelled: boolean): TransferStatus {
  if (cancelled) return 'cancelled';
  if (lines.some((line) => line.inTransit > 0)) return 'in_transit';
  return lines.some((line) => line.received > 0) ? 'received' : 'written_off';
}

const transferSelect = `SELECT t.key, t.id, t.sent_ms, t.sent_local_date, t.reference, t.note, t.status,
     fs.id AS from_site_id, fs.name AS from_site_name, ts.id AS to_site_id, ts.name AS to_site_name,
     st.display_name AS sent_by
   FROM transfers t
   JOIN sites fs ON fs.key = t.from_site_key
   JOIN sites ts ON ts.key = t.to_site_key
   JOIN staff st ON st.key = t.created_by_key`;

interface TransferViewRow {
  key: number;
  id: string;
  sent_ms: number;
  sent_local_date: string;
  reference: string | null;
  note: string | null;
  status: TransferStatus;
  from_site_id: string;
  from_site_name: string;
  to_site_id: string;
  to_site_name: string;
  sent_by: string;
}

function transferView(db: ReadableDatabase, row: TransferViewRow): Transfer {
  const states = new Map(lineStates(db, row.key).map((state) => [state.line, state]));
  const lines = db
    .statement(
      `SELECT tl.line, i.id AS item_id, i.name AS item_name, i.unit, i.units_per_pack,
         l.id AS lot_id, l.lot_number, l.expires_on
       FROM transfer_lines tl
       JOIN items i ON i.key = tl.item_key
       LEFT JOIN lots l ON l.key = tl.lot_key
       WHERE tl.transfer_key = ?
       ORDER BY tl.line`,
    )
    .all(row.key) as {
    line: number;
    item_id: string;
    item_name: string;
    unit: string;
    units_per_pack: number;
    lot_id: string | null;
    lot_number: string | null;
    expires_on: string | null;
  }[];
  const events = db
    .statement(
      `SELECT e.key, e.id, e.kind, e.occurred_ms, e.local_date, e.note, st.display_name AS by
       FROM transfer_events e JOIN staff st ON st.key = e.created_by_key
       WHERE e.transfer_key = ?
       ORDER BY e.occurred_ms, e.key`,
    )
    .all(row.key) as {
    key: number;
    id: string;
    kind: TransferEventsTable['kind'];
    occurred_ms: number;
    local_date: string;
    note: string | null;
    by: string;
  }[];
  const eventLines = db.statement(
    'SELECT line, units, reason FROM transfer_event_lines WHERE event_key = ? ORDER BY line',
  );
  return {
    id: row.id,
    fromSiteId: row.from_site_id,
    fromSiteName: row.from_site_name,
    toSiteId: row.to_site_id,
    toSiteName: row.to_site_name,
    sentAt: isoOf(row.sent_ms),
    localDate: row.sent_local_date,
    reference: row.reference,
    note: row.note,
    status: row.status,
    sentBy: row.sent_by,
    lines: lines.map((line) => {
      const state = states.get(line.line)!;
      return {
        line: line.line,
        itemId: line.item_id,
        itemName: line.item_name,
        unit: line.unit,
        unitsPerPack: line.units_per_pack,
        lotId: line.lot_id,
        lotNumber: line.lot_number,
        expiresOn: line.expires_on,
        sent: state.sent,
        received: state.received,
        writtenOff: state.writtenOff,
        inTransit: state.inTransit,
      };
    }),
    events: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      occurredAt: isoOf(event.occurred_ms),
      localDate: event.local_date,
      note: event.note,
      by: event.by,
      lines: (eventLines.all(event.key) as { line: number; units: number; reason: number | null }[]).map((line) => ({
        line: line.line,
        units: line.units,
        reason: line.reason === null ? null : storedCodes.transferWriteOffReason.value(line.reason),
      })),
    })),
  };
}

function readTransfer(db: ReadableDatabase, key: number): Transfer {
  const row = db.statement(`${transferSelect} WHERE t.key = ?`).get(key) as TransferViewRow | undefined;
  if (!row) throw new Error(`No transfer has key ${key}.`);
  return transferView(db, row);
}

const defaultListLimit = 100;

/** Transfers, newest first: those from or to a site, in a status. */
function listTransfers({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.transfers'>): Transfer[] {
  const conditions: string[] = [];
  const values: (string | number)[] = [];
  if (input.siteId) {
    requireSite(db, input.siteId, 'siteId');
    conditions.push('(fs.id = ? OR ts.id = ?)');
    values.push(input.siteId, input.siteId);
  }
  if (input.status) {
    conditions.push('t.status = ?');
    values.push(input.status);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = db
    .statement(`${transferSelect} ${where} ORDER BY t.sent_ms DESC, t.key DESC LIMIT ?`)
    .all(...values, input.limit ?? defaultListLimit) as TransferViewRow[];
  return rows.map((row) => transferView(db, row));
}

/**
 * Units on their way to each site, by item: what open transfers sent and no event has accounted
 * for yet. Open transfers are few (the partial index holds only them).
 */
export function unitsInTransit(
  db: ReadableDatabase,
  filter: { siteId?: string | undefined; itemId?: string | undefined; category?: string | undefined },
): {
  site_id: string;
  site_name: string;
  item_id: string;
  item_name: string;
  category: ItemRow['category'];
  unit: string;
  units_per_pack: number;
  units: number;
}[] {
  const open = db
    .statement(
      `SELECT t.key, s.id AS site_id, s.name AS site_name FROM transfers t INDEXED BY transfers_in_transit
       JOIN sites s ON s.key = t.to_site_key
       WHERE t.status = 'in_transit'`,
    )
    .all() as { key: number; site_id: string; site_name: string }[];
  const itemOfKey = db.statement('SELECT id, name, category, unit, units_per_pack FROM items WHERE key = ?');
  const found = [];
  for (const transfer of open) {
    if (filter.siteId !== undefined && transfer.site_id !== filter.siteId) continue;
    for (const line of lineStates(db, transfer.key)) {
      if (line.inTransit <= 0) continue;
      const item = itemOfKey.get(line.itemKey) as Pick<ItemRow, 'id' | 'name' | 'category' | 'unit' | 'units_per_pack'>;
      if (filter.itemId !== undefined && item.id !== filter.itemId) continue;
      if (filter.category !== undefined && item.category !== filter.category) continue;
      found.push({
        site_id: transfer.site_id,
        site_name: transfer.site_name,
        item_id: item.id,
        item_name: item.name,
        category: item.category,
        unit: item.unit,
        units_per_pack: item.units_per_pack,
        units: line.inTransit,
      });
    }
  }
  return found;
}

// Writing

function transferChange(transfer: Transfer, key: number, before?: Transfer): RecordChange {
  return { entity: 'transfer', id: transfer.id, key, keptAsFact: true, ...(before ? { before } : {}), after: transfer };
}

function insertEvent(
  db: WritableDatabase,
  writer: Writer,
  transferKey: number,
  event: {
    kind: TransferEventsTable['kind'];
    day: StockDay;
    note: string | null;
    lines: { line: number; units: number; reason?: TransferWriteOffReason }[];
  },
): void {
  const { deviceKey, staffKey } = writerKeys(db, writer);
  db.statement(
    `INSERT INTO transfer_events (id, transfer_key, kind, occurred_ms, local_date, note, origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    transferKey,
    event.kind,
    msOf(event.day.occurredAt),
    event.day.localDate,
    event.note,
    deviceKey,
    staffKey,
    db.nowMs(),
  );
  const eventKey = insertedKey(db);
  const insertLine = db.statement(
    'INSERT INTO transfer_event_lines (event_key, line, units, reason) VALUES (?, ?, ?, ?)',
  );
  for (const line of event.lines) {
    const reason = line.reason === undefined ? null : storedCodes.transferWriteOffReason.code(line.reason);
    insertLine.run(eventKey, line.line, line.units, reason);
  }
}

function updateStatus(db: WritableDatabase, transferKey: number, cancelled = false): void {
  db.statement('UPDATE transfers SET status = ? WHERE key = ?').run(
    statusOf(lineStates(db, transferKey), cancelled),
    transferKey,
  );
}

/**
 * Which lots each line's units come out of at the sending site, taken out of its ledger as they
 * are found: a later line of the same item allocates from what an earlier one left. A transfer
 * moves only stock the site has, unlike a distribution.
 */
function sendLines(
  db: WritableDatabase,
  writer: Writer,
  transferKey: number,
  fromSiteKey: number,
  day: StockDay,
  lines: ParsedInput<'inventory.transfer'>['lines'],
): void {
  const insertLine = db.statement(
    'INSERT INTO transfer_lines (transfer_key, line, item_key, lot_key, units) VALUES (?, ?, ?, ?, ?)',
  );
  let lineNumber = 0;
  lines.forEach((line, index) => {
    const item = lineItem(db, line.itemId, `lines.${index}.itemId`);
    const units = line.units ?? (line.packs ?? 0) * item.units_per_pack;
    const quantityField = `lines.${index}.${line.units === undefined ? 'packs' : 'units'}`;
    const allocations = takeFromShelf(
      db,
      {
        siteKey: fromSiteKey,
        item,
        units,
        lotKey: line.lotId ? pickedLotKey(db, item, line.lotId, `lines.${index}.lotId`) : null,
        onDate: day.localDate,
      },
      { quantity: quantityField, exceeds: 'transfer_exceeds_stock' },
    );
    for (const allocation of allocations) {
      lineNumber += 1;
      insertLine.run(transferKey, lineNumber, item.key, allocation.lotKey, allocation.units);
      appendMovement(db, writer, {
        kind: 'transfer_sent',
        siteKey: fromSiteKey,
        itemKey: item.key,
        lotKey: allocation.lotKey,
        units: -allocation.units,
        occurredMs: msOf(day.occurredAt),
        localDate: day.localDate,
        sourceType: 'transfer',
        sourceKey: transferKey,
      });
    }
  });
}

/** What arrived, into the receiving site's ledger, and what never will, written off with its reason. */
function recordArrival(
  db: WritableDatabase,
  writer: Writer,
  transfer: TransferRow,
  day: StockDay,
  note: string | null,
  arrivals: { line: LineState; received: number; writtenOff: number; reason?: TransferWriteOffReason }[],
): void {
  const received = arrivals.filter((arrival) => arrival.received > 0);
  if (received.length > 0) {
    insertEvent(db, writer, transfer.key, {
      kind: 'received',
      day,
      note,
      lines: received.map((arrival) => ({ line: arrival.line.line, units: arrival.received })),
    });
    for (const arrival of received) {
      appendMovement(db, writer, {
        kind: 'transfer_received',
        siteKey: transfer.to_site_key,
        itemKey: arrival.line.itemKey,
        lotKey: arrival.line.lotKey,
        units: arrival.received,
        occurredMs: msOf(day.occurredAt),
        localDate: day.localDate,
        sourceType: 'transfer',
        sourceKey: transfer.key,
      });
    }
  }
  const writtenOff = arrivals.filter((arrival) => arrival.writtenOff > 0);
  if (writtenOff.length > 0) {
    insertEvent(db, writer, transfer.key, {
      kind: 'written_off',
      day,
      note: received.length > 0 ? null : note,
      lines: writtenOff.map((arrival) => ({
        line: arrival.line.line,
        units: arrival.writtenOff,
        ...(arrival.reason ? { reason: arrival.reason } : {}),
      })),
    });
  }
  updateStatus(db, transfer.key);
}

function sendTransfer({ db, writer }: WriteScope, { formKey, ...input }: ParsedInput<'inventory.transfer'>) {
  const savedBefore = savedFromForm(db, 'transfers', formKey);
  if (savedBefore) return { value: readTransfer(db, savedBefore.key), changes: [] };
  const from = requireSite(db, input.fromSiteId, 'fromSiteId', { active: true });
  const to = requireSite(db, input.toSiteId, 'toSiteId', { active: true });
  const day = stockDay(db, readSettings(db), input.sentAt, {
    field: 'sentAt',
    beforeStockStart: 'sent_before_stock_start',
  });
  const { deviceKey, staffKey } = writerKeys(db, writer);
  const id = newId();
  db.statement(
    `INSERT INTO transfers (id, from_site_key, to_site_key, sent_ms, sent_local_date, reference, note, form_key,
       origin_device_key, created_by_key, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    from.key,
    to.key,
    msOf(day.occurredAt),
    day.localDate,
    input.reference,
    input.note,
    formKey === undefined ? null : idBytes(formKey),
    deviceKey,
    staffKey,
    db.nowMs(),
  );
  const key = insertedKey(db);
  sendLines(db, writer, key, from.key, day, input.lines);
  if (input.receiveNow === true) {
    const transfer = transferRow(db, id);
    const arrivals = lineStates(db, key).map((line) => ({ line, received: line.sent, writtenOff: 0 }));
    recordArrival(db, writer, transfer, day, null, arrivals);
  }
  const transfer = readTransfer(db, key);
  return { value: transfer, changes: [transferChange(transfer, key)] };
}

function openTransfer(db: ReadableDatabase, id: string): TransferRow {
  const transfer = transferRow(db, id);
  if (transfer.status !== 'in_transit') refuse('transfer_not_in_transit', 'transferId');
  return transfer;
}

/** The day a transfer event happened: not before the transfer was sent. */
function eventDay(db: ReadableDatabase, transfer: TransferRow, instant: string | undefined, field: string): StockDay {
  const day = stockDay(db, readSettings(db), instant, { field, beforeStockStart: 'received_before_stock_start' });
  if (msOf(day.occurredAt) < transfer.sent_ms) refuse('transfer_received_before_sent', field);
  return day;
}

function receiveTransfer({ db, writer }: WriteScope, input: ParsedInput<'inventory.receiveTransfer'>) {
  const transfer = openTransfer(db, input.transferId);
  const before = readTransfer(db, transfer.key);
  const day = eventDay(db, transfer, input.receivedAt, 'receivedAt');
  const states = new Map(lineStates(db, transfer.key).map((line) => [line.line, line]));
  const wanted =
    input.lines ??
    [...states.values()]
      .filter((line) => line.inTransit > 0)
      .map((line) => ({ line: line.line, received: line.inTransit, writtenOff: 0, reason: undefined }));
  const arrivals = wanted.map((arrival, index) => {
    const line = states.get(arrival.line);
    if (!line) return refuse('transfer_line_unknown', `lines.${index}.line`);
    const writtenOff = arrival.writtenOff ?? 0;
    if (arrival.received + writtenOff > line.inTransit)
      refuse('transfer_more_than_in_transit', `lines.${index}.received`);
    return { line, received: arrival.received, writtenOff, ...(arrival.reason ? { reason: arrival.reason } : {}) };
  });
  recordArrival(db, writer, transfer, day, input.note, arrivals);
  const after = readTransfer(db, transfer.key);
  return { value: after, changes: [transferChange(after, transfer.key, before)] };
}

function cancelTransfer({ db, writer }: WriteScope, input: ParsedInput<'inventory.cancelTransfer'>) {
  const transfer = openTransfer(db, input.transferId);
  const lines = lineStates(db, transfer.key);
  if (lines.some((line) => line.inTransit !== line.sent)) refuse('transfer_cancel_too_late', 'transferId');
  const before = readTransfer(db, transfer.key);
  const day = eventDay(db, transfer, undefined, 'transferId');
  reverseMovements(db, writer, {
    sourceType: 'transfer',
    sourceKey: transfer.key,
    sourceRevisionKey: null,
    occurredMs: msOf(day.occurredAt),
    localDate: day.localDate,
  });
  insertEvent(db, writer, transfer.key, {
    kind: 'cancelled',
    day,
    note: input.reason,
    lines: lines.map((line) => ({ line: line.line, units: line.sent })),
  });
  updateStatus(db, transfer.key, true);
  const after = readTransfer(db, transfer.key);
  return { value: after, changes: [transferChange(after, transfer.key, before)] };
}

function writeOffTransfer({ db, writer }: WriteScope, input: ParsedInput<'inventory.writeOffTransfer'>) {
  const transfer = openTransfer(db, input.transferId);
  const before = readTransfer(db, transfer.key);
  const day = eventDay(db, transfer, input.occurredAt, 'occurredAt');
  const arrivals = lineStates(db, transfer.key)
    .filter((line) => line.inTransit > 0)
    .map((line) => ({ line, received: 0, writtenOff: line.inTransit, reason: input.reason }));
  recordArrival(db, writer, transfer, day, input.note, arrivals);
  const after = readTransfer(db, transfer.key);
  return { value: after, changes: [transferChange(after, transfer.key, before)] };
}

// Checking

/**
 * Every transfer against the ledger: its sent movements are its lines, taken from the sending
 * site; what the receiving site's ledger got is what its receipts say; a cancellation put all of
 * it back; nothing is in transit below zero; and its status is where its lines say it stands. So
 * sent = received + written off + in transit, or all of it returned. Counts each transfer that
 * fails any of these once.
 */
export function checkTransfers(db: ReadableDatabase): { rows: number; mismatches: number } {
  const sentCode = storedCodes.movementKind.code('transfer_sent');
  const receivedCode = storedCodes.movementKind.code('transfer_received');
  const movementSums = db.statement(
    `SELECT
       coalesce(sum(CASE WHEN kind = ${sentCode} AND reverses_movement_key IS NULL THEN units END), 0) AS sent,
       coalesce(sum(CASE WHEN kind = ${sentCode} AND reverses_movement_key IS NOT NULL THEN units END), 0) AS returned,
       coalesce(sum(CASE WHEN kind = ${receivedCode} THEN units END), 0) AS received,
       coalesce(sum(CASE WHEN kind = ${sentCode} AND site_key <> ? THEN 1 END), 0)
         + coalesce(sum(CASE WHEN kind = ${receivedCode} AND site_key <> ? THEN 1 END), 0) AS misplaced
     FROM stock_movements INDEXED BY stock_movements_by_source
     WHERE source_type = ${transferSource} AND source_key = ?`,
  );
  const transfers = db
    .statement('SELECT key, status, from_site_key, to_site_key FROM transfers ORDER BY key')
    .iterate() as Iterable<{ key: number; status: TransferStatus; from_site_key: number; to_site_key: number }>;
  let rows = 0;
  let mismatches = 0;
  for (const transfer of transfers) {
    rows += 1;
    const lines = lineStates(db, transfer.key);
    const cancelled =
      (db
        .statement(`SELECT count(*) FROM transfer_events WHERE transfer_key = ? AND kind = 'cancelled'`)
        .pluck()
        .get(transfer.key) as number) > 0;
    const sums = movementSums.get(transfer.from_site_key, transfer.to_site_key, transfer.key) as {
      sent: number;
      returned: number;
      received: number;
      misplaced: number;
    };
    const sent = lines.reduce((total, line) => total + line.sent, 0);
    const received = lines.reduce((total, line) => total + line.received, 0);
    const consistent =
      sums.misplaced === 0 &&
      sums.sent === -sent &&
      sums.returned === (cancelled ? sent : 0) &&
      sums.received === received &&
      lines.every((line) => line.inTransit >= 0 && line.received + line.writtenOff + line.inTransit <= line.sent) &&
      transfer.status === statusOf(lines, cancelled);
    if (!consistent) mismatches += 1;
  }
  return { rows, mismatches };
}

export const transferOperations: Operations<
  | 'inventory.transfer'
  | 'inventory.receiveTransfer'
  | 'inventory.cancelTransfer'
  | 'inventory.writeOffTransfer'
  | 'inventory.transfers'
> = {
  'inventory.transfer': sendTransfer,
  'inventory.receiveTransfer': receiveTransfer,
  'inventory.cancelTransfer': cancelTransfer,
  'inventory.writeOffTransfer': writeOffTransfer,
  'inventory.transfers': listTransfers,
};
