/**
 * The core's threads. The writer owns the one connection that writes and answers calls in turn;
 * the reader holds a read-only connection (WAL lets it read while the writer writes) and runs
 * jobs, so a long check never keeps a save waiting. better-sqlite3 is synchronous: keeping it off
 * the main thread means the window never freezes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { refusalOf } from '../dispatch/dispatch';
import { conversionLog, type ConversionProgress } from '../platform/conversion';
import { openCore, openReadCore, type Core, type CoreOptions } from './core';
import { launchHere } from './job-keeper';
import type { CoreLane, FromCore, ToCore } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('db/runtime/worker.ts must run as a worker thread.');

let closed = false;
function post(message: FromCore): void {
  // A job stopped by closing ends after the port is gone: nobody is left to tell.
  if (!closed) port!.postMessage(message);
}

async function start(): Promise<void> {
  const { lane, ...options } = workerData as CoreOptions & { lane: CoreLane };
  let core: Core;
  try {
    // A file converted on opening takes minutes on years of data: the log and the window say how far it is.
    const log = conversionLog((line) => console.error(line));
    const onConversion = (progress: ConversionProgress) => {
      log(progress);
      post({ kind: 'converting', progress });
    };
    core = lane === 'reader' ? await openReadCore(options) : await openCore({ ...options, onConversion });
  } catch (error) {
    post({ kind: 'failed', error: refusalOf(error) });
    return;
  }
  const launcher = launchHere(core.context);
  port!.on('message', (message: ToCore) => {
    switch (message.kind) {
      case 'call':
        post({
          kind: 'result',
          id: message.id,
          envelope: core.dispatch(message.channel, message.input, message.actor),
        });
        break;
      case 'start-job': {
        const { jobId } = message;
        launcher.launch(message, {
          started: () => post({ kind: 'job-started', jobId }),
          refused: (error) => post({ kind: 'job-refused', jobId, error }),
          progress: (progress) => post({ kind: 'job-progress', jobId, progress }),
          ended: (envelope) => post({ kind: 'job-ended', jobId, envelope }),
        });
        break;
      }
      case 'cancel-job':
        launcher.cancel(message.jobId);
        break;
      case 'close':
        launcher.cancelAll();
        core.close();
        post({ kind: 'closed' });
        closed = true;
        port!.close();
        break;
    }
  });
  post({ kind: 'ready', info: core.info });
}

void start();
