/** Merges and unmerges (db/participants/merges.ts): whose history is whose, audited per participant. */
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import { checkRollups } from '../../../db/reports/rollup-checks';
import { auditChanges } from '../../support/audit';
import { expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';
import {
  countOf,
  newParticipants,
  openParticipantsCore,
  participantState,
  uniqueParticipants,
} from '../../support/participants';
import { perform } from '../../support/core';

function expectRollupsMatchFacts(db: Parameters<typeof checkRollups>[0]): void {
  expect(checkRollups(db).filter((check) => check.mismatches !== 0)).toEqual([]);
}

describe('merging two codes of the same person', () => {
  /** MA0785 seen on the 10th (main) and 20th (van); MA0758 on the 5th (van) and 20th (main). */
  async function twoCodesOfOnePerson() {
    const opened = await openParticipantsCore();
    const { visit, van } = opened;
    visit('MA0785', '2026-11-10T18:00:00Z');
    visit('MA0785', '2026-11-20T18:00:00Z', { siteId: van.id });
    visit('MA0758', '2026-11-05T18:00:00Z', { siteId: van.id });
    visit('MA0758', '2026-11-20T19:00:00Z');
    return opened;
  }

  const reason = 'Same person: birth month and year swapped';

  it('counts one person where there were two, from the earliest first visit of both', async () => {
    const { db, actor, writer, van, dayOf } = await twoCodesOfOnePerson();
    const november = [dayOf('2026-11-01T12:00:00Z'), dayOf('2026-11-30T12:00:00Z')] as const;
    expect(uniqueParticipants(db, ...november)).toBe(2);
    expect(newParticipants(db, ...november)).toBe(2);
    expectRollupsMatchFacts(db);

    const merge = perform(db, writer, 'participants.merge', { fromCode: 'ma0758', intoCode: 'MA0785', reason });
    expect(merge).toMatchObject({
      kind: 'merge',
      fromCode: 'MA0758',
      intoCode: 'MA0785',
      reason,
      undoesMergeId: null,
      undoneById: null,
    });
    expect(merge.createdBy).toBe('Default staff member');

    expect(uniqueParticipants(db, ...november)).toBe(1);
    expect(newParticipants(db, ...november)).toBe(1);
    expectRollupsMatchFacts(db);

    const into = perform(db, actor, 'participants.get', { code: 'MA0785' });
    expect(into).toMatchObject({ firstSeenOn: dayOf('2026-11-05T18:00:00Z'), firstSeenSiteName: van.name, visits: 4 });
    expect(into.members).toEqual(['MA0758']);
    expect(into.lastVisit?.occurredAt).toBe('2026-11-20T19:00:00.000Z');
    const from = perform(db, actor, 'participants.get', { code: 'MA0758' });
    expect(from).toMatchObject({
      canonicalId: into.participantId,
      canonicalCode: 'MA0785',
      mergedIntoCode: 'MA0785',
      visits: 4,
    });

    const rows = db.sqlite
      .prepare('SELECT id, merged_into_id, canonical_id, first_seen_on FROM participants ORDER BY code')
      .all() as { id: string; merged_into_id: string | null; canonical_id: string; first_seen_on: string | null }[];
    // MA0758 is a member now: it points at MA0785 and is never "first seen" itself.
    expect(rows.map((row) => [row.merged_into_id, row.canonical_id, row.first_seen_on])).toEqual([
      [into.participantId, into.participantId, null],
      [null, into.participantId, dayOf('2026-11-05T18:00:00Z')],
    ]);
  });

  it("counts a later visit under the merged code in its group's history", async () => {
    const { db, actor, writer, visit } = await twoCodesOfOnePerson();
    perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason });
    visit('MA0758', '2026-11-21T18:00:00Z');
    expectRollupsMatchFacts(db);
    expect(perform(db, actor, 'participants.get', { code: 'MA0785' })).toMatchObject({ visits: 5 });
    expect(
      db.sqlite
        .prepare('SELECT DISTINCT p.id FROM participant_site_days d JOIN participants p ON p.key = d.participant_key')
        .pluck()
        .all(),
    ).toEqual([perform(db, actor, 'participants.get', { code: 'MA0785' }).participantId]);
  });

  it("writes a merge record and audits it with each participant's own before and after", async () => {
    const { db, writer } = await twoCodesOfOnePerson();
    const merge = perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason });
    const changes = auditChanges(db, 'participants.merge');
    expect(changes.map((change) => change.entity).sort()).toEqual(['participant', 'participant', 'participant_merge']);
    expect(changes.find((change) => change.entity === 'participant_merge')).toMatchObject({
      id: merge.mergeId,
      before: undefined,
      after: { mergeId: merge.mergeId, fromCode: 'MA0758', intoCode: 'MA0785', reason },
    });
    type State = { code: string; canonicalId: string; mergedIntoId: string | null };
    const of = (participantId: string) => {
      const change = changes.find((candidate) => candidate.entity === 'participant' && candidate.id === participantId);
      return change as { before: State; after: State };
    };
    // Both participants, each with its own row: the from-code joins the into-code's group.
    expect(of(merge.fromParticipantId).before).toMatchObject({
      code: 'MA0758',
      canonicalId: merge.fromParticipantId,
      mergedIntoId: null,
    });
    expect(of(merge.fromParticipantId).after).toMatchObject({
      code: 'MA0758',
      canonicalId: merge.intoParticipantId,
      mergedIntoId: merge.intoParticipantId,
    });
    expect(of(merge.intoParticipantId).before).toMatchObject({ code: 'MA0785', canonicalId: merge.intoParticipantId });
    expect(of(merge.intoParticipantId).after).toMatchObject({ code: 'MA0785', canonicalId: merge.intoParticipantId });
    expect(countOf(db, 'participant_merges')).toBe(1);
    expect(verifyAuditChain(db).intact).toBe(true);
  });

  it('undoing the merge restores exactly the previous state', async () => {
    const { db, writer, dayOf } = await twoCodesOfOnePerson();
    const before = participantState(db);
    const merge = perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason });
    expect(participantState(db)).not.toEqual(before);

    const unmerge = perform(db, writer, 'participants.unmerge', {
      mergeId: merge.mergeId,
      reason: 'Not the same person after all',
    });
    expect(unmerge).toMatchObject({
      kind: 'unmerge',
      undoesMergeId: merge.mergeId,
      fromCode: 'MA0758',
      intoCode: 'MA0785',
    });
    expect(participantState(db)).toEqual(before);
    expect(uniqueParticipants(db, dayOf('2026-11-01T12:00:00Z'), dayOf('2026-11-30T12:00:00Z'))).toBe(2);
    expectRollupsMatchFacts(db);
    // The unmerge record, and each participant it gave back its own group, before and after.
    expect(auditChanges(db, 'participants.unmerge').map((change) => [change.entity, change.id])).toEqual(
      expect.arrayContaining([
        ['participant_merge', unmerge.mergeId],
        ['participant', merge.fromParticipantId],
        ['participant', merge.intoParticipantId],
      ]),
    );
    expect(auditChanges(db, 'participants.unmerge')).toHaveLength(3);

    const [latest, merged] = perform(db, writer, 'participants.merges', {});
    expect(latest).toMatchObject({ mergeId: unmerge.mergeId, kind: 'unmerge' });
    expect(merged).toMatchObject({ mergeId: merge.mergeId, kind: 'merge', undoneById: unmerge.mergeId });
    expect(countOf(db, 'participant_merges')).toBe(2);
    expect(verifyAuditChain(db).intact).toBe(true);
  });

  it('can merge the code again after an unmerge, and undo that too', async () => {
    const { db, writer } = await twoCodesOfOnePerson();
    const before = participantState(db);
    const first = perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason });
    perform(db, writer, 'participants.unmerge', { mergeId: first.mergeId, reason: 'Wrong' });
    const second = perform(db, writer, 'participants.merge', { fromCode: 'MA0785', intoCode: 'MA0758', reason });
    expectRollupsMatchFacts(db);
    perform(db, writer, 'participants.unmerge', { mergeId: second.mergeId, reason: 'Wrong again' });
    expect(participantState(db)).toEqual(before);
  });

  it('flattens chains: a group merged into another moves whole, and comes back whole', async () => {
    const { db, actor, writer, visit } = await twoCodesOfOnePerson();
    visit('MA0786', '2026-11-01T18:00:00Z');
    const start = participantState(db);
    const inner = perform(db, writer, 'participants.merge', { fromCode: 'MA0786', intoCode: 'MA0758', reason });
    const afterInner = participantState(db);
    const outer = perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason });
    expectRollupsMatchFacts(db);
    const group = perform(db, actor, 'participants.get', { code: 'MA0786' });
    expect(group).toMatchObject({ canonicalCode: 'MA0785', mergedIntoCode: 'MA0758', visits: 5 });
    expect(group.members).toEqual(['MA0758', 'MA0786']);

    perform(db, writer, 'participants.unmerge', { mergeId: outer.mergeId, reason: 'Undo the outer merge' });
    expect(participantState(db)).toEqual(afterInner);
    expect(perform(db, actor, 'participants.get', { code: 'MA0786' })).toMatchObject({
      canonicalCode: 'MA0758',
      visits: 3,
    });
    perform(db, writer, 'participants.unmerge', { mergeId: inner.mergeId, reason: 'Undo the inner merge' });
    expect(participantState(db)).toEqual(start);
    expectRollupsMatchFacts(db);
  });

  it('can merge into a code that is itself a member: the group follows the canonical code', async () => {
    const { db, actor, writer, visit } = await twoCodesOfOnePerson();
    visit('MA0786', '2026-11-01T18:00:00Z');
    perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason });
    perform(db, writer, 'participants.merge', { fromCode: 'MA0786', intoCode: 'MA0758', reason });
    expect(perform(db, actor, 'participants.get', { code: 'MA0786' })).toMatchObject({
      canonicalCode: 'MA0785',
      mergedIntoCode: 'MA0758',
    });
    expect(perform(db, actor, 'participants.get', { code: 'MA0785' }).members).toEqual(['MA0758', 'MA0786']);
    expectRollupsMatchFacts(db);
  });

  it('lists merges for review, newest first, optionally for one code', async () => {
    const { db, writer, visit } = await twoCodesOfOnePerson();
    visit('ZZ0101', '2026-11-01T18:00:00Z');
    visit('ZZ0110', '2026-11-02T18:00:00Z');
    perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason });
    perform(db, writer, 'participants.merge', {
      fromCode: 'ZZ0110',
      intoCode: 'ZZ0101',
      reason: 'Same day and month, swapped',
    });
    expect(perform(db, writer, 'participants.merges', {}).map((merge) => merge.fromCode)).toEqual(['ZZ0110', 'MA0758']);
    expect(perform(db, writer, 'participants.merges', { code: 'MA0785' }).map((merge) => merge.fromCode)).toEqual([
      'MA0758',
    ]);
    expect(perform(db, writer, 'participants.merges', { limit: 1 })).toHaveLength(1);
    expectRefused(
      () => perform(db, writer, 'participants.merges', { code: 'NOBODY' }),
      'participant_not_found',
      'code',
    );
  });
});

describe('refused merges and unmerges change nothing', () => {
  async function mergedPair() {
    const opened = await openParticipantsCore();
    opened.visit('MA0785', '2026-11-10T18:00:00Z');
    opened.visit('MA0758', '2026-11-05T18:00:00Z');
    opened.visit('LI0712', '2026-11-06T18:00:00Z');
    const merge = perform(opened.db, opened.writer, 'participants.merge', {
      fromCode: 'MA0758',
      intoCode: 'MA0785',
      reason: 'Same',
    });
    return { ...opened, merge };
  }

  function snapshot(db: Parameters<typeof participantState>[0]) {
    return { state: participantState(db), merges: countOf(db, 'participant_merges'), audits: countOf(db, 'audit_log') };
  }

  it.each([
    [{ fromCode: 'MA0785', intoCode: 'MA0785', reason: 'x' }, 'participant_merge_same', 'intoCode'],
    [{ fromCode: 'MA0758', intoCode: 'LI0712', reason: 'x' }, 'participant_already_merged', 'fromCode'],
    [{ fromCode: 'MA0785', intoCode: 'MA0758', reason: 'x' }, 'participant_merge_circular', 'intoCode'],
    [{ fromCode: 'NOBODY', intoCode: 'MA0785', reason: 'x' }, 'participant_not_found', 'fromCode'],
    [{ fromCode: 'LI0712', intoCode: 'NOBODY', reason: 'x' }, 'participant_not_found', 'intoCode'],
    [{ fromCode: 'LI0712', intoCode: 'MA0785', reason: '  ' }, 'reason_required', 'reason'],
    [{ fromCode: 'LI 0712', intoCode: 'MA0785', reason: 'x' }, 'participant_code_format', 'fromCode'],
  ])('refuses %j with %s', async (input, code, field) => {
    const { db, writer } = await mergedPair();
    const before = snapshot(db);
    expectRefused(() => perform(db, writer, 'participants.merge', input), code, field);
    expect(snapshot(db)).toEqual(before);
  });

  it('leaves merges to coordinators and admins', async () => {
    const { db, writer, merge } = await mergedPair();
    const worker = staffWithRole(db, writer, 'outreach_worker');
    const before = snapshot(db);
    expectRefused(
      () => perform(db, worker, 'participants.merge', { fromCode: 'LI0712', intoCode: 'MA0785', reason: 'x' }),
      'not_permitted',
    );
    expectRefused(
      () => perform(db, worker, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'x' }),
      'not_permitted',
    );
    expect(snapshot(db)).toEqual(before);
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expect(
      perform(db, coordinator, 'participants.merge', { fromCode: 'LI0712', intoCode: 'MA0785', reason: 'x' }).createdBy,
    ).toBe('Test coordinator');
  });

  it('refuses to undo a merge twice, an unmerge, or a merge that does not exist', async () => {
    const { db, writer, merge } = await mergedPair();
    const unmerge = perform(db, writer, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'Different people' });
    const before = snapshot(db);
    expectRefused(
      () => perform(db, writer, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'x' }),
      'merge_already_undone',
      'mergeId',
    );
    expectRefused(
      () => perform(db, writer, 'participants.unmerge', { mergeId: unmerge.mergeId, reason: 'x' }),
      'merge_not_found',
      'mergeId',
    );
    expectRefused(
      () =>
        perform(db, writer, 'participants.unmerge', { mergeId: '01900000-0000-7000-8000-000000000000', reason: 'x' }),
      'merge_not_found',
      'mergeId',
    );
    expectRefused(
      () => perform(db, writer, 'participants.unmerge', { mergeId: 'nope', reason: 'x' }),
      'merge_not_found',
      'mergeId',
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses to undo an older merge of a code merged again since', async () => {
    const { db, writer, merge } = await mergedPair();
    perform(db, writer, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'Different people' });
    perform(db, writer, 'participants.merge', { fromCode: 'MA0758', intoCode: 'LI0712', reason: 'This one instead' });
    const before = snapshot(db);
    // The old merge is both undone and no longer the latest; "undone" is what the person needs to hear.
    expectRefused(
      () => perform(db, writer, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'x' }),
      'merge_already_undone',
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses to undo a merge that a later merge of the same code (arriving from another laptop) supersedes', async () => {
    const { db, writer, merge } = await mergedPair();
    // Another laptop merged the same code elsewhere before the two synced: the row arrives as a
    // fact, later than ours. Only the latest merge of a code may be undone, or the groups would tangle.
    const older = db.sqlite.prepare('SELECT created_by FROM participant_merges WHERE id = ?').get(merge.mergeId) as {
      created_by: string;
    };
    const idOf = (code: string) =>
      (db.sqlite.prepare('SELECT id FROM participants WHERE code = ?').get(code) as { id: string }).id;
    db.sqlite
      .prepare(
        `INSERT INTO participant_merges
         (id, kind, from_participant_id, into_participant_id, undoes_merge_id, reason, origin_device_id, created_by, created_at)
       VALUES ('01990000-0000-7000-8000-0000000000ff', 'merge', ?, ?, NULL, 'Merged on the van laptop', 'other-device', ?, ?)`,
      )
      .run(idOf('MA0758'), idOf('LI0712'), older.created_by, '2999-01-01T00:00:00.000Z');
    const before = snapshot(db);
    expectRefused(
      () => perform(db, writer, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'x' }),
      'merge_not_latest',
      'mergeId',
    );
    expect(snapshot(db)).toEqual(before);
  });
});
