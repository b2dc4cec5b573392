import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../db/core';
import { seedDemoData } from '../../db/demo';
import { listRecentEncounters } from '../../db/encounters';
import { removeTempDirs, tempDatabasePath } from '../support/temp-files';

afterEach(removeTempDirs);

const fixedNow = new Date('2026-11-22T12:00:00Z');

async function demoCore() {
  return openCore({ databasePath: tempDatabasePath(), appVersion: 'test', demo: true, clock: () => fixedNow });
}

function withoutIds(core: Awaited<ReturnType<typeof demoCore>>) {
  return listRecentEncounters(core.context.db, { limit: 500 }).map((encounter) => ({
    occurredAt: encounter.occurredAt,
    siteName: encounter.siteName,
    participantCode: encounter.participantCode,
    lines: encounter.lines.map((line) => [line.itemName, line.quantity]),
  }));
}

describe('demo data', () => {
  it('fills a demo database with the same data for the same seed and day', async () => {
    const first = await demoCore();
    const second = await demoCore();
    const a = withoutIds(first);
    expect(a.length).toBeGreaterThan(100);
    expect(a).toEqual(withoutIds(second));
    expect(a.some((encounter) => encounter.participantCode === null)).toBe(true);
    expect(first.dispatch('system.about', {}, { staffId: first.info.defaultStaffId })).toMatchObject({
      ok: true,
      data: { demo: true },
    });
    first.close();
    second.close();
  });

  it('never adds to a database that already has encounters', async () => {
    const core = await demoCore();
    const before = listRecentEncounters(core.context.db, { limit: 500 }).length;
    expect(seedDemoData(core.context.db, core.context.identity)).toBe(0);
    expect(listRecentEncounters(core.context.db, { limit: 500 })).toHaveLength(before);
    core.close();
  });
});
