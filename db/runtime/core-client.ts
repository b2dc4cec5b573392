/**
 * Starts the core's two worker threads and talks to them. Used by Electron's main process and by
 * the HTTP harness, so both run the very same core.
 *
 * Calls (reads and writes) go to the writer, one at a time, as SQLite has one writer. Jobs go to
 * the reader, on its own read-only connection: starting one answers at once with its id, and the
 * jobs kept here answer `jobs.get` and `jobs.cancel` without asking either thread, so following a
 * job never waits behind it and a save never waits behind a job.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isChannelName, laneOf } from '../contract';
import { failure, type Actor, type ContractError, type Envelope } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import type { ChosenFile, FileGrants, FileMode } from '../contract/files';
import { createFileRegistry } from './files';
import { createJobKeeper, type JobEvent, type JobFollowingChannel, type JobReports } from './job-keeper';
import type { CoreCaller } from './gateway';
import type { CoreInfo, CoreOptions } from './core';
import { answerOpening, opened, trackOpening } from './opening';
import type { CoreLane, FromCore, ToCore } from './worker-protocol';
import type { ConversionProgress } from '../platform/conversion';

export interface WorkerEntry {
  /** The worker script: the built `worker.js` in Electron, `db/runtime/worker.ts` from source. */
  path: string;
  execArgv?: string[];
}

/** The worker straight from source, for the harness, the command line and tests (tsx compiles it). */
export function sourceWorkerEntry(): WorkerEntry {
  return { path: resolve(__dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };
}

export type { JobEvent } from './job-keeper';

/** What the one who starts the core hears while it opens. */
export interface StartHooks {
  /** The writer is converting an older file (minutes on years of data): how far it is. */
  onConversion?: (progress: ConversionProgress) => void;
}

export interface CoreConnection extends CoreCaller {
  info: CoreInfo;
  /** A handle for a file or folder someone chose, for `mode` only: hosts call this, never the renderer. */
  grantFile(path: string, mode: FileMode, name?: string): NonNullable<ChosenFile>;
  /** Follows a job as it runs (the command line prints it; tests read it in order). */
  watchJob(jobId: string, listener: (event: JobEvent) => void): () => void;
  close(): Promise<void>;
}

const unavailable = (reason: string): ContractError => ({ code: 'core_unavailable', message: reason });

/** One worker thread and the calls waiting for its answers. */
function startThread(entry: WorkerEntry, options: CoreOptions, lane: CoreLane, onMessage: (message: FromCore) => void) {
  const worker = new Worker(entry.path, { workerData: { ...options, lane }, execArgv: entry.execArgv ?? [] });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let nextId = 1;
  let closed = false;
  let onClosed: (() => void) | undefined;
  const failAll = (reason: string): void => {
    for (const answer of pending.values()) answer(failure(unavailable(reason)));
    pending.clear();
  };
  const ready = new Promise<CoreInfo>((resolveStart, rejectStart) => {
    let started = false;
    worker.on('error', (error) => {
      if (!started) rejectStart(error);
      console.error(`[outpost] core ${lane} failed:`, error);
      failAll('The database worker stopped unexpectedly. Nothing was changed.');
    });
    worker.on('exit', (code) => {
      closed = true;
      if (!started) rejectStart(new Error(`The database ${lane} exited with code ${code} before it was ready.`));
      failAll('The database worker has stopped.');
      onMessage({ kind: 'closed' });
      onClosed?.();
    });
    worker.on('message', (message: FromCore) => {
      if (message.kind === 'ready') {
        started = true;
        resolveStart(message.info);
      } else if (message.kind === 'failed') {
        rejectStart(new OutpostError(message.error.code, { message: message.error.message }));
        void worker.terminate();
      } else if (message.kind === 'result') {
        const answer = pending.get(message.id);
        pending.delete(message.id);
        answer?.(message.envelope);
      } else {
        onMessage(message);
      }
    });
  });
  return {
    ready,
    get closed() {
      return closed;
    },
    send(message: ToCore): void {
      if (!closed) worker.postMessage(message);
    },
    call(channel: string, input: unknown, actor: Actor, files: FileGrants): Promise<Envelope<unknown>> {
      if (closed) return Promise.resolve(failure(unavailable('The database is closed.')));
      const id = nextId++;
      return new Promise((answer) => {
        pending.set(id, answer);
        worker.postMessage({ kind: 'call', id, channel, input, actor, files } satisfies ToCore);
      });
    },
    close(): Promise<void> {
      if (closed) return Promise.resolve();
      return new Promise((done) => {
        onClosed = done;
        worker.postMessage({ kind: 'close' } satisfies ToCore);
      });
    },
  };
}

export async function startCore(
  entry: WorkerEntry,
  options: CoreOptions,
  hooks: StartHooks = {},
): Promise<CoreConnection> {
  const reports = new Map<string, JobReports>();
  const onReaderMessage = (message: FromCore) => {
    if (message.kind === 'closed') {
      keeper.failRunning(unavailable('The database worker has stopped.'));
      return;
    }
    if (!('jobId' in message)) return;
    const report = reports.get(message.jobId);
    if (!report) return;
    if (message.kind === 'job-started') report.started();
    else if (message.kind === 'job-refused') {
      reports.delete(message.jobId);
      report.refused(message.error);
    } else if (message.kind === 'job-progress') report.progress(message.progress);
    else if (message.kind === 'job-ended') {
      reports.delete(message.jobId);
      report.ended(message.envelope);
    }
  };

  // The writer first: it migrates and sets up the file the reader then opens read-only.
  const writer = startThread(entry, options, 'writer', (message) => {
    if (message.kind === 'converting') hooks.onConversion?.(message.progress);
  });
  const info = await writer.ready;
  const reader = startThread(entry, options, 'reader', onReaderMessage);
  const keeper = createJobKeeper({
    launch(job, report) {
      if (reader.closed) return report.refused(unavailable('The database is closed.'));
      reports.set(job.jobId, report);
      reader.send({ kind: 'start-job', ...job });
    },
    cancel: (jobId) => reader.send({ kind: 'cancel-job', jobId }),
  });
  try {
    await reader.ready;
  } catch (error) {
    await writer.close();
    throw error;
  }

  const files = createFileRegistry();
  return {
    info,
    call(channel, input, actor) {
      if (!isChannelName(channel)) return writer.call(channel, input, actor, {});
      const lane = laneOf(channel);
      if (channel === 'system.opening') return Promise.resolve(answerOpening(input, opened));
      if (lane === 'job') return keeper.start(channel, input, actor, files.grantsFor(input));
      if (lane === 'runtime') return Promise.resolve(keeper.answer(channel as JobFollowingChannel, input, actor));
      return writer.call(channel, input, actor, files.grantsFor(input));
    },
    grantFile: (path, mode, name) => files.grant(path, mode, name),
    watchJob: (jobId, listener) => keeper.watch(jobId, listener),
    async close() {
      await Promise.all([reader.close(), writer.close()]);
    },
  };
}

/** The core as it opens: `connection` once it is open, and a caller that answers meanwhile. */
export interface OpeningCore extends CoreCaller {
  /** The core once open; rejects when the database cannot be opened. */
  connection: Promise<CoreConnection>;
  /** The core if it is open, else null. */
  current(): CoreConnection | null;
  /** The core, open: for host work that only runs once it is (every call before is refused). */
  opened(): CoreConnection;
}

/**
 * Starts the core without waiting for it, so the host can show its window at once: until the
 * core is open, `system.opening` says how far it is and every other channel is refused as not
 * available yet (nobody is known before the staff table is open); then every call goes to it.
 */
export function openInBackground(entry: WorkerEntry, options: CoreOptions): OpeningCore {
  const tracker = trackOpening();
  let open: CoreConnection | null = null;
  const connection = startCore(entry, options, { onConversion: (progress) => tracker.converting(progress) });
  connection.then(
    (core) => {
      open = core;
      tracker.open();
    },
    (error: unknown) => tracker.failed(error),
  );
  return {
    connection,
    current: () => open,
    opened() {
      if (!open) throw new Error('The database is not open yet.');
      return open;
    },
    call(channel, input, actor) {
      if (open) return open.call(channel, input, actor);
      if (channel === 'system.opening') return Promise.resolve(answerOpening(input, tracker.status()));
      return Promise.resolve(failure(unavailable('The database is still opening.')));
    },
  };
}
