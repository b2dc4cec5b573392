/**
 * A file the app writes takes its name only once it is whole: a failed or cancelled write leaves
 * the target as it was and no partial file beside it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutpostError } from '../../../db/contract/errors';
import { writeFileAtomically } from '../../../db/platform/output-files';
import { removeTempDirs, tempDir } from '../../support/temp-files';

afterEach(() => removeTempDirs());

describe('writing a file whole', () => {
  it('puts the finished file in place and says how large it is', async () => {
    const folder = tempDir();
    const target = join(folder, 'report.csv');
    const written = await writeFileAtomically(target, (part) => {
      expect(part).not.toBe(target);
      writeFileSync(part, 'month,encounters\n2026-11,42\n');
      return 'written';
    });
    expect(written).toEqual({ value: 'written', bytes: 28 });
    expect(readFileSync(target, 'utf8')).toBe('month,encounters\n2026-11,42\n');
    expect(readdirSync(folder)).toEqual(['report.csv']);
  });

  it('leaves the file already there as it was when the work is cancelled part-way', async () => {
    const folder = tempDir();
    const target = join(folder, 'copy.sqlite');
    writeFileSync(target, 'the copy from last week');
    await expect(
      writeFileAtomically(target, (part) => {
        writeFileSync(part, 'half a new co');
        throw new OutpostError('job_cancelled');
      }),
    ).rejects.toMatchObject({ code: 'job_cancelled' });
    expect(readFileSync(target, 'utf8')).toBe('the copy from last week');
    expect(readdirSync(folder)).toEqual(['copy.sqlite']);
  });

  it('says file_not_writable when the place is gone, and passes other failures on as they are', async () => {
    const missing = join(tempDir(), 'unplugged', 'copy.sqlite');
    await expect(writeFileAtomically(missing, (part) => writeFileSync(part, 'x'))).rejects.toMatchObject({
      code: 'file_not_writable',
      field: 'file',
    });
    const folder = tempDir();
    const bug = new TypeError('a mistake in the code, not the disk');
    await expect(
      writeFileAtomically(join(folder, 'x.csv'), (part) => {
        writeFileSync(part, 'x');
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(readdirSync(folder)).toEqual([]);
  });
});
