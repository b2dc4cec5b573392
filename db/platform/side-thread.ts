/**
 * A thread of plain JavaScript beside the one that starts it, for work that only reads (reading a
 * file ahead, SQLite's own checks). Plain JavaScript, evaluated, so it runs as it is from source,
 * from a build and inside Electron alike, with no file of its own to find. It never keeps the
 * process alive, and a result nobody waits for any more is not an unhandled rejection.
 */
import { Worker } from 'node:worker_threads';

export interface SideThread<T> {
  /** The one message the thread posts; rejects if it fails or ends without one. */
  result: Promise<T>;
  /** Ends the thread. One inside a native call (a pragma) stops when that call returns. */
  stop(): void;
}

export function startSideThread<T>(source: string, workerData: unknown): SideThread<T> {
  const worker = new Worker(source, { eval: true, workerData });
  worker.unref();
  const result = new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the thread ended without an answer (exit code ${code})`)));
  });
  result.catch(() => undefined);
  return { result, stop: () => void worker.terminate() };
}
