/**
 * The shared field schemas, at each boundary, and through the channels that use them: a value a
 * person can type is refused with its own code at its own field, never as internal_error, and
 * nothing is written.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  calendarDate,
  fileName,
  instant,
  isBlank,
  name,
  note,
  participantCode,
  reason,
} from '../../../db/contract/fields';
import { issuesFrom } from '../../../db/contract/validation';
import { openFieldCore } from '../../support/core';
import { callError } from '../../support/contract';
import { databaseState, expectNothingChanged } from '../../support/refusal';

function codeOf(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (issuesFrom(result.error)[0]?.code ?? null);
}

describe('field schemas', () => {
  it('take participant codes of 1 to 32 letters, digits and dashes that start with a letter or digit', () => {
    expect(participantCode.parse(' ma0785 ')).toBe('MA0785');
    expect(participantCode.parse('A')).toBe('A');
    expect(participantCode.parse('AB-12')).toBe('AB-12');
    expect(participantCode.parse('A'.repeat(32))).toBe('A'.repeat(32));
    for (const bad of ['-AB', '', ' ', 'A'.repeat(33), 'Jane Doe', 'AB_12', 'MA0785!', 7]) {
      expect(codeOf(participantCode, bad), String(bad)).toBe('participant_code_format');
    }
  });

  it('take a file name to offer only as a name: no folder, nothing Windows refuses, nothing hidden', () => {
    expect(fileName.parse(' Copia de Eastside 2026-11.sqlite ')).toBe('Copia de Eastside 2026-11.sqlite');
    expect(fileName.parse('informe-año.csv')).toBe('informe-año.csv');
    for (const bad of [
      '',
      ' ',
      '../outpost.sqlite',
      '/etc/passwd',
      'C:\\copy.sqlite',
      'a:b',
      'what?.csv',
      '.hidden',
      '..',
      'line\nbreak',
      'x'.repeat(201),
      7,
    ]) {
      expect(codeOf(fileName, bad), String(bad)).toBe('file_name_invalid');
    }
  });

  it('take only real calendar dates', () => {
    const date = calendarDate();
    expect(date.parse('2024-02-29')).toBe('2024-02-29');
    for (const bad of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-5',
      '26-01-05',
      '',
    ]) {
      expect(codeOf(date, bad), bad).toBe('date_invalid');
    }
  });

  it('take instants with an offset on a real calendar date, with one refusal for anything else', () => {
    const at = instant();
    expect(at.parse('2026-11-22T10:15:00-08:00')).toBe('2026-11-22T10:15:00-08:00');
    for (const bad of ['2026-02-30T10:00:00Z', '2026-11-22T10:15:00', 'yesterday', '2026-11-22']) {
      const result = at.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(
        issuesFrom(result.error!).map((issue) => issue.code),
        bad,
      ).toEqual(['occurred_at_invalid']);
    }
  });

  it('refuse names that are blank once invisible characters are gone, or hold control characters', () => {
    const siteName = name(80);
    expect(siteName.parse('  Van 1 ')).toBe('Van 1');
    expect(siteName.parse('Café Ñandú')).toBe('Café Ñandú');
    expect(codeOf(siteName, '')).toBe('name_required');
    expect(codeOf(siteName, '   ')).toBe('name_required');
    expect(codeOf(siteName, '\u200b')).toBe('name_required');
    expect(codeOf(siteName, '\u200b\u200d\ufeff \u00a0')).toBe('name_required');
    expect(codeOf(siteName, '\u0000')).toBe('name_invalid');
    expect(codeOf(siteName, 'Van\u00071')).toBe('name_invalid');
    expect(codeOf(siteName, 'Van\n1')).toBe('name_invalid');
    expect(codeOf(siteName, 'x'.repeat(81))).toBe('name_too_long');
    expect(codeOf(siteName, 12)).toBe('name_required');
    expect(isBlank('\u2060\u180e')).toBe(true);
    expect(isBlank('a\u200b')).toBe(false);
  });

  it('let notes and reasons run over lines, refusing control characters and blank reasons', () => {
    expect(note.parse('Asked about\nhousing')).toBe('Asked about\nhousing');
    expect(note.parse('  ')).toBeNull();
    expect(note.parse('\u200b')).toBeNull();
    expect(note.parse(undefined)).toBeNull();
    expect(codeOf(note, 'bell\u0007')).toBe('text_invalid');
    expect(codeOf(note, 'x'.repeat(501))).toBe('note_too_long');
    expect(reason.parse(' entered twice ')).toBe('entered twice');
    expect(codeOf(reason, '\u200b ')).toBe('reason_required');
    expect(codeOf(reason, 'x'.repeat(501))).toBe('reason_too_long');
  });
});

describe('the same boundaries through the channels', () => {
  it.each([
    ['encounters.log', 'participantCode', { participantCode: '-AB' }, 'participant_code_format'],
    ['encounters.log', 'occurredAt', { occurredAt: '2026-02-30T10:00:00Z' }, 'occurred_at_invalid'],
    ['encounters.list', 'from', { from: '2026-02-30' }, 'date_invalid'],
    ['encounters.list', 'participantCode', { participantCode: '-AB' }, 'participant_code_format'],
    ['settings.update', 'stockStartDate', { stockStartDate: '2026-02-30' }, 'date_invalid'],
    ['sites.create', 'name', { name: '\u0000', siteType: 'fixed' }, 'name_invalid'],
    ['sites.create', 'name', { name: '\u200b', siteType: 'fixed' }, 'name_required'],
    ['staff.create', 'displayName', { displayName: '\u200b\u200b', role: 'viewer' }, 'name_required'],
    ['presets.create', 'name', { name: 'Kit\u0000', lines: [] }, 'name_invalid'],
    ['settings.update', 'programName', { programName: '\ufeff' }, 'name_required'],
    ['participants.create', 'code', { code: '-AB' }, 'participant_code_format'],
    ['inventory.receive', 'expiresOn', { expiresOn: '2027-02-30' }, 'date_invalid'],
  ] as const)('%s refuses %s with %s-like input, writing nothing', async (channel, field, patch, code) => {
    const { core, db, actor, site, item } = await openFieldCore();
    const base: Record<string, Record<string, unknown>> = {
      'encounters.log': { siteId: site.id, occurredAt: '2026-11-20T10:00:00Z', contactOnly: true, lines: [] },
      'inventory.receive': {
        siteId: site.id,
        itemId: item('Naloxone nasal 4 mg (box of 2)').id,
        packs: 1,
        lotNumber: 'A1',
      },
    };
    const before = databaseState(db);
    const error = callError(core, channel, { ...(base[channel] ?? {}), ...patch }, actor);
    expect(error).toMatchObject({ code, field });
    expectNothingChanged(db, before);
  });
});
