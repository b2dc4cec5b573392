/**
 * An entry's history through encounters.history and tallies.history on a real file: every save,
 * correction and void as one step, oldest first, each with who, when, why and what it changed.
 */
import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { expectRefused } from '../../support/refusal';

const syringe = 'Syringe 1 mL 28G 1/2in';
const cooker = 'Cooker';

async function fieldWithClock() {
  let now = new Date('2026-11-30T22:00:00Z');
  const field = await openFieldCore({ clock: () => now });
  const { db, writer } = field;
  const member = (displayName: string, role: 'coordinator' | 'outreach_worker') => {
    const created = perform(db, writer, 'staff.create', { displayName, role });
    return { deviceId: writer.deviceId, staffId: created.id };
  };
  const admin = read(db, 'staff.list', {}).find((staff) => staff.id === writer.staffId)!.displayName;
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
    return now.toISOString();
  };
  return { ...field, member, admin, later, loggedAt: now.toISOString() };
}

describe('an entry history', () => {
  it('lists the save, two corrections and the void, each with its staff, time, reason and changes', async () => {
    const { db, writer, site, item, member, admin, later, loggedAt } = await fieldWithClock();
    const alex = member('Alex Rivera', 'coordinator');
    const sam = member('Sam Okafor', 'coordinator');
    const van = perform(db, writer, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
    const occurredAt = '2026-11-30T13:45:00-08:00';

    const logged = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt,
      participantCode: 'MA0785',
      lines: [{ itemId: item(syringe).id, quantity: 10 }],
    });
    const firstFix = later(17);
    perform(db, alex, 'encounters.correct', {
      id: logged.id,
      expectedRevision: 1,
      reason: 'wrong quantity',
      siteId: site.id,
      occurredAt,
      participantCode: 'MA0785',
      lines: [{ itemId: item(syringe).id, quantity: 20 }],
    });
    const secondFix = later(30);
    perform(db, writer, 'encounters.correct', {
      id: logged.id,
      expectedRevision: 2,
      reason: 'logged at the van, for two friends',
      siteId: van.id,
      occurredAt,
      participantCode: 'MA0785',
      onBehalfOf: 2,
      note: 'Picked up for two friends',
      lines: [
        { itemId: item(syringe).id, quantity: 20 },
        { itemId: item(cooker).id, quantity: 5 },
      ],
    });
    const voidedAt = later(60);
    perform(db, sam, 'encounters.void', { id: logged.id, reason: 'Logged for the wrong person' });

    expect(read(db, 'encounters.history', { id: logged.id })).toEqual([
      {
        event: 'logged',
        revision: 1,
        at: loggedAt,
        by: admin,
        reason: null,
        changes: [],
        lineChanges: [],
      },
      {
        event: 'corrected',
        revision: 2,
        at: firstFix,
        by: 'Alex Rivera',
        reason: 'wrong quantity',
        changes: [],
        lineChanges: [
          {
            itemId: item(syringe).id,
            itemName: syringe,
            before: { quantity: 10, lotNumber: null },
            after: { quantity: 20, lotNumber: null },
          },
        ],
      },
      {
        event: 'corrected',
        revision: 3,
        at: secondFix,
        by: admin,
        reason: 'logged at the van, for two friends',
        changes: [
          { field: 'site', before: site.name, after: 'Van 2' },
          { field: 'onBehalfOf', before: 0, after: 2 },
          { field: 'note', before: null, after: 'Picked up for two friends' },
        ],
        // The syringes did not change: only the cookers are listed.
        lineChanges: [
          { itemId: item(cooker).id, itemName: cooker, before: null, after: { quantity: 5, lotNumber: null } },
        ],
      },
      {
        event: 'voided',
        revision: null,
        at: voidedAt,
        by: 'Sam Okafor',
        reason: 'Logged for the wrong person',
        changes: [],
        lineChanges: [],
      },
    ]);
  });

  it('names the code each revision was logged under, a line taken out, and the collected syringes', async () => {
    const { db, writer, site, item, later } = await fieldWithClock();
    const logged = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-30T09:00:00Z',
      participantCode: 'MA0758',
      lines: [
        { itemId: item(syringe).id, quantity: 10 },
        { itemId: item(cooker).id, quantity: 2 },
      ],
    });
    later(5);
    perform(db, writer, 'encounters.correct', {
      id: logged.id,
      expectedRevision: 1,
      reason: 'digits swapped; cookers were not taken',
      siteId: site.id,
      occurredAt: '2026-11-30T10:00:00Z',
      participantCode: 'MA0785',
      collected: { counted: 40 },
      lines: [{ itemId: item(syringe).id, quantity: 10 }],
    });
    const [, corrected] = read(db, 'encounters.history', { id: logged.id });
    expect(corrected).toMatchObject({
      event: 'corrected',
      changes: [
        { field: 'occurredAt', before: '2026-11-30T09:00:00.000Z', after: '2026-11-30T10:00:00.000Z' },
        { field: 'participant', before: 'MA0758', after: 'MA0785' },
        { field: 'collectedCounted', before: 0, after: 40 },
      ],
      lineChanges: [
        { itemId: item(cooker).id, itemName: cooker, before: { quantity: 2, lotNumber: null }, after: null },
      ],
    });
  });

  it('says an undone save was undone, with no reason anyone typed', async () => {
    const { db, writer, site, item, admin, later } = await fieldWithClock();
    const logged = perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-30T09:00:00Z',
      lines: [{ itemId: item(syringe).id, quantity: 10 }],
    });
    const undoneAt = later(1);
    perform(db, writer, 'encounters.undo', { id: logged.id });
    expect(
      read(db, 'encounters.history', { id: logged.id }).map(({ event, at, by, reason }) => ({ event, at, by, reason })),
    ).toEqual([
      { event: 'logged', at: expect.any(String), by: admin, reason: null },
      { event: 'undone', at: undoneAt, by: admin, reason: null },
    ]);
  });

  it("gives a tally's history, with its contacts, and refuses an id of the other kind or of no entry", async () => {
    const { db, writer, site, later } = await fieldWithClock();
    const shift = perform(db, writer, 'tallies.log', {
      siteId: site.id,
      occurredAt: '2026-11-30T20:00:00Z',
      contacts: 12,
      lines: [],
    });
    later(3);
    perform(db, writer, 'tallies.correct', {
      id: shift.id,
      expectedRevision: 1,
      reason: 'counted the second clicker too',
      siteId: site.id,
      occurredAt: '2026-11-30T20:00:00Z',
      contacts: 15,
      lines: [],
    });
    const history = read(db, 'tallies.history', { id: shift.id });
    expect(history.map((step) => step.event)).toEqual(['logged', 'corrected']);
    expect(history[1]!.changes).toEqual([{ field: 'contacts', before: 12, after: 15 }]);

    expectRefused(() => read(db, 'encounters.history', { id: shift.id }), 'wrong_kind', 'id');
    expectRefused(
      () => read(db, 'tallies.history', { id: '0190f5a0-0000-7000-8000-000000000999' }),
      'entry_not_found',
      'id',
    );
  });
});
