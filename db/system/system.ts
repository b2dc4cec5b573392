/** About this database, who is acting, the whole-database check behind `verify`, and copies. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { FileAccess, JobControl, Operations } from '../access/operations';
import { auditChainWalk, auditChunkRows } from '../audit/audit-log';
import type { OperationChannelName } from '../contract';
import type { JobPhase } from '../contract/jobs';
import { localDate } from '../contract/calendar';
import { fileExtensions } from '../contract/files';
import type { SavedCopy, systemChannels, VerifyReport } from '../contract/system';
import { checkListPaths } from '../field-entries/list-paths';
import { checkBalances } from '../inventory/ledger';
import { checkAdjustments } from '../inventory/adjustments';
import { checkCounts } from '../inventory/counts';
import { checkLotHolds } from '../inventory/stock';
import { checkTransfers } from '../inventory/transfers';
import { checkCodeVariants } from '../participants/search';
import { OutpostError } from '../contract/errors';
import { openReadOnlyDatabase, type OutpostDatabase, type ReadableDatabase } from '../platform/database';
import type { SideThread } from '../platform/side-thread';
import { startSqliteChecks, type SqliteChecks } from '../platform/sqlite-checks';
import { readAhead, type ReadAhead } from '../platform/read-ahead';
import { rollupChecks } from '../reports/rollup-checks';
import { readSettings } from '../settings/settings';

interface Step {
  phase: JobPhase;
  /** Does one piece of the check; true while there is more of it to do. */
  run(): boolean | Promise<boolean>;
}

/**
 * The page cache SQLite's own checks get: fewer pages reread than with SQLite's 2 MiB. Not more:
 * they run beside the other checks, whose memory adds to theirs (on two million encounters verify
 * grew the process by 119 MiB with 32 MiB here, by 105 with 16), and with 16 they still end first.
 */
const verifyCacheMiB = 16;

export interface VerifyOptions {
  /**
   * Run SQLite's own checks on a thread beside the rest (default: where there is more than one
   * core; on one, a second thread would only take turns with the first).
   */
  sqliteChecksBeside?: boolean;
}

/**
 * Everything that must hold in a healthy database, as steps: SQLite's own integrity check, foreign
 * keys, cached balances equal to the ledger, rollups and the list and search indexes equal to the
 * facts, and an unbroken audit chain (walked a chunk at a time). Only reads: stopping between
 * steps leaves nothing behind. SQLite's own checks (integrity, foreign keys) run on a thread of
 * their own beside the rest, and the last step waits for them.
 */
function verification(db: ReadableDatabase, { sqliteChecksBeside = availableParallelism() > 1 }: VerifyOptions = {}) {
  const report: Omit<VerifyReport, 'ok' | 'audit'> = {
    integrity: '',
    foreignKeyViolations: 0,
    ledger: { balances: 0, mismatches: 0 },
    rollups: [],
  };
  const once = (phase: JobPhase, work: () => void): Step => ({ phase, run: () => (work(), false) });
  const sqliteChecksHere = (): SqliteChecks =>
    db.withPageCache(verifyCacheMiB, () => ({
      integrity: (db.readPragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check),
      foreignKeyViolations: db.readPragma('foreign_key_check').length,
    }));
  let reading: ReadAhead | null = null;
  let sqliteChecks: SideThread<SqliteChecks> | null = null;
  const audit = auditChainWalk(db);
  const auditRows = (db.statement('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const steps: Step[] = [
    once('integrity', () => {
      // A cold file is read through in order beside the checks, which then read more and more from memory.
      reading = readAhead(db.path);
      // A database with no file (in memory) has no second connection to check it on.
      if (sqliteChecksBeside && existsSync(db.path)) sqliteChecks = startSqliteChecks(db.path, verifyCacheMiB);
    }),
    once('ledger', () => {
      report.ledger = checkBalances(db);
    }),
    once('ledger', () => void report.rollups.push({ table: 'transfers', ...checkTransfers(db) })),
    once('ledger', () => void report.rollups.push({ table: 'adjustments', ...checkAdjustments(db) })),
    once('ledger', () => void report.rollups.push({ table: 'lot_holds', ...checkLotHolds(db) })),
    once('ledger', () => void report.rollups.push({ table: 'counts', ...checkCounts(db) })),
    ...rollupChecks(db).map((check) => once('rollups', () => void report.rollups.push(check()))),
    once('indexes', () => void report.rollups.push({ table: 'field_entry_item_times', ...checkListPaths(db) })),
    once('indexes', () => void report.rollups.push({ table: 'participant_code_variants', ...checkCodeVariants(db) })),
    { phase: 'audit', run: () => audit.next(auditChunkRows) },
    {
      phase: 'integrity',
      run: async () => {
        // A thread that could not check the file leaves the checks to this connection: they are never skipped.
        const found = sqliteChecks ? await sqliteChecks.result.catch(sqliteChecksHere) : sqliteChecksHere();
        report.integrity = found.integrity.join('; ');
        report.foreignKeyViolations = found.foreignKeyViolations;
        return false;
      },
    },
  ];
  return {
    steps,
    /** How many pieces the whole check has: one per step, the audit chain one per chunk. */
    pieces: steps.length - 1 + Math.max(1, Math.ceil(auditRows / auditChunkRows)),
    /** Ends the reading ahead and the integrity thread, however the check ended. */
    close(): void {
      reading?.stop();
      sqliteChecks?.stop();
    },
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
export async function verifyDatabase(db: ReadableDatabase, options: VerifyOptions = {}): Promise<VerifyReport> {
  const check = verification(db, options);
  try {
    for (const step of check.steps) while (await step.run());
    return check.report();
  } finally {
    check.close();
  }
}

/** The check as a job: progress after every piece, and a chance to stop between any two. */
async function verifyJob(db: ReadableDatabase, job: JobControl): Promise<VerifyReport> {
  const check = verification(db);
  try {
    let done = 0;
    for (const step of check.steps) {
      let more = true;
      while (more) {
        await job.step({ done, total: check.pieces, phase: step.phase });
        more = await step.run();
        done = Math.min(done + 1, check.pieces);
      }
    }
    await job.step({ done: check.pieces, total: check.pieces, phase: 'integrity' });
    return check.report();
  } finally {
    check.close();
  }
}

/**
 * The same check on another Outpost database someone chose: opened to read only, on a connection
 * of its own, and closed however the check ends.
 */
async function verifyFileJob(path: string, job: JobControl): Promise<VerifyReport> {
  let other: OutpostDatabase;
  try {
    other = openReadOnlyDatabase(path);
  } catch (error) {
    // Outpost's at another schema says so; anything else (not SQLite, not Outpost's) cannot be vouched for.
    const code = error instanceof OutpostError ? error.code : null;
    if (code === 'database_too_old' || code === 'database_too_new') throw new OutpostError(code, { field: 'file' });
    throw new OutpostError('file_not_outpost', { field: 'file' });
  }
  try {
    return await verifyJob(other, job);
  } finally {
    other.close();
  }
}

interface AuditMark {
  rows: number;
  last: { seq: number; hash: Uint8Array } | undefined;
}

function auditMark(db: ReadableDatabase): AuditMark {
  const rows = (db.statement('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const last = db.statement('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditMark['last'];
  return { rows, last };
}

/**
 * Whether a fresh copy holds this database as it was at one moment: SQLite finds the file sound,
 * it opens as Outpost at this schema, and its last audit row is this database's row at that
 * sequence (saves made since may have added more here, never changed those).
 */
function copyMatches(db: ReadableDatabase, copyPath: string): AuditMark | null {
  let copy: OutpostDatabase;
  try {
    copy = openReadOnlyDatabase(copyPath);
  } catch {
    return null;
  }
  try {
    const sound = (copy.statement('PRAGMA quick_check').get() as { quick_check: string }).quick_check === 'ok';
    const mark = auditMark(copy);
    if (!sound || mark.last === undefined) return sound ? mark : null;
    const here = db.statement('SELECT hash FROM audit_log WHERE seq = ?').get(mark.last.seq) as
      { hash: Uint8Array } | undefined;
    const sameRows = (
      db.statement('SELECT count(*) AS n FROM audit_log WHERE seq <= ?').get(mark.last.seq) as {
        n: number;
      }
    ).n;
    const sameLast = here !== undefined && Buffer.from(here.hash).equals(mark.last.hash);
    return sameLast && sameRows === mark.rows ? mark : null;
  } finally {
    copy.close();
  }
}

/**
 * The whole database as one consistent copy (VACUUM INTO, on the read lane: saves go on), checked
 * before it takes the chosen name. A cancel, a failed check or a full disk leaves no file behind.
 */
async function saveCopyJob(
  db: ReadableDatabase,
  files: FileAccess,
  handle: string,
  job: JobControl,
): Promise<SavedCopy> {
  const today = localDate(db.now(), readSettings(db).time_zone);
  const saved = await files.write(handle, `outpost-copy-${today}${fileExtensions.outpostDatabase}`, async (part) => {
    await job.step({ done: 0, total: 2, phase: 'copying' });
    db.copyInto(part);
    await job.step({ done: 1, total: 2, phase: 'checkingCopy' });
    const mark = copyMatches(db, part);
    if (!mark) throw new OutpostError('copy_check_failed');
    await job.step({ done: 2, total: 2, phase: 'checkingCopy' });
    return mark;
  });
  return { name: saved.name, bytes: saved.bytes, auditRows: saved.value.rows };
}

/** The system channels but setup's (./setup.ts). */
export const systemOperations: Operations<
  Exclude<Extract<keyof typeof systemChannels, OperationChannelName>, 'system.setupStatus' | 'system.setup'>
> = {
  'system.about': ({ db, core }) => ({
    appVersion: core.appVersion,
    databasePath: db.path,
    schemaVersion: db.readPragma('user_version'),
    deviceId: core.deviceId,
    demo: core.demo,
  }),
  'system.verify': ({ db, job }) => verifyJob(db, job),
  'system.verifyFile': ({ files, job }, input) => verifyFileJob(files.pathOf(input.file, 'read'), job),
  'system.saveCopy': ({ db, files, job }, input) => saveCopyJob(db, files, input.file, job),
  'session.current': ({ staff }) => ({ staffId: staff.id, displayName: staff.display_name, role: staff.role }),
};
