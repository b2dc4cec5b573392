/** The database handle's own helpers, on a real file. */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/platform/database';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

afterEach(removeTempDirs);

describe('a page cache for a long check', () => {
  it('is given for the work and taken back after it, even when the work fails', async () => {
    const db = await openDatabase(tempDatabasePath());
    const cacheSize = () => db.sqlite.pragma('cache_size', { simple: true });
    const usual = cacheSize();
    expect(db.withPageCache(64, () => cacheSize())).toBe(-64 * 1024);
    expect(cacheSize()).toBe(usual);
    expect(() =>
      db.withPageCache(64, () => {
        throw new Error('the check stopped');
      }),
    ).toThrow('the check stopped');
    expect(cacheSize()).toBe(usual);
    db.close();
  });
});
