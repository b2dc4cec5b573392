import { SqliteDriver as BetterSqlite3 } from '../../../db/platform/sqlite-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceWorkerEntry, startCore } from '../../../db/runtime/core-client';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';
import { setUpDatabasePath } from '../../support/core';

afterEach(removeTempDirs);

describe('the core worker thread', () => {
  it('opens the database, answers calls and persists them to the file', async () => {
    const path = await setUpDatabasePath();
    const core = await startCore(sourceWorkerEntry(), { databasePath: path, appVersion: 'test' });
    const actor = { staffId: core.info.defaultStaffId };
    const sites = await core.call('sites.list', {}, actor);
    const items = await core.call('items.list', {}, actor);
    if (!sites.ok || !items.ok) throw new Error('listing failed');
    const siteId = (sites.data as { id: string }[])[0]!.id;
    const itemId = (items.data as { id: string }[])[0]!.id;

    const saved = await core.call(
      'encounters.log',
      { siteId, occurredAt: new Date().toISOString(), lines: [{ itemId, quantity: 4 }] },
      actor,
    );
    expect(saved.ok).toBe(true);
    const refused = await core.call(
      'encounters.log',
      { siteId, occurredAt: new Date().toISOString(), lines: [{ itemId, quantity: 0 }] },
      actor,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'quantity_positive', field: 'lines.0.quantity' } });
    await core.close();

    const file = new BetterSqlite3(path, { readonly: true });
    expect(file.prepare('SELECT count(*) AS n FROM field_entry_lines').get()).toEqual({ n: 1 });
    file.close();
  });

  it('answers calls made after close with core_unavailable', async () => {
    const core = await startCore(sourceWorkerEntry(), { databasePath: tempDatabasePath(), appVersion: 'test' });
    await core.close();
    expect(await core.call('sites.list', {}, { staffId: core.info.defaultStaffId })).toMatchObject({
      ok: false,
      error: { code: 'core_unavailable' },
    });
  });

  it('fails to start, with the reason, on a database from a newer Outpost', async () => {
    const path = tempDatabasePath();
    await (await startCore(sourceWorkerEntry(), { databasePath: path, appVersion: 'test' })).close();
    const raw = new BetterSqlite3(path);
    raw.pragma('user_version = 999');
    raw.close();
    await expect(startCore(sourceWorkerEntry(), { databasePath: path, appVersion: 'test' })).rejects.toMatchObject({
      code: 'database_too_new',
    });
  });
});
