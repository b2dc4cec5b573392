/**
 * Starts the core worker thread and talks to it. Used by Electron's main process and by the HTTP
 * harness, so both run the very same core.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Actor, ContractError, Envelope } from '../contract/envelope';
import type { CoreCaller } from './gateway';
import type { CoreInfo, CoreOptions } from './core';
import { OutpostError } from '../contract/errors';
import type { FromCore, ToCore } from './worker-protocol';

export interface WorkerEntry {
  /** The worker script: the built `worker.js` in Electron, `db/runtime/worker.ts` from source. */
  path: string;
  execArgv?: string[];
}

/** The worker straight from source, for the harness, the command line and tests (tsx compiles it). */
export function sourceWorkerEntry(): WorkerEntry {
  return { path: resolve(__dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };
}

export interface CoreConnection extends CoreCaller {
  info: CoreInfo;
  close(): Promise<void>;
}

export function startCore(entry: WorkerEntry, options: CoreOptions): Promise<CoreConnection> {
  const worker = new Worker(entry.path, { workerData: options, execArgv: entry.execArgv ?? [] });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let nextId = 1;
  let closed = false;
  let onClosed: (() => void) | undefined;

  const unavailable = (reason: string): ContractError => ({ code: 'core_unavailable', message: reason });
  const failAll = (reason: string): void => {
    for (const answer of pending.values()) answer({ ok: false, error: unavailable(reason) });
    pending.clear();
  };

  return new Promise((resolveStart, rejectStart) => {
    let started = false;
    worker.on('error', (error) => {
      if (!started) rejectStart(error);
      console.error('[outpost] core worker failed:', error);
      failAll('The database worker stopped unexpectedly. Nothing was changed.');
    });
    worker.on('exit', (code) => {
      closed = true;
      if (!started) rejectStart(new Error(`The database worker exited with code ${code} before it was ready.`));
      failAll('The database worker has stopped.');
      onClosed?.();
    });
    worker.on('message', (message: FromCore) => {
      switch (message.kind) {
        case 'ready':
          started = true;
          resolveStart(connection(message.info));
          break;
        case 'failed':
          rejectStart(new OutpostError(message.error.code, { message: message.error.message }));
          void worker.terminate();
          break;
        case 'result': {
          const answer = pending.get(message.id);
          pending.delete(message.id);
          answer?.(message.envelope);
          break;
        }
        case 'closed':
          break;
      }
    });
  });

  function connection(info: CoreInfo): CoreConnection {
    return {
      info,
      call(channel: string, input: unknown, actor: Actor): Promise<Envelope<unknown>> {
        if (closed) return Promise.resolve({ ok: false, error: unavailable('The database is closed.') });
        const id = nextId++;
        return new Promise((answer) => {
          pending.set(id, answer);
          worker.postMessage({ kind: 'call', id, channel, input, actor } satisfies ToCore);
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
}
