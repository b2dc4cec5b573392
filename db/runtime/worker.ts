/**
 * The core's thread. It owns the one database connection; main (or the harness) sends it calls
 * and it answers each with an envelope. better-sqlite3 is synchronous, so keeping it here means a
 * long import or backup never freezes the window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorEnvelope } from '../dispatch/dispatch';
import { openCore, type Core, type CoreOptions } from './core';
import type { FromCore, ToCore } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('db/worker.ts must run as a worker thread.');

function post(message: FromCore): void {
  port!.postMessage(message);
}

async function start(): Promise<void> {
  let core: Core;
  try {
    core = await openCore(workerData as CoreOptions);
  } catch (error) {
    const envelope = errorEnvelope(error);
    post({ kind: 'failed', error: envelope.ok ? { code: 'internal_error', message: 'unknown' } : envelope.error });
    return;
  }
  port!.on('message', (message: ToCore) => {
    if (message.kind === 'call') {
      post({ kind: 'result', id: message.id, envelope: core.dispatch(message.channel, message.input, message.actor) });
    } else if (message.kind === 'close') {
      core.close();
      post({ kind: 'closed' });
      port!.close();
    }
  });
  post({ kind: 'ready', info: core.info });
}

void start();
