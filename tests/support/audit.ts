/** The audit log as tests read it: the rows one action wrote, oldest first. */
import { createHash } from 'node:crypto';
import { auditEntityTables } from '../../db/audit/audit-log';
import type { AuditAction, AuditEntity } from '../../db/contract/audit';
import type { ReadableDatabase } from '../../db/platform/database';
import { idOfKey } from '../../db/platform/keys';

export function auditRows(db: ReadableDatabase, action: AuditAction) {
  return db.all(db.query.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq'));
}

/**
 * How a row for a change kept as a fact holds its result: the first 16 bytes of the sha256 of its
 * JSON. Computed here, not by the code under test, so a test checks the digest independently.
 */
export function digestOf(value: unknown): Buffer {
  return createHash('sha256').update(JSON.stringify(value)).digest().subarray(0, 16);
}

/**
 * The id of the record a row names: rows hold its key. The settings are the one row 'program';
 * the database is named by the device it lives on, which every row records.
 */
function entityIdOf(db: ReadableDatabase, entity: AuditEntity, key: number, deviceKey: number): string {
  const table = auditEntityTables[entity];
  if (table !== null) return idOfKey(db, table, key);
  return entity === 'program_settings' ? 'program' : idOfKey(db, 'device', deviceKey);
}

/** Each row's record by id and its before and after, parsed (or, for a fact, the digest of its result). */
export function auditChanges(db: ReadableDatabase, action: AuditAction) {
  return auditRows(db, action).map((row) => ({
    entity: row.entity_type,
    id: entityIdOf(db, row.entity_type, row.entity_key, row.device_key),
    before: row.before_json === null ? undefined : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? undefined : (JSON.parse(row.after_json) as unknown),
    ...(row.after_digest === null ? {} : { digest: Buffer.from(row.after_digest) }),
  }));
}
