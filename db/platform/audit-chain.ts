/**
 * How audit rows are chained and digested: pure hashing of a row's columns, shared by the audit
 * log, the demo generator and the conversion that re-chained older rows (0009), so every writer
 * of the chain computes it the same way.
 */
import { hash } from 'node:crypto';
import type { AuditLogRow } from './schema';

/** The previous hash of the first row. */
export const genesisHash: Uint8Array = new Uint8Array(16);

/** The first 16 bytes of a SHA-256: enough to make a forged match infeasible, half the bytes. */
function digest16(text: string): Buffer {
  // The one-shot hash: verify computes one per audit row, millions of them.
  return hash('sha256', text, 'buffer').subarray(0, 16);
}

/** The digest an audit row keeps of a result kept as a fact. */
export function factDigest(after: unknown): Buffer {
  return digest16(JSON.stringify(after) ?? 'null');
}

const hex = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** What a row's hash covers, with its bytes already written as hex. */
function chainText(
  prevHashHex: string,
  row: Omit<AuditLogRow, 'hash' | 'after_digest'>,
  afterDigestHex: string | null,
) {
  return JSON.stringify([
    prevHashHex,
    row.seq,
    row.at_ms,
    row.staff_key,
    row.device_key,
    row.action,
    row.entity_type,
    row.entity_key,
    row.before_json,
    row.after_json,
    afterDigestHex,
  ]);
}

/**
 * A row's hash: over the previous row's hash and every column but its own hash, the sequence
 * number included: a row renumbered in place (leaving a gap, or filling one) keeps every link in
 * order, so only its covered number gives it away. The serialization is a JSON array of fixed
 * order (hex for the bytes), which leaves no ambiguity between one field's end and the next's.
 */
export function auditHash(prevHash: Uint8Array, row: Omit<AuditLogRow, 'hash'>): Buffer {
  return digest16(chainText(hex(prevHash)!, row, hex(row.after_digest)));
}

/** The genesis hash as hex. */
export const genesisHashHex = hex(genesisHash)!;

/**
 * The same hash, from and to lowercase hex. Verify walks millions of rows: strings keep the walk
 * in the JavaScript heap, where a buffer per value grew the process by a hundred megabytes
 * before the collector caught up.
 */
export function auditHashHex(
  prevHashHex: string,
  row: Omit<AuditLogRow, 'hash' | 'after_digest'>,
  afterDigestHex: string | null,
): string {
  return hash('sha256', chainText(prevHashHex, row, afterDigestHex), 'hex').slice(0, 32);
}
