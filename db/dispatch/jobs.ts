/**
 * Running a job: its work goes step by step, reporting progress at each and giving way to the
 * thread's other messages (a cancel among them), so one long check never holds the thread.
 */
import type { JobControl } from '../access/operations';
import type { JobChannelName, JobResult } from '../contract';
import type { Actor } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import type { FileGrants } from '../contract/files';
import type { JobProgress } from '../contract/jobs';
import { prepareJob, type CoreContext } from './dispatch';

export interface JobHooks {
  /** The files handed to the job, by handle. */
  files?: FileGrants;
  onProgress?: (progress: JobProgress) => void;
  /** Aborted: the job stops at its next step and fails as `job_cancelled`. */
  signal?: AbortSignal;
}

const givingWay = () => new Promise<void>((resolve) => setImmediate(resolve));

function jobControl(hooks: JobHooks): JobControl {
  return {
    async step(progress) {
      hooks.onProgress?.(progress);
      await givingWay();
      if (hooks.signal?.aborted) throw new OutpostError('job_cancelled');
    },
  };
}

/**
 * Checks the job's input and access at once (throwing the refusal), then returns its running
 * work: the result, or the OutpostError that stopped it.
 */
export function startJob<C extends JobChannelName>(
  context: CoreContext,
  channel: C,
  input: unknown,
  actor: Actor,
  hooks: JobHooks = {},
): Promise<JobResult<C>> {
  const run = prepareJob(context, channel, input, actor, hooks.files);
  return run(jobControl(hooks));
}
