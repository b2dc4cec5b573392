/** The database handle's own helpers, on a real file. */
import { copyFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { walBackstopPages } from '../../../db/platform/connection';
import { checkpointAfterWrites, checkpointWhenIdleMs, openDatabase } from '../../../db/platform/database';
import { SqliteDriver } from '../../../db/platform/sqlite-driver';
import { openFieldCore } from '../../support/core';
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

describe('checkpoints between writes', () => {
  /** The encounters a copy of the database file alone holds: what has been checkpointed into it. */
  const inTheFileAlone = (path: string) => {
    const copy = `${path}.file-alone`;
    copyFileSync(path, copy);
    const sqlite = new SqliteDriver(copy, { readonly: true });
    try {
      return (sqlite.prepare('SELECT count(*) AS n FROM field_entries').get() as { n: number }).n;
    } finally {
      sqlite.close();
      rmSync(copy);
    }
  };
  const turn = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

  it('never checkpoints inside a save, and checkpoints once the answer is out', async () => {
    const { core, db, actor, site } = await openFieldCore();
    const save = () =>
      core.perform('encounters.log', { siteId: site.id, occurredAt: db.nowIso(), contactOnly: true, lines: [] }, actor);
    await turn(checkpointWhenIdleMs + 100);
    const before = inTheFileAlone(db.path);

    // Fewer writes than a batch: the log holds them until writes pause.
    for (let count = 1; count < checkpointAfterWrites; count += 1) save();
    await turn();
    expect(inTheFileAlone(db.path)).toBe(before);
    await turn(checkpointWhenIdleMs + 100);
    expect(inTheFileAlone(db.path)).toBe(before + checkpointAfterWrites - 1);

    // A batch of writes in a row: checkpointed on the next turn, not in the save that completed it.
    for (let count = 0; count < checkpointAfterWrites; count += 1) save();
    expect(inTheFileAlone(db.path)).toBe(before + checkpointAfterWrites - 1);
    await turn();
    expect(inTheFileAlone(db.path)).toBe(before + 2 * checkpointAfterWrites - 1);
  });

  it('leaves SQLite its own checkpoint only as a backstop far past a batch of saves', async () => {
    const { db } = await openFieldCore();
    expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(walBackstopPages);
    expect(walBackstopPages).toBeGreaterThan(checkpointAfterWrites * 200);
  });
});
