/** About this database, who is acting, and the whole-database check behind `verify`. */
import type { JobControl, Operations } from '../access/operations';
import { auditChainWalk, auditChunkRows } from '../audit/audit-log';
import type { OperationChannelName } from '../contract';
import type { JobPhase } from '../contract/jobs';
import type { systemChannels, VerifyReport } from '../contract/system';
import { checkBalances } from '../inventory/ledger';
import { OutpostError } from '../contract/errors';
import { openReadOnlyDatabase, type OutpostDatabase, type ReadableDatabase } from '../platform/database';
import { rollupChecks } from '../reports/rollups';

interface Step {
  phase: JobPhase;
  /** Does one piece of the check; true while there is more of it to do. */
  run(): boolean;
}

/**
 * Everything that must hold in a healthy database, as steps: SQLite's own integrity check, foreign
 * keys, cached balances equal to the ledger, rollups equal to the facts, and an unbroken audit
 * chain (walked a chunk at a time). Only reads: stopping between steps leaves nothing behind.
 */
function verification(db: ReadableDatabase) {
  const report: Omit<VerifyReport, 'ok' | 'audit'> = {
    integrity: '',
    foreignKeyViolations: 0,
    ledger: { balances: 0, mismatches: 0 },
    rollups: [],
  };
  const once = (phase: JobPhase, work: () => void): Step => ({ phase, run: () => (work(), false) });
  const audit = auditChainWalk(db);
  const auditRows = (db.statement('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const steps: Step[] = [
    once('integrity', () => {
      report.integrity = (db.readPragma('integrity_check') as { integrity_check: string }[])
        .map((row) => row.integrity_check)
        .join('; ');
    }),
    once('foreignKeys', () => {
      report.foreignKeyViolations = db.readPragma('foreign_key_check').length;
    }),
    once('ledger', () => {
      report.ledger = checkBalances(db);
    }),
    ...rollupChecks(db).map((check) => once('rollups', () => void report.rollups.push(check()))),
    { phase: 'audit', run: () => audit.next(auditChunkRows) },
  ];
  return {
    steps,
    /** How many pieces the whole check has: one per step, the audit chain one per chunk. */
    pieces: steps.length - 1 + Math.max(1, Math.ceil(auditRows / auditChunkRows)),
    report(): VerifyReport {
      const chain = audit.report();
      const ok =
        report.integrity === 'ok' &&
        report.foreignKeyViolations === 0 &&
        report.ledger.mismatches === 0 &&
        report.rollups.every((check) => check.mismatches === 0) &&
        chain.intact;
      return { ok, ...report, audit: chain };
    },
  };
}

/** The whole check at once, for tests and maintenance code that have no progress to show. */
export function verifyDatabase(db: ReadableDatabase): VerifyReport {
  const check = verification(db);
  for (const step of check.steps) while (step.run());
  return check.report();
}

/** The check as a job: progress after every piece, and a chance to stop between any two. */
async function verifyJob(db: ReadableDatabase, job: JobControl): Promise<VerifyReport> {
  const check = verification(db);
  let done = 0;
  for (const step of check.steps) {
    let more = true;
    while (more) {
      await job.step({ done, total: check.pieces, phase: step.phase });
      more = step.run();
      done = Math.min(done + 1, check.pieces);
    }
  }
  await job.step({ done: check.pieces, total: check.pieces, phase: 'audit' });
  return check.report();
}

/**
 * The same check on another Outpost database someone chose: opened to read only, on a connection
 * of its own, and closed however the check ends.
 */
async function verifyFileJob(path: string, job: JobControl): Promise<VerifyReport> {
  let other: OutpostDatabase;
  try {
    other = openReadOnlyDatabase(path);
  } catch {
    // Not SQLite, not Outpost's, or at another schema: this version cannot vouch for it.
    throw new OutpostError('file_not_outpost', { field: 'file' });
  }
  try {
    return await verifyJob(other, job);
  } finally {
    other.close();
  }
}

export const systemOperations: Operations<Extract<keyof typeof systemChannels, OperationChannelName>> = {
  'system.about': ({ db, core }) => ({
    appVersion: core.appVersion,
    databasePath: db.path,
    schemaVersion: db.readPragma('user_version'),
    deviceId: core.deviceId,
    demo: core.demo,
  }),
  'system.verify': ({ db, job }) => verifyJob(db, job),
  'system.verifyFile': ({ files, job }, input) => verifyFileJob(files.pathOf(input.file, 'read'), job),
  'session.current': ({ staff }) => ({ staffId: staff.id, displayName: staff.display_name, role: staff.role }),
};
