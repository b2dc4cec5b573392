import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import type { ChannelInput, ChannelOutput } from '../../../db/contract';
import { participantChannels } from '../../../db/contract/participants';
import { checkRollups } from '../../../db/reports/rollups';
import { auditChanges } from '../../support/audit';
import { expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';
import {
  auditActions,
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

const maria = { motherFirstName: 'María', birthMonth: '7', birthYear: '1985' };

describe('building a code', () => {
  it("uses the program's formula and says nobody has the code yet", async () => {
    const { db, actor } = await openParticipantsCore();
    expect(perform(db, actor, 'participants.buildCode', { answers: maria })).toEqual({
      code: 'MA0785',
      formula: 'mother_month_year',
      existing: null,
    });
    expect(
      perform(db, actor, 'participants.buildCode', {
        formula: 'gender_letters_year',
        answers: { gender: null, chosenLetters: 'ABCD', birthYear: null },
      }).code,
    ).toBe('XABCD0000');
  });

  it('shows who has the code already, with their last visit, so the worker can ask "same person?"', async () => {
    const { db, actor, van, visit } = await openParticipantsCore();
    visit('MA0785', '2026-11-02T18:00:00Z');
    const last = visit('MA0785', '2026-11-20T18:15:00Z', { siteId: van.id });
    expect(perform(db, actor, 'participants.buildCode', { answers: maria }).existing).toEqual({
      participantId: last.participantId,
      code: 'MA0785',
      canonicalCode: 'MA0785',
      lastVisit: { occurredAt: '2026-11-20T18:15:00.000Z', siteName: 'Van 1' },
    });
  });

  it('refuses a bad answer at its field and writes nothing', async () => {
    const { db, actor } = await openParticipantsCore();
    const audits = countOf(db, 'audit_log');
    expectRefused(
      () => perform(db, actor, 'participants.buildCode', { answers: { ...maria, birthMonth: '13' } }),
      'code_month_invalid',
      'answers.birthMonth',
    );
    expectRefused(
      () => perform(db, actor, 'participants.buildCode', { formula: 'nope' as 'free', answers: {} }),
      'invalid_value',
      'formula',
    );
    expect(countOf(db, 'audit_log')).toBe(audits);
  });

  it('never stores the answers, only the code', async () => {
    const { core, db, actor, writer } = await openParticipantsCore();
    const answers = { motherFirstName: 'Rosalind', birthMonth: '11', birthYear: '1972' };
    const { code } = perform(db, actor, 'participants.buildCode', { answers });
    perform(db, writer, 'participants.create', { code });
    expect(code).toBe('RO1172');
    const files = [core.info.databasePath, `${core.info.databasePath}-wal`].filter((path) => existsSync(path));
    const stored = files.map((path) => readFileSync(path).toString('latin1')).join('');
    expect(stored).toContain('RO1172');
    expect(stored).not.toContain('Rosalind');
    expect(stored).not.toContain('ROSALIND');
  });

  it('is not open to viewers: codes are personal data', async () => {
    const { db, writer } = await openParticipantsCore();
    const viewer = staffWithRole(db, writer, 'viewer');
    expectRefused(() => perform(db, viewer, 'participants.buildCode', { answers: maria }), 'not_permitted');
    expectRefused(() => perform(db, viewer, 'participants.search', { query: 'MA' }), 'not_permitted');
  });
});

describe('creating a participant', () => {
  it("creates a free code with the program's formula, audited", async () => {
    const { db, writer } = await openParticipantsCore();
    const created = perform(db, writer, 'participants.create', { code: ' ma0785 ' });
    expect(created).toEqual({
      participantId: created.participantId,
      code: 'MA0785',
      formula: 'mother_month_year',
      suffix: null,
    });
    expect(auditActions(db, 'participants.create')).toEqual([
      {
        entity_id: created.participantId,
        before_json: null,
        after_json: '{"code":"MA0785","formula":"mother_month_year"}',
      },
    ]);
  });

  it('refuses a taken code unless the worker said "not the same person", then adds the first free suffix', async () => {
    const { db, writer } = await openParticipantsCore();
    perform(db, writer, 'participants.create', { code: 'MA0785' });
    const participants = countOf(db, 'participants');
    expectRefused(
      () => perform(db, writer, 'participants.create', { code: 'MA0785' }),
      'participant_code_taken',
      'code',
    );
    expectRefused(
      () => perform(db, writer, 'participants.create', { code: 'MA0785', addSuffix: false }),
      'participant_code_taken',
      'code',
    );
    expect(countOf(db, 'participants')).toBe(participants);

    expect(perform(db, writer, 'participants.create', { code: 'MA0785', addSuffix: true })).toMatchObject({
      code: 'MA0785B',
      suffix: 'B',
    });
    expect(perform(db, writer, 'participants.create', { code: 'MA0785', addSuffix: true })).toMatchObject({
      code: 'MA0785C',
      suffix: 'C',
    });
    // A free code with addSuffix is created as it is.
    expect(perform(db, writer, 'participants.create', { code: 'SMA07', addSuffix: true })).toMatchObject({
      code: 'SMA07',
      suffix: null,
    });
  });

  it('fills gaps first, then moves to two letters when B to Z are all taken', async () => {
    const { db, writer } = await openParticipantsCore();
    perform(db, writer, 'participants.create', { code: 'LI07' });
    for (const letter of 'BCDEFGHIJKLMNOPQRSTUVWXYZ')
      perform(db, writer, 'participants.create', { code: `LI07${letter}` });
    expect(perform(db, writer, 'participants.create', { code: 'LI07', addSuffix: true }).code).toBe('LI07AA');
    expect(perform(db, writer, 'participants.create', { code: 'LI07', addSuffix: true }).code).toBe('LI07AB');
  });

  it('refuses a suffix that would make the code too long, and malformed codes', async () => {
    const { db, writer } = await openParticipantsCore();
    const longest = 'A'.repeat(32);
    perform(db, writer, 'participants.create', { code: longest });
    expectRefused(
      () => perform(db, writer, 'participants.create', { code: longest, addSuffix: true }),
      'participant_code_too_long',
      'code',
    );
    expectRefused(
      () => perform(db, writer, 'participants.create', { code: 'Jane Doe' }),
      'participant_code_format',
      'code',
    );
    expectRefused(() => perform(db, writer, 'participants.create', { code: '-AB' }), 'participant_code_format', 'code');
    expectRefused(
      () => perform(db, writer, 'participants.create', { code: 'AB', extra: 1 } as ChannelInput<'participants.create'>),
      'unknown_field',
    );
  });

  it('needs a field role', async () => {
    const { db, writer } = await openParticipantsCore();
    const viewer = staffWithRole(db, writer, 'viewer');
    expectRefused(() => perform(db, viewer, 'participants.create', { code: 'MA0785' }), 'not_permitted');
    expect(
      perform(db, staffWithRole(db, writer, 'outreach_worker'), 'participants.create', { code: 'MA0785' }).code,
    ).toBe('MA0785');
  });
});

describe('searching codes', () => {
  const codes = ['MA0785', 'MA0758', 'MA0786', 'MA07851', 'MB0785', 'AM0785', 'XY1234', 'MA07', 'MAO7'];

  async function withCodes() {
    const opened = await openParticipantsCore();
    for (const code of codes) perform(opened.db, opened.writer, 'participants.create', { code });
    return opened;
  }

  const brief = (results: { code: string; match: string; distance: number }[]) =>
    results.map(({ code, match, distance }) => `${match} ${code} ${distance}`);

  it('lists the exact code, then codes starting with it, then near matches (typos, swapped digits)', async () => {
    const { db, actor } = await withCodes();
    expect(brief(perform(db, actor, 'participants.search', { query: 'ma0785' }))).toEqual([
      'exact MA0785 0',
      'prefix MA07851 1',
      'near AM0785 1',
      'near MA0758 1',
      'near MA0786 1',
      'near MB0785 1',
      'near MA07 2',
    ]);
  });

  it('finds the code when the digits were swapped or one was mistyped', async () => {
    const { db, actor } = await withCodes();
    expect(brief(perform(db, actor, 'participants.search', { query: 'MA0875' }))).toContain('near MA0785 1');
    expect(brief(perform(db, actor, 'participants.search', { query: 'MA0X85' }))).toContain('near MA0785 1');
  });

  it('allows one typo in a short query', async () => {
    const { db, actor } = await withCodes();
    expect(brief(perform(db, actor, 'participants.search', { query: 'MA07' }))).toEqual([
      'exact MA07 0',
      'prefix MA0758 2',
      'prefix MA0785 2',
      'prefix MA0786 2',
      'prefix MA07851 3',
      'near MAO7 1',
    ]);
    expect(brief(perform(db, actor, 'participants.search', { query: 'MB07' }))).toEqual([
      'prefix MB0785 2',
      'near MA07 1',
    ]);
  });

  it('normalises the query like a code and honours the limit', async () => {
    const { db, actor } = await withCodes();
    expect(brief(perform(db, actor, 'participants.search', { query: ' má 07 ', limit: 2 }))).toEqual([
      'exact MA07 0',
      'prefix MA0758 2',
    ]);
    expect(perform(db, actor, 'participants.search', { query: 'QQQQQQQQ' })).toEqual([]);
    expectRefused(
      () => perform(db, actor, 'participants.search', { query: ' ¿? ' }),
      'participant_search_query_required',
      'query',
    );
    expectRefused(() => perform(db, actor, 'participants.search', { query: 'MA', limit: 0 }), 'limit_invalid', 'limit');
  });

  it('shows the last visit of each result and the code its group goes by', async () => {
    const { db, actor, writer, visit } = await withCodes();
    visit('MA0758', '2026-11-21T18:00:00Z');
    perform(db, writer, 'participants.merge', {
      fromCode: 'MA0758',
      intoCode: 'MA0785',
      reason: 'Same person, digits swapped',
    });
    const [exact, , , swapped] = perform(db, actor, 'participants.search', { query: 'MA0785' });
    expect(exact).toMatchObject({ code: 'MA0785', canonicalCode: 'MA0785' });
    expect(swapped).toMatchObject({ code: 'MA0758', canonicalCode: 'MA0785', match: 'near' });
    const lastVisit = { occurredAt: '2026-11-21T18:00:00.000Z', siteName: 'Main site' };
    expect(exact!.lastVisit).toEqual(lastVisit);
    expect(swapped!.lastVisit).toEqual(lastVisit);
  });
});

describe('one participant', () => {
  it('shows the last current visit with its supplies, the visit count and the first-seen day', async () => {
    const { db, actor, writer, van, items, visit, dayOf } = await openParticipantsCore();
    const first = visit('MA0785', '2026-11-03T18:00:00Z', { siteId: van.id, lines: [{ itemIndex: 0, quantity: 10 }] });
    const second = visit('MA0785', '2026-11-18T18:00:00Z', { lines: [{ itemIndex: 0, quantity: 5 }] });
    const voided = visit('MA0785', '2026-11-21T18:00:00Z', { lines: [{ itemIndex: 1, quantity: 1 }] });
    perform(db, writer, 'encounters.void', { id: voided.id, reason: 'Logged twice' });
    perform(db, writer, 'encounters.correct', {
      id: second.id,
      expectedRevision: 1,
      reason: 'Also took naloxone',
      siteId: second.siteId,
      occurredAt: second.occurredAt,
      participantCode: 'MA0785',
      lines: [
        { itemId: items[0]!.id, quantity: 20 },
        { itemId: items[1]!.id, quantity: 1 },
      ],
    });

    const participant = perform(db, actor, 'participants.get', { code: 'ma0785' });
    expect(participant).toEqual({
      participantId: first.participantId,
      code: 'MA0785',
      formula: 'mother_month_year' /* codes first met in an encounter take the program's formula */,
      canonicalId: first.participantId,
      canonicalCode: 'MA0785',
      mergedIntoCode: null,
      firstSeenOn: dayOf('2026-11-03T18:00:00Z'),
      firstSeenSiteName: 'Van 1',
      lastVisit: {
        entryId: second.id,
        occurredAt: '2026-11-18T18:00:00.000Z',
        siteId: second.siteId,
        siteName: 'Main site',
        lines: [
          { itemId: items[0]!.id, itemName: items[0]!.name, quantity: 20 },
          { itemId: items[1]!.id, itemName: items[1]!.name, quantity: 1 },
        ],
      },
      visits: 2,
      members: [],
    });
    expect(perform(db, actor, 'participants.get', { id: first.participantId! })).toEqual(participant);
  });

  it('has no last visit before the first encounter', async () => {
    const { db, actor, writer } = await openParticipantsCore();
    perform(db, writer, 'participants.create', { code: 'NEW1' });
    expect(perform(db, actor, 'participants.get', { code: 'NEW1' })).toMatchObject({
      lastVisit: null,
      visits: 0,
      firstSeenOn: null,
    });
  });

  it('refuses an unknown code, and asks for exactly one of id or code', async () => {
    const { db, actor } = await openParticipantsCore();
    expectRefused(() => perform(db, actor, 'participants.get', { code: 'NOBODY' }), 'participant_not_found', 'code');
    expectRefused(
      () => perform(db, actor, 'participants.get', { id: '01900000-0000-7000-8000-000000000000' }),
      'participant_not_found',
      'id',
    );
    expectRefused(() => perform(db, actor, 'participants.get', {}), 'participant_id_or_code', 'code');
    expectRefused(
      () => perform(db, actor, 'participants.get', { id: '01900000-0000-7000-8000-000000000000', code: 'A' }),
      'participant_id_or_code',
    );
  });
});

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
    expect(db.sqlite.prepare('SELECT DISTINCT participant_id FROM participant_site_days').pluck().all()).toEqual([
      perform(db, actor, 'participants.get', { code: 'MA0785' }).participantId,
    ]);
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

describe('the participants channels', () => {
  it('answer through the core with outputs that match the contract', async () => {
    const { core, actor, visit } = await openParticipantsCore();
    visit('MA0785', '2026-11-10T18:00:00Z');
    visit('MA0758', '2026-11-05T18:00:00Z');
    const call = <C extends keyof typeof participantChannels>(channel: C, input: unknown): ChannelOutput<C> => {
      const envelope = core.dispatch(channel, input, actor);
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}`);
      return participantChannels[channel].output.parse(envelope.data) as ChannelOutput<C>;
    };
    expect(call('participants.buildCode', { answers: maria }).existing?.code).toBe('MA0785');
    expect(call('participants.create', { code: 'MA0785', addSuffix: true }).code).toBe('MA0785B');
    expect(call('participants.search', { query: 'MA0785' }).map((result) => result.code)).toEqual([
      'MA0785',
      'MA0785B',
      'MA0758',
    ]);
    const merge = call('participants.merge', { fromCode: 'MA0758', intoCode: 'MA0785', reason: 'Same person' });
    expect(call('participants.get', { code: 'MA0758' }).canonicalCode).toBe('MA0785');
    expect(call('participants.merges', {})).toHaveLength(1);
    expect(call('participants.unmerge', { mergeId: merge.mergeId, reason: 'Not the same' }).kind).toBe('unmerge');

    const refused = core.dispatch('participants.create', { code: 'MA0785' }, actor);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'participant_code_taken',
        message: expect.any(String),
        field: 'code',
        issues: [{ code: 'participant_code_taken', message: expect.any(String), field: 'code' }],
      },
    });
  });
});
