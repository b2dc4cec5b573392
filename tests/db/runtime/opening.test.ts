/**
 * The core as it opens (db/runtime/opening.ts, `openInBackground` in core-client.ts): the window
 * asks `system.opening` how far it is, hears every phase of a conversion, and nothing else is
 * answered until the database is open.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openingOutput, type Opening } from '../../../db/contract/opening';
import type { ConversionProgress } from '../../../db/platform/conversion';
import { openInBackground, sourceWorkerEntry, startCore } from '../../../db/runtime/core-client';
import { trackOpening } from '../../../db/runtime/opening';
import { seededAt0008 } from '../platform/migrations/seeds';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';
import { setUpDatabasePath } from '../../support/core';

afterEach(removeTempDirs);

const options = (databasePath: string) => ({ databasePath, appVersion: 'test' });
const nobody = { staffId: '' };

describe('opening in the background', () => {
  it('says it is opening and refuses every other channel until the core is open, then hands calls to it', async () => {
    const path = await setUpDatabasePath();
    const opening = openInBackground(sourceWorkerEntry(), options(path));
    expect(await opening.call('system.opening', {}, nobody)).toEqual({
      ok: true,
      data: { state: 'opening', progress: null, error: null },
    });
    expect(await opening.call('sites.list', {}, nobody)).toMatchObject({
      ok: false,
      error: { code: 'core_unavailable' },
    });
    // Its input is checked like any channel's, open or not.
    expect(await opening.call('system.opening', { extra: 1 }, nobody)).toMatchObject({ ok: false });
    expect(() => opening.opened()).toThrow();
    expect(opening.current()).toBeNull();

    const core = await opening.connection;
    try {
      expect(opening.opened()).toBe(core);
      expect(opening.current()).toBe(core);
      const actor = { staffId: core.info.defaultStaffId };
      const opened = await opening.call('system.opening', {}, actor);
      expect(opened).toEqual({ ok: true, data: { state: 'open', progress: null, error: null } });
      expect(await opening.call('sites.list', {}, actor)).toMatchObject({ ok: true });
    } finally {
      await core.close();
    }
  }, 30_000);

  it('says why when the file cannot be opened', async () => {
    const path = tempDatabasePath();
    writeFileSync(path, 'not a database, only text');
    const opening = openInBackground(sourceWorkerEntry(), options(path));
    await expect(opening.connection).rejects.toThrow();
    const answer = await opening.call('system.opening', {}, nobody);
    if (!answer.ok) throw new Error(`system.opening refused: ${answer.error.code}`);
    const status = openingOutput.parse(answer.data);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('file_not_outpost');
  }, 30_000);
});

describe('a conversion on opening, heard from the writer thread', () => {
  it('reports every phase in order, the copy counted in rows', async () => {
    const path = await seededAt0008();
    const heard: ConversionProgress[] = [];
    const core = await startCore(sourceWorkerEntry(), options(path), { onConversion: (step) => heard.push(step) });
    await core.close();
    const phases = heard.map((step) => step.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(phases).toEqual(['space', 'copy', 'finish', 'check', 'swap']);
    const copies = heard.filter((step) => step.phase === 'copy');
    expect(copies.at(-1)!.done).toBe(copies.at(-1)!.total);
    expect(copies.at(-1)!.total).toBeGreaterThan(10);
  }, 30_000);

  it('is kept as the state the window reads: converting, with the phase and how far, then open', () => {
    const tracker = trackOpening();
    const states: Opening[] = [tracker.status()];
    tracker.converting({ phase: 'copy', table: 'field_entries', done: 50, total: 200 });
    states.push(tracker.status());
    tracker.open();
    states.push(tracker.status());
    expect(states).toEqual([
      { state: 'opening', progress: null, error: null },
      // The table's name is the database's own word, not the window's: it is not passed on.
      { state: 'converting', progress: { phase: 'copy', done: 50, total: 200 }, error: null },
      { state: 'open', progress: null, error: null },
    ]);
  });
});
