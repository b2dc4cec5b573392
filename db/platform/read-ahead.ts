/**
 * Reading a database file through once, in order, while a check that visits every page runs. A
 * check walks b-trees, so on a file the OS has not cached each page is a random read; one
 * sequential pass brings the file into the OS cache at the disk's full speed. The pass runs on a
 * thread of its own, so the check starts at once and finds more and more of the file in memory,
 * instead of waiting for the whole file first. The buffer is reused: the pass holds one chunk,
 * whatever the file's size.
 */
import { Worker } from 'node:worker_threads';

const chunkBytes = 8 * 1024 * 1024;

/**
 * The reading thread's source: plain JavaScript, so it runs as it is from source, from a build and
 * inside Electron alike, with no file of its own to find.
 */
const readerSource = `
const { closeSync, openSync, readSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
let total = 0;
let handle = null;
try {
  handle = openSync(workerData.path, 'r');
} catch {
  // No file (an in-memory database): nothing to read.
}
if (handle !== null) {
  const buffer = Buffer.allocUnsafe(workerData.chunkBytes);
  try {
    for (;;) {
      const read = readSync(handle, buffer, 0, buffer.length, total);
      if (read === 0) break;
      total += read;
    }
  } finally {
    closeSync(handle);
  }
}
parentPort.postMessage(total);
`;

export interface ReadAhead {
  /** The bytes read once the pass is over (0 when there is no file, or it was stopped). */
  done: Promise<number>;
  /** Ends the pass early: the check it was for is over. */
  stop(): void;
}

/** Starts reading the file at `path` from start to end on a thread of its own. */
export function readAhead(path: string): ReadAhead {
  const worker = new Worker(readerSource, { eval: true, workerData: { path, chunkBytes } });
  // A pass still running never keeps the process alive.
  worker.unref();
  const done = new Promise<number>((resolve) => {
    worker.once('message', (total: number) => resolve(total));
    // Reading ahead only saves time: a pass that fails or is stopped leaves the check to read for itself.
    worker.once('error', () => resolve(0));
    worker.once('exit', () => resolve(0));
  });
  return { done, stop: () => void worker.terminate() };
}
