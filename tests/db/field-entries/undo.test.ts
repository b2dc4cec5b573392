/**
 * Undo: the author takes back a save they just made. It is a void of its own kind (never a reason
 * someone typed), returns the stock and takes the entry out of the rollups like a void.
 */
import { describe, expect, it } from 'vitest';
import { checkRollups } from '../../../db/reports/rollup-checks';
import { auditChanges, digestOf } from '../../support/audit';
import { openFieldCore, perform, read } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';
import { balance, stockUp } from '../../support/stock';

const syringe = 'Syringe 1 mL 28G 1/2in';

async function justSaved() {
  let now = new Date('2026-11-22T12:00:00Z');
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site, item } = field;
  stockUp(db, writer, { siteId: site.id, itemId: item(syringe).id, units: 100 });
  const saved = perform(db, writer, 'encounters.log', {
    siteId: site.id,
    occurredAt: now.toISOString(),
    participantCode: 'MA0785',
    lines: [{ itemId: item(syringe).id, quantity: 30 }],
  });
  return { ...field, saved, later: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)) };
}

describe('undo', () => {
  it('voids the save as an undo, returning its stock and its counts', async () => {
    const { db, writer, site, item, saved, later } = await justSaved();
    expect(balance(db, site.id, item(syringe).id)).toBe(70);
    later(4);
    const undone = perform(db, writer, 'encounters.undo', { id: saved.id });
    expect(undone).toMatchObject({ status: 'voided', voidKind: 'undo' });
    expect(balance(db, site.id, item(syringe).id)).toBe(100);
    expect(read(db, 'encounters.list', {})).toEqual([]);
    expect(checkRollups(db).filter((check) => check.mismatches > 0)).toEqual([]);
    // A void is kept as a fact: its audit row digests what the undo recorded instead of copying it.
    expect(auditChanges(db, 'encounters.undo')).toEqual([
      {
        entity: 'encounter',
        id: saved.id,
        before: undefined,
        after: undefined,
        digest: digestOf({ status: 'voided', kind: 'undo', reason: 'undone' }),
      },
    ]);
  });

  it('works for tallies too', async () => {
    const { db, writer, site } = await justSaved();
    const tally = perform(db, writer, 'tallies.log', {
      siteId: site.id,
      occurredAt: '2026-11-22T11:00:00Z',
      contacts: 9,
      lines: [],
    });
    expect(perform(db, writer, 'tallies.undo', { id: tally.id })).toMatchObject({ kind: 'tally', voidKind: 'undo' });
    expectRefused(() => perform(db, writer, 'tallies.undo', { id: tally.id }), 'entry_voided', 'id');
  });

  it("is refused for someone else's save, after five minutes, after a correction, or for the wrong kind", async () => {
    const { db, writer, site, item, saved, later } = await justSaved();
    const colleague = staffWithRole(db, writer, 'outreach_worker');
    const before = databaseState(db);
    expectRefused(() => perform(db, colleague, 'encounters.undo', { id: saved.id }), 'undo_not_yours', 'id');
    expectRefused(() => perform(db, writer, 'tallies.undo', { id: saved.id }), 'wrong_kind', 'id');
    later(6);
    expectRefused(() => perform(db, writer, 'encounters.undo', { id: saved.id }), 'undo_too_late', 'id');
    expectNothingChanged(db, before);
    const fresh = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-22T12:05:00Z',
      contactOnly: true,
      lines: [],
    });
    perform(db, writer, 'encounters.correct', {
      id: fresh.id,
      expectedRevision: 1,
      reason: 'forgot the syringes',
      siteId: site.id,
      occurredAt: '2026-11-22T12:05:00Z',
      lines: [{ itemId: item(syringe).id, quantity: 10 }],
    });
    expectRefused(() => perform(db, writer, 'encounters.undo', { id: fresh.id }), 'undo_after_correction', 'id');
  });

  it('is never confused with a void whose reason happens to be "undone"', async () => {
    const { db, writer, saved } = await justSaved();
    const voided = perform(db, writer, 'encounters.void', { id: saved.id, reason: 'undone' });
    expect(voided).toMatchObject({ status: 'voided', voidKind: 'void', voidReason: 'undone' });
  });
});
