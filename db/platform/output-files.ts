/**
 * Writing a file the app makes (a copy, later an export) so that a crash, a full disk or a cancel
 * never leaves half a file under the chosen name: the work writes a fresh file beside the target,
 * which is flushed to disk and renamed over the target only once it is complete.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutpostError } from '../contract/errors';

/** Failures of the disk or the place chosen (no room, no permission, gone), not of Outpost. */
const placeFailures =
  /^(EACCES|EPERM|ENOSPC|EDQUOT|ENOENT|ENOTDIR|EISDIR|EROFS|EBUSY|SQLITE_(FULL|CANTOPEN|IOERR|READONLY|PERM))/;

function isPlaceFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && placeFailures.test(code);
}

async function flushToDisk(path: string, flags: 'r' | 'r+'): Promise<void> {
  const file = await open(path, flags);
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Runs `write` on a new file beside `target`, then puts it in place: the target holds either
 * what it held before or the whole new file. A refusal from `write` (a cancel) passes through;
 * a failure of the place itself becomes `file_not_writable`. Either way the partial file goes.
 */
export async function writeFileAtomically<T>(
  target: string,
  write: (partPath: string) => T | Promise<T>,
): Promise<{ value: T; bytes: number }> {
  const part = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const value = await write(part);
    await flushToDisk(part, 'r+');
    const { size } = await stat(part);
    await rename(part, target);
    // The rename is only durable once the folder itself is on disk (POSIX; Windows cannot open one).
    if (process.platform !== 'win32') await flushToDisk(dirname(target), 'r');
    return { value, bytes: size };
  } catch (error) {
    await rm(part, { force: true });
    if (error instanceof OutpostError) throw error;
    if (isPlaceFailure(error)) throw new OutpostError('file_not_writable', { field: 'file' });
    throw error;
  }
}
