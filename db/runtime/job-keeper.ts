/**
 * The jobs a core keeps: started, followed and cancelled by channel (`jobs.get`, `jobs.cancel`),
 * each ended job kept until its result is fetched once. Where a job runs is the launcher's
 * business: on the reader thread for the app, on the same connection for the command line.
 */
import type { JobChannelName, RuntimeChannelName } from '../contract';

/** The runtime's channels about jobs (the other, `system.opening`, is answered by whoever started the core). */
export type JobFollowingChannel = Exclude<RuntimeChannelName, 'system.opening'>;
import { contractErrorOf, failure, success, type Actor, type ContractError, type Envelope } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import type { FileGrants } from '../contract/files';
import type { Job, JobProgress } from '../contract/jobs';
import { parseChannelInput } from '../contract/validation';
import { errorEnvelope, refusalOf, type CoreContext } from '../dispatch/dispatch';
import { startJob } from '../dispatch/jobs';
import { newId } from '../platform/ids';

/** What a job tells whoever watches it: each step's progress, then how it ended. */
export type JobEvent = { kind: 'progress'; progress: JobProgress } | { kind: 'ended'; job: Job };

/** How a launched job reports back. */
export interface JobReports {
  started(): void;
  refused(error: ContractError): void;
  progress(progress: JobProgress): void;
  ended(envelope: Envelope<unknown>): void;
}

export interface JobLauncher {
  launch(
    job: { jobId: string; channel: string; input: unknown; actor: Actor; files: FileGrants },
    reports: JobReports,
  ): void;
  cancel(jobId: string): void;
}

interface KeptJob {
  job: Job;
  staffId: string;
  /** Every step so far, so a watcher that comes in late still sees the job from its start. */
  history: JobProgress[];
  watchers: Set<(event: JobEvent) => void>;
}

/** More steps than any job reports; past it only the latest are kept for late watchers. */
const historyLimit = 10_000;

export function createJobKeeper(launcher: JobLauncher) {
  const jobs = new Map<string, KeptJob>();
  const tell = (kept: KeptJob, event: JobEvent) => {
    for (const watcher of kept.watchers) watcher(event);
  };
  const end = (kept: KeptJob, envelope: Envelope<unknown>) => {
    if (kept.job.state !== 'running') return;
    const cancelled = !envelope.ok && envelope.error.code === 'job_cancelled';
    kept.job = {
      ...kept.job,
      state: envelope.ok ? 'done' : cancelled ? 'cancelled' : 'failed',
      ...(envelope.ok ? { result: envelope.data } : {}),
      error: envelope.ok
        ? null
        : {
            code: envelope.error.code,
            message: envelope.error.message,
            ...(envelope.error.field === undefined ? {} : { field: envelope.error.field }),
          },
      endedAt: new Date().toISOString(),
    };
    tell(kept, { kind: 'ended', job: kept.job });
  };

  return {
    /** Starts a job: answers with its id once its input and access are checked, or with the refusal. */
    start(channel: string, input: unknown, actor: Actor, files: FileGrants = {}): Promise<Envelope<unknown>> {
      const jobId = newId();
      const kept: KeptJob = {
        job: {
          jobId,
          channel,
          state: 'running',
          progress: null,
          error: null,
          startedAt: new Date().toISOString(),
          endedAt: null,
        },
        staffId: actor.staffId,
        history: [],
        watchers: new Set(),
      };
      return new Promise((answer) => {
        jobs.set(jobId, kept);
        launcher.launch(
          { jobId, channel, input, actor, files },
          {
            started: () => answer(success({ jobId })),
            refused: (error) => {
              jobs.delete(jobId);
              answer(failure(error));
            },
            progress: (progress) => {
              kept.job = { ...kept.job, progress };
              kept.history.push(progress);
              if (kept.history.length > historyLimit) kept.history.shift();
              tell(kept, { kind: 'progress', progress });
            },
            ended: (envelope) => end(kept, envelope),
          },
        );
      });
    },

    /** `jobs.get` and `jobs.cancel`: only the person who started a job may follow or stop it. */
    answer(channel: JobFollowingChannel, rawInput: unknown, actor: Actor): Envelope<unknown> {
      let jobId: string;
      try {
        ({ jobId } = parseChannelInput(channel, rawInput));
      } catch (error) {
        return failure(contractErrorOf(error as OutpostError));
      }
      const kept = jobs.get(jobId);
      if (!kept) return failure(contractErrorOf(new OutpostError('job_not_found', { field: 'jobId' })));
      if (kept.staffId !== actor.staffId) return failure(contractErrorOf(new OutpostError('not_permitted')));
      if (channel === 'jobs.cancel' && kept.job.state === 'running') launcher.cancel(jobId);
      if (channel === 'jobs.get' && kept.job.state !== 'running') jobs.delete(jobId);
      return success(kept.job);
    },

    /** Follows a job from its start: the steps it already made first, then each as it comes. */
    watch(jobId: string, listener: (event: JobEvent) => void): () => void {
      const kept = jobs.get(jobId);
      if (!kept) return () => {};
      for (const progress of kept.history) listener({ kind: 'progress', progress });
      if (kept.job.state !== 'running') {
        listener({ kind: 'ended', job: kept.job });
        return () => {};
      }
      kept.watchers.add(listener);
      return () => kept.watchers.delete(listener);
    },

    /** Every running job fails with `reason` (its thread has stopped). */
    failRunning(reason: ContractError): void {
      for (const kept of jobs.values()) end(kept, failure(reason));
    },
  };
}

export type JobKeeper = ReturnType<typeof createJobKeeper>;

/**
 * Runs jobs on this connection: the reader thread's way of running them, and the command line's.
 * A job's input and access are checked before it counts as started.
 */
export function launchHere(context: CoreContext): JobLauncher & { cancelAll(): void } {
  const cancels = new Map<string, AbortController>();
  return {
    launch({ jobId, channel, input, actor, files }, reports) {
      const cancel = new AbortController();
      let running: Promise<unknown>;
      try {
        running = startJob(context, channel as JobChannelName, input, actor, {
          onProgress: reports.progress,
          signal: cancel.signal,
          files,
        });
      } catch (error) {
        reports.refused(refusalOf(error));
        return;
      }
      cancels.set(jobId, cancel);
      reports.started();
      void running
        .then(
          (result) => reports.ended(success(result)),
          (error: unknown) => reports.ended(errorEnvelope(error)),
        )
        .finally(() => cancels.delete(jobId));
    },
    cancel: (jobId) => cancels.get(jobId)?.abort(),
    /** Before the connection closes: each running job stops at its next step instead of failing on it. */
    cancelAll: () => cancels.forEach((cancel) => cancel.abort()),
  };
}
