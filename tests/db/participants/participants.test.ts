/** Participants (db/participants/participants.ts): building a code, creating one, one participant's group. */
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../db/contract';
import { participantChannels } from '../../../db/contract/participants';
import { expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';
import { auditActions, countOf, openParticipantsCore as openFreeCodesCore } from '../../support/participants';
import { perform, setProgramSettings } from '../../support/core';

/** A program on the starting formula (mother's first name, birth month and year): MA0785. */
async function openParticipantsCore() {
  const opened = await openFreeCodesCore();
  setProgramSettings(opened.core, { participant_code_formula: 'mother_month_year' });
  return opened;
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
    const { db, writer } = await openFreeCodesCore();
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
    const { db, writer } = await openFreeCodesCore();
    perform(db, writer, 'participants.create', { code: 'LI07' });
    for (const letter of 'BCDEFGHIJKLMNOPQRSTUVWXYZ')
      perform(db, writer, 'participants.create', { code: `LI07${letter}` });
    expect(perform(db, writer, 'participants.create', { code: 'LI07', addSuffix: true }).code).toBe('LI07AA');
    expect(perform(db, writer, 'participants.create', { code: 'LI07', addSuffix: true }).code).toBe('LI07AB');
  });

  it('refuses a suffix that would make the code too long, and malformed codes', async () => {
    const { db, writer } = await openFreeCodesCore();
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
    const { db, actor, writer } = await openFreeCodesCore();
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
