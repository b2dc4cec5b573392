/**
 * The audit log: every write appends who did what, when, on which device, with the record before
 * and after. Rows are append-only (triggers refuse UPDATE and DELETE) and hash-chained: each row's
 * hash covers its content and the previous row's hash, so `verifyAuditChain` detects any row
 * changed, removed or inserted outside Outpost.
 */
import { createHash } from 'node:crypto';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import type { Writer } from '../platform/records';
import type { AuditLogRow } from '../platform/schema';
import type { AuditAction, AuditEntity } from '../contract/audit';

export const genesisHash = '0'.repeat(64);

/** One record a write created or changed, as it was and as it is (absent: it did not exist). */
export interface RecordChange {
  entity: AuditEntity;
  id: string;
  before?: unknown;
  after?: unknown;
}

/** The columns a row's hash covers: all but its sequence number and the hashes themselves. */
type ChainedFields = Omit<AuditLogRow, 'seq' | 'prev_hash' | 'hash'>;

export function auditHash(prevHash: string, row: ChainedFields): string {
  const content = JSON.stringify([
    prevHash,
    row.id,
    row.at,
    row.staff_id,
    row.device_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_json,
    row.after_json,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Appends one audit row for one record's change; inside the transaction of the write it describes. */
export function appendAudit(db: WritableDatabase, writer: Writer, action: AuditAction, change: RecordChange): void {
  const last = db.statement(`SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as
    { hash: string } | undefined;
  const prevHash = last?.hash ?? genesisHash;
  const row: ChainedFields = {
    id: newId(),
    at: db.nowIso(),
    staff_id: writer.staffId,
    device_id: writer.deviceId,
    action,
    entity_type: change.entity,
    entity_id: change.id,
    before_json: toJson(change.before),
    after_json: toJson(change.after),
  };
  db.insert('audit_log', { ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) });
}

export interface AuditChainReport {
  rows: number;
  intact: boolean;
  /** The first row (by sequence) whose hash or link does not hold. */
  brokenAtSeq: number | null;
}

/**
 * Walks the chain a chunk at a time, so a long check can report progress and give way between
 * chunks; each chunk is its own query, so nothing stays open in between.
 */
export function auditChainWalk(db: ReadableDatabase) {
  let prevHash = genesisHash;
  let lastSeq = 0;
  let rows = 0;
  let brokenAtSeq: number | null = null;
  const chunk = db.statement('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
  return {
    /** Checks up to `limit` more rows; false once the chain is walked (or found broken). */
    next(limit: number): boolean {
      if (brokenAtSeq !== null) return false;
      const batch = chunk.all(lastSeq, limit) as AuditLogRow[];
      for (const row of batch) {
        rows += 1;
        if (row.prev_hash !== prevHash || auditHash(prevHash, row) !== row.hash) {
          brokenAtSeq = row.seq;
          return false;
        }
        prevHash = row.hash;
        lastSeq = row.seq;
      }
      return batch.length === limit;
    },
    report(): AuditChainReport {
      return { rows, intact: brokenAtSeq === null, brokenAtSeq };
    },
  };
}

export const auditChunkRows = 20_000;

export function verifyAuditChain(db: ReadableDatabase): AuditChainReport {
  const walk = auditChainWalk(db);
  while (walk.next(auditChunkRows));
  return walk.report();
}
