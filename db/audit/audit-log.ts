/**
 * The audit log: every write appends who did what, when, on which device, with the record before
 * and after. Rows are append-only (triggers refuse UPDATE and DELETE) and hash-chained: each row's
 * hash covers its content and the previous row's hash, so `verifyAuditChain` detects any row
 * changed, removed or inserted outside Outpost.
 */
import { createHash } from 'node:crypto';
import type { OutpostDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import type { Writer } from '../access/roles';

export const genesisHash = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

interface ChainedFields {
  id: string;
  at: string;
  staff_id: string | null;
  device_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

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

/** Appends one audit row; call inside the transaction of the write it describes. */
export function appendAudit(db: OutpostDatabase, writer: Writer, entry: AuditEntry): void {
  const last = db.statement(`SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as
    { hash: string } | undefined;
  const prevHash = last?.hash ?? genesisHash;
  const row: ChainedFields = {
    id: newId(),
    at: db.nowIso(),
    staff_id: writer.staffId,
    device_id: writer.deviceId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
  };
  db.insert('audit_log', { ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) });
}

export interface AuditChainReport {
  rows: number;
  intact: boolean;
  /** The first row (by sequence) whose hash or link does not hold. */
  brokenAtSeq: number | null;
}

export function verifyAuditChain(db: OutpostDatabase): AuditChainReport {
  let prevHash = genesisHash;
  let rows = 0;
  const statement = db.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq');
  for (const row of statement.iterate() as Iterable<ChainedFields & { seq: number; prev_hash: string; hash: string }>) {
    rows += 1;
    if (row.prev_hash !== prevHash || auditHash(prevHash, row) !== row.hash) {
      return { rows, intact: false, brokenAtSeq: row.seq };
    }
    prevHash = row.hash;
  }
  return { rows, intact: true, brokenAtSeq: null };
}
