/** Reading a file through before a check (db/platform/read-ahead.ts). */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readThrough } from '../../../db/platform/read-ahead';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(removeTempDirs);

describe('reading a file through', () => {
  it('reads every byte, in chunks, of a file larger than one chunk', () => {
    const path = tempDatabasePath();
    const bytes = 8 * 1024 * 1024 * 2 + 12_345;
    writeFileSync(path, Buffer.alloc(bytes, 7));
    expect(readThrough(path)).toBe(bytes);
  });

  it('reads nothing where there is no file (an in-memory database)', () => {
    expect(readThrough(':memory:')).toBe(0);
    expect(readThrough(`${tempDatabasePath()}.missing`)).toBe(0);
  });
});
