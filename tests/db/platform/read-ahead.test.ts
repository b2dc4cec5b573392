/** Reading a file through while a check runs (db/platform/read-ahead.ts). */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readAhead } from '../../../db/platform/read-ahead';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(removeTempDirs);

describe('reading a file ahead', () => {
  it('reads every byte, in chunks, of a file larger than one chunk, on a thread of its own', async () => {
    const path = tempDatabasePath();
    const bytes = 8 * 1024 * 1024 * 2 + 12_345;
    writeFileSync(path, Buffer.alloc(bytes, 7));
    expect(await readAhead(path).done).toBe(bytes);
  });

  it('reads nothing where there is no file (an in-memory database)', async () => {
    expect(await readAhead(':memory:').done).toBe(0);
    expect(await readAhead(`${tempDatabasePath()}.missing`).done).toBe(0);
  });

  it('can be stopped before it is through', async () => {
    const path = tempDatabasePath();
    writeFileSync(path, Buffer.alloc(8 * 1024 * 1024 * 4, 7));
    const pass = readAhead(path);
    pass.stop();
    expect(await pass.done).toBeLessThan(8 * 1024 * 1024 * 4);
  });
});
