/** The audit log as tests read it: the rows one action wrote, oldest first. */
import type { AuditAction } from '../../db/contract/audit';
import type { ReadableDatabase } from '../../db/platform/database';

export function auditRows(db: ReadableDatabase, action: AuditAction) {
  return db.all(db.query.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq'));
}

/** Each row's record and its before and after, parsed. */
export function auditChanges(db: ReadableDatabase, action: AuditAction) {
  return auditRows(db, action).map((row) => ({
    entity: row.entity_type,
    id: row.entity_id,
    before: row.before_json === null ? undefined : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? undefined : (JSON.parse(row.after_json) as unknown),
  }));
}
