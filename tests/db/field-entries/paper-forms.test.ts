/**
 * Paper forms typed up later: each entry is the staff member's written on the form, while the
 * person typing stays its author (first revision, audit log, undo).
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../../../db/platform/ids';
import { openFieldCore, perform } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

async function typingUp() {
  const field = await openFieldCore();
  const onForm = perform(field.db, field.writer, 'staff.create', {
    displayName: 'Alex Rivera',
    role: 'outreach_worker',
  });
  const typist = staffWithRole(field.db, field.writer, 'outreach_worker');
  const content = {
    siteId: field.site.id,
    occurredAt: '2026-11-20T12:00:00-08:00',
    participantCode: 'AB12',
    lines: [{ itemId: field.item('Fentanyl test strip').id, quantity: 5 }],
  };
  return { ...field, onForm, typist, content, form: { ...content, staffId: onForm.id } };
}

const staffKeyOf = (db: Awaited<ReturnType<typeof openFieldCore>>['db'], id: string) =>
  db.statement('SELECT key FROM staff WHERE id = ?').pluck().get(id) as number;

describe('an entry typed up from a paper form', () => {
  it("is the form's staff member's entry, typed by the one saving, who is its author in the audit log", async () => {
    const { db, typist, onForm, form } = await typingUp();
    const saved = perform(db, typist, 'encounters.log', { ...form, formKey: newId() });
    expect(saved).toMatchObject({ loggedBy: 'Alex Rivera', changedBy: 'Test outreach_worker' });
    expect(perform(db, typist, 'encounters.get', { id: saved.id })).toMatchObject({ loggedBy: 'Alex Rivera' });

    // Listed under the staff member on the form, not under the one typing.
    expect(perform(db, typist, 'encounters.list', { staffId: onForm.id }).map((entry) => entry.id)).toEqual([saved.id]);
    expect(perform(db, typist, 'encounters.list', { staffId: typist.staffId })).toEqual([]);

    const audited = db
      .statement(`SELECT staff_key FROM audit_log WHERE entity_type = 'encounter' ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get();
    expect(audited).toBe(staffKeyOf(db, typist.staffId));
  });

  it('can be undone by the one who typed it, not by the staff member on the form', async () => {
    const { db, writer, typist, onForm, form } = await typingUp();
    const saved = perform(db, typist, 'encounters.log', form);
    const alex = { deviceId: writer.deviceId, staffId: onForm.id };
    expectRefused(() => perform(db, alex, 'encounters.undo', { id: saved.id }), 'undo_not_yours', 'id');
    expect(perform(db, typist, 'encounters.undo', { id: saved.id })).toMatchObject({
      status: 'voided',
      voidKind: 'undo',
    });
  });

  it('can be corrected by either outreach worker, the typist and the one on the form', async () => {
    const { db, writer, typist, onForm, form, content } = await typingUp();
    const saved = perform(db, typist, 'encounters.log', form);
    const alex = { deviceId: writer.deviceId, staffId: onForm.id };
    const corrected = perform(db, alex, 'encounters.correct', {
      ...content,
      id: saved.id,
      expectedRevision: 1,
      reason: 'Typed 5, the form says 6',
      lines: [{ itemId: form.lines[0]!.itemId, quantity: 6 }],
    });
    expect(corrected).toMatchObject({ revision: 2, loggedBy: 'Alex Rivera', changedBy: 'Alex Rivera' });
    const other = staffWithRole(db, writer, 'outreach_worker');
    expectRefused(
      () =>
        perform(db, other, 'encounters.correct', {
          ...content,
          id: saved.id,
          expectedRevision: 2,
          reason: 'Not mine to change',
        }),
      'entry_change_not_permitted',
    );
  });

  it('names a staff member this database knows, or nothing is written; one since deactivated is accepted', async () => {
    const { db, writer, typist, onForm, form, site } = await typingUp();
    const tallyForm = {
      siteId: site.id,
      occurredAt: form.occurredAt,
      lines: form.lines,
      contacts: 4,
      staffId: onForm.id,
    };
    const before = databaseState(db);
    expectRefused(
      () => perform(db, typist, 'encounters.log', { ...form, staffId: newId() }),
      'staff_member_not_found',
      'staffId',
    );
    expectRefused(
      () => perform(db, typist, 'tallies.log', { ...tallyForm, staffId: newId() }),
      'staff_member_not_found',
      'staffId',
    );
    expectNothingChanged(db, before);

    perform(db, writer, 'staff.update', { id: onForm.id, active: false });
    const tally = perform(db, typist, 'tallies.log', tallyForm);
    expect(tally).toMatchObject({ loggedBy: 'Alex Rivera', contacts: 4 });
  });
});
