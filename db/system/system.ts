/** About this database, who is acting, and the whole-database check behind `verify`. */
import type { Operations } from '../access/operations';
import { verifyAuditChain } from '../audit/audit-log';
import type { CoreChannelName } from '../contract';
import type { systemChannels, VerifyReport } from '../contract/system';
import { checkBalances } from '../inventory/ledger';
import type { ReadableDatabase } from '../platform/database';
import { checkRollups } from '../reports/rollups';

/**
 * Everything that must hold in a healthy database: SQLite's own integrity check, foreign keys,
 * cached balances equal to the ledger, rollups equal to the facts, and an unbroken audit chain.
 */
export function verifyDatabase(db: ReadableDatabase): VerifyReport {
  const integrity = (db.readPragma('integrity_check') as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .join('; ');
  const foreignKeyViolations = db.readPragma('foreign_key_check').length;
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

export const systemOperations: Operations<Extract<keyof typeof systemChannels, CoreChannelName>> = {
  'system.about': ({ db, core }) => ({
    appVersion: core.appVersion,
    databasePath: db.path,
    schemaVersion: db.readPragma('user_version'),
    deviceId: core.deviceId,
    demo: core.demo,
  }),
  'system.verify': ({ db }) => verifyDatabase(db),
  'session.current': ({ staff }) => ({ staffId: staff.id, displayName: staff.display_name, role: staff.role }),
};
