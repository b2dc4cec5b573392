/**
 * Reading a database file through once, in order, while a check that visits every page runs. A
 * check walks b-trees, so on a file the OS has not cached each page is a random read; one
 * sequential pass brings the file into the OS cache at the disk's full speed. The pass runs on a
 * thread of its own, so the check starts at once and finds more and more of the file in memory,
 * instead of waiting for the whole file first. The buffer is reused: the pass holds one chunk,
 * whatever the file's size.
 */
import { startSideThread } from './side-thread';

const chunkBytes = 8 * 1024 * 1024;

/** The reading thread's source (a side thread: plain JavaScript). */
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
  const pass = startSideThread<number>(readerSource, { path, chunkBytes });
  // Reading ahead only saves time: a pass that fails or is stopped leaves the check to read for itself.
  return { done: pass.result.catch(() => 0), stop: pass.stop };
}
