/**
 * Jobs: long work (verify today; reports, exports, backups and imports later) that runs on the
 * read lane while saves go on. Starting one answers at once with its id; `jobs.get` follows its
 * progress (done of total, and the phase it is in) and, once it has ended, gives its result or
 * its refusal; `jobs.cancel` stops it at its next step. Phases are named by key: the renderer
 * translates `jobs.phases.<key>`, the command line prints the English below.
 */
import { z } from 'zod';
import { everyRole, runtime } from './access';
import { errorCodes } from './errors';
import { id } from './fields';

export const jobPhaseMessages = {
  integrity: 'Checking the database file and the links between records',
  ledger: 'Checking stock balances against the ledger',
  rollups: 'Checking report figures against the records',
  indexes: 'Checking the list and search indexes against the records',
  audit: 'Checking the audit trail',
  copying: 'Copying the database',
  checkingCopy: 'Checking the copy',
} as const;
export type JobPhase = keyof typeof jobPhaseMessages;
export const jobPhases = Object.keys(jobPhaseMessages) as JobPhase[];

export const jobStates = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const jobProgress = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  phase: z.enum(jobPhases as [JobPhase, ...JobPhase[]]),
});
export type JobProgress = z.infer<typeof jobProgress>;

/** What starting a job answers: its id, to follow with `jobs.get`. */
export const jobStartedOutput = z.object({ jobId: z.string() });
export type JobStarted = z.infer<typeof jobStartedOutput>;

/** Why a job failed (or opening did), as any refusal says it. */
export const refusalOutput = z.object({ code: z.enum(errorCodes), message: z.string(), field: z.string().optional() });

export const jobOutput = jobStartedOutput.extend({
  /** The channel that started it; its `result` schema in the contract says what `result` holds. */
  channel: z.string(),
  state: z.enum(jobStates),
  progress: jobProgress.nullable(),
  /** Once done: what the job found or made. */
  result: z.unknown().optional(),
  error: refusalOutput.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type Job = z.infer<typeof jobOutput>;

export const jobIdInput = z.object({ jobId: id('job_not_found') }).strict();

export const jobChannels = {
  // Only the person who started a job may follow or cancel it (the runtime checks).
  'jobs.get': { input: jobIdInput, output: jobOutput, access: runtime(everyRole) },
  'jobs.cancel': { input: jobIdInput, output: jobOutput, access: runtime(everyRole) },
} as const;
