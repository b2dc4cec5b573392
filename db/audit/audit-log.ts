/**
 * The audit log: every write appends who did what, when, on which device, with the record before
 * and after. Rows are append-only (triggers refuse UPDATE and DELETE) and hash-chained: each row's
 * hash covers its content and the previous row's hash, so `verifyAuditChain` detects any row
 * changed, removed or inserted outside Outpost.
 *
 * A change whose result is itself kept as a fact (an entry's revision, a void: never changed,
 * never deleted) is not copied into its row: the row holds a digest of that result instead, which
 * still ties the row to exactly what was written, at a fraction of the bytes.
 */
import { auditHash, auditHashHex, factDigest, genesisHash, genesisHashHex } from '../platform/audit-chain';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { keyOfExisting, writerKeys, type KeyedTable } from '../platform/keys';
import type { Writer } from '../platform/records';
import type { AuditLogRow } from '../platform/schema';
import type { AuditAction, AuditEntity } from '../contract/audit';

/** One record a write created or changed, as it was and as it is (absent: it did not exist). */
export interface RecordChange {
  entity: AuditEntity;
  id: string;
  /** The record's key, when the write has it at hand (otherwise it is looked up by id). */
  key?: number;
  /** The result is kept immutably as a fact: the row stores its digest, not before and after. */
  keptAsFact?: boolean;
  before?: unknown;
  after?: unknown;
}

/**
 * Where each entity's records live. Program settings (one row, no key) and the database itself
 * have no key: their rows name entity 0, as the conversion from schema 8 does.
 */
export const auditEntityTables: Record<AuditEntity, KeyedTable | null> = {
  program_settings: null,
  staff: 'staff',
  site: 'sites',
  item: 'items',
  service_type: 'service_types',
  preset: 'presets',
  participant: 'participants',
  participant_merge: 'participant_merges',
  encounter: 'field_entries',
  tally: 'field_entries',
  receipt: 'receipts',
  lot: 'lots',
  database: null,
  collection: 'collections',
  transfer: 'transfers',
  adjustment: 'adjustments',
  adjustment_reason: 'adjustment_reasons',
  item_gtin: 'item_gtins',
  count: 'counts',
};

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function entityKeyOf(db: ReadableDatabase, change: RecordChange): number {
  if (change.key !== undefined) return change.key;
  const table = auditEntityTables[change.entity];
  return table === null ? 0 : keyOfExisting(db, table, change.id);
}

/** Appends one audit row for one record's change; inside the transaction of the write it describes. */
export function appendAudit(db: WritableDatabase, writer: Writer, action: AuditAction, change: RecordChange): void {
  // The last row by the rowid b-tree: one step down its right edge.
  const last = db.statement(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as
    { seq: number; hash: Uint8Array } | undefined;
  const { deviceKey, staffKey } = writerKeys(db, writer);
  const fact = change.keptAsFact === true;
  const row: Omit<AuditLogRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at_ms: db.nowMs(),
    staff_key: staffKey,
    device_key: deviceKey,
    action,
    entity_type: change.entity,
    entity_key: entityKeyOf(db, change),
    before_json: fact ? null : toJson(change.before),
    after_json: fact ? null : toJson(change.after),
    after_digest: fact && change.after !== undefined ? factDigest(change.after) : null,
  };
  db.insert('audit_log', { ...row, hash: auditHash(last?.hash ?? genesisHash, row) });
}

export interface AuditChainReport {
  rows: number;
  intact: boolean;
  /** The first row (by sequence) whose hash or link does not hold. */
  brokenAtSeq: number | null;
}

/** An audit row as the walk reads it: its columns in order, its digest and hash as lowercase hex. */
type AuditRowValues = [
  AuditLogRow['seq'],
  AuditLogRow['at_ms'],
  AuditLogRow['staff_key'],
  AuditLogRow['device_key'],
  AuditLogRow['action'],
  AuditLogRow['entity_type'],
  AuditLogRow['entity_key'],
  AuditLogRow['before_json'],
  AuditLogRow['after_json'],
  string | null,
  string,
];

/**
 * Walks the chain a chunk at a time, so a long check can report progress and give way between
 * chunks; each chunk is its own query, so nothing stays open in between.
 */
export function auditChainWalk(db: ReadableDatabase) {
  let prevHash = genesisHashHex;
  let lastSeq = 0;
  let rows = 0;
  let brokenAtSeq: number | null = null;
  // Rows as arrays, not objects, and bytes as hex (SQLite's hex() is uppercase, and NULL gives ''):
  // the walk reads millions of rows, and only in this column order.
  const chunk = db
    .statement(
      `SELECT seq, at_ms, staff_key, device_key, action, entity_type, entity_key, before_json, after_json,
         CASE WHEN after_digest IS NULL THEN NULL ELSE lower(hex(after_digest)) END, lower(hex(hash))
       FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
    )
    .raw(true);
  return {
    /** Checks up to `limit` more rows; false once the chain is walked (or found broken). */
    next(limit: number): boolean {
      if (brokenAtSeq !== null) return false;
      const batch = chunk.all(lastSeq, limit) as AuditRowValues[];
      for (const [
        seq,
        atMs,
        staffKey,
        deviceKey,
        action,
        entityType,
        entityKey,
        before,
        after,
        digest,
        hash,
      ] of batch) {
        const row = {
          seq,
          at_ms: atMs,
          staff_key: staffKey,
          device_key: deviceKey,
          action,
          entity_type: entityType,
          entity_key: entityKey,
          before_json: before,
          after_json: after,
        };
        rows += 1;
        if (auditHashHex(prevHash, row, digest) !== hash) {
          brokenAtSeq = seq;
          return false;
        }
        prevHash = hash;
        lastSeq = seq;
      }
      return batch.length === limit;
    },
    report(): AuditChainReport {
      return { rows, intact: brokenAtSeq === null, brokenAtSeq };
    },
  };
}

/** Rows per piece of the walk: small enough that the walk itself never grows the process. */
export const auditChunkRows = 5_000;

export function verifyAuditChain(db: ReadableDatabase): AuditChainReport {
  const walk = auditChainWalk(db);
  while (walk.next(auditChunkRows));
  return walk.report();
}
