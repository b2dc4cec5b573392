/** About this database, who is signed in, and the whole-database check behind `verify`. */
import { verifyAuditChain } from '../audit/audit-log';
import type { Session, VerifyReport } from '../contract/system';
import type { OutpostDatabase } from '../platform/database';
import type { HandlerMap } from '../runtime/operations';
import { checkBalances } from '../inventory/ledger';
import { checkRollups } from '../reports/rollups';
import { requireActiveStaff } from '../access/roles';

export function currentSession(db: OutpostDatabase, staffId: string): Session {
  const staff = requireActiveStaff(db, staffId);
  return { staffId: staff.id, displayName: staff.display_name, role: staff.role };
}

/**
 * Everything that must hold in a healthy database: SQLite's own integrity check, foreign keys,
 * cached balances equal to the ledger, rollups equal to the facts, and an unbroken audit chain.
 */
export function verifyDatabase(db: OutpostDatabase): VerifyReport {
  const integrity = (db.sqlite.pragma('integrity_check') as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .join('; ');
  const foreignKeyViolations = (db.sqlite.pragma('foreign_key_check') as unknown[]).length;
  const ledger = checkBalances(db);
  const rollups = checkRollups(db);
  const audit = verifyAuditChain(db);
  const ok =
    integrity === 'ok' &&
    foreignKeyViolations === 0 &&
    ledger.mismatches === 0 &&
    rollups.every((check) => check.mismatches === 0) &&
    audit.intact;
  return { ok, integrity, foreignKeyViolations, ledger, rollups, audit };
}

export const systemHandlers: HandlerMap<'system.about' | 'system.verify' | 'session.current'> = {
  'system.about': (context) => ({
    appVersion: context.appVersion,
    databasePath: context.db.path,
    schemaVersion: context.db.sqlite.pragma('user_version', { simple: true }) as number,
    deviceId: context.identity.deviceId,
    demo: context.demo,
  }),
  'system.verify': (context) => verifyDatabase(context.db),
  'session.current': (context, _input, actor) => currentSession(context.db, actor.staffId),
};
