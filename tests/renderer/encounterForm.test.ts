import { describe, expect, it } from 'vitest';
import {
  encounterFormSchema,
  formFieldOf,
  localToOffsetIso,
  toLocalInputValue,
} from '../../renderer/src/features/encounters/encounterForm';

describe('local date and time to an ISO instant', () => {
  it('keeps the wall-clock time and adds the local offset', () => {
    const iso = localToOffsetIso('2026-11-22T10:15');
    expect(iso).toMatch(/^2026-11-22T10:15:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso!).getTime()).toBe(new Date(2026, 10, 22, 10, 15).getTime());
  });

  it('accepts seconds', () => {
    expect(new Date(localToOffsetIso('2026-06-01T23:59:30')!).getTime()).toBe(
      new Date(2026, 5, 1, 23, 59, 30).getTime(),
    );
  });

  it.each(['', '2026-11-22', '2026-02-31T10:00', '2026-11-22T24:00', '22/11/2026 10:15', 'soon'])(
    'rejects %j',
    (value) => expect(localToOffsetIso(value)).toBeNull(),
  );

  it('round-trips with the datetime-local value', () => {
    const date = new Date(2026, 0, 5, 7, 3);
    expect(toLocalInputValue(date)).toBe('2026-01-05T07:03');
  });
});

describe('the form schema', () => {
  const values = {
    siteId: '0190f5a0-0000-7000-8000-000000000001',
    occurredAt: '2026-11-22T10:15',
    participantCode: ' ma0785 ',
    lines: [{ itemId: '0190f5a0-0000-7000-8000-000000000101', quantity: '10' }],
  };

  it('produces the contract input', () => {
    const parsed = encounterFormSchema.parse(values);
    expect(parsed).toMatchObject({ siteId: values.siteId, participantCode: 'MA0785', lines: [{ quantity: 10 }] });
  });

  it('reports contract error codes at form field paths', () => {
    const result = encounterFormSchema.safeParse({
      ...values,
      siteId: '',
      occurredAt: '',
      lines: [{ itemId: '', quantity: '0' }],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['siteId', 'site_required'],
        ['occurredAt', 'occurred_at_invalid'],
        ['lines.0.itemId', 'item_required'],
        ['lines.0.quantity', 'quantity_positive'],
      ]),
    );
  });
});

describe('placing core errors on form fields', () => {
  it.each([
    ['siteId', 1, 'siteId'],
    ['occurredAt', 1, 'occurredAt'],
    ['participantCode', 1, 'participantCode'],
    ['lines.0.quantity', 1, 'lines.0.quantity'],
    ['lines.2.itemId', 3, 'lines.2.itemId'],
    ['lines.2.itemId', 2, null],
    ['lines', 1, null],
    [undefined, 1, null],
    ['somethingElse', 1, null],
  ] as const)('%s with %i lines goes to %s', (field, lineCount, expected) => {
    expect(formFieldOf(field, lineCount)).toBe(expected);
  });
});
