/**
 * Reading a database file through once, in order, before a check that visits every page. A check
 * walks b-trees, so on a file the OS has not cached each page is a random read; one sequential
 * pass brings the file into the OS cache at the disk's full speed, and the check's reads then
 * come from memory. The buffer is reused: the pass holds one chunk, whatever the file's size.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const chunkBytes = 8 * 1024 * 1024;

/** Reads the file at `path` from start to end; returns the bytes read (0 when there is no file). */
export function readThrough(path: string): number {
  let handle: number;
  try {
    handle = openSync(path, 'r');
  } catch {
    return 0;
  }
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let total = 0;
    for (;;) {
      const read = readSync(handle, buffer, 0, chunkBytes, total);
      if (read === 0) return total;
      total += read;
    }
  } finally {
    closeSync(handle);
  }
}
