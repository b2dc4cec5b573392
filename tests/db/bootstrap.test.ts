import { afterEach, describe, expect, it } from 'vitest';
import { listItems, listSites } from '../../db/catalog';
import { openCore } from '../../db/core';
import { removeTempDirs, tempDatabasePath } from '../support/temp-files';

afterEach(removeTempDirs);

describe('first run', () => {
  it('gives a new database a device id, a default staff member, a site and a starter catalog', async () => {
    const core = await openCore({ databasePath: tempDatabasePath(), appVersion: 'test' });
    const { db, identity } = core.context;
    expect(identity.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(listSites(db)).toHaveLength(1);
    const items = listItems(db);
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(items.map((item) => item.category))).toContain('naloxone');
    expect(core.dispatch('session.current', {}, { staffId: identity.defaultStaffId })).toMatchObject({
      ok: true,
      data: { role: 'admin', displayName: 'Default staff member' },
    });
    core.close();
  });

  it('keeps the same identity and adds nothing on the next open', async () => {
    const path = tempDatabasePath();
    const first = await openCore({ databasePath: path, appVersion: 'test' });
    const identity = first.context.identity;
    first.close();
    const second = await openCore({ databasePath: path, appVersion: 'test' });
    expect(second.context.identity).toEqual(identity);
    expect(listSites(second.context.db)).toHaveLength(1);
    second.close();
  });
});
