import { describe, expect, it } from 'vitest';
import type { FieldErrors } from 'react-hook-form';
import {
  chosenRows,
  emptyEntryValues,
  entryFormValuesOf,
  entryResolver,
  formFieldOf,
  localToOffsetIso,
  parseEntry,
  supplyRowsFor,
  toCorrectEncounterInput,
  toCorrectTallyInput,
  toLocalInputValue,
  toLogEncounterInput,
  toLogTallyInput,
  type EntryFormValues,
} from '../../../../renderer/src/features/encounters/encounterForm';
import { issuesOf } from '../../../../renderer/src/lib/serverErrors';
import { encounter, items, sites, supplyLine, tally } from '../../support/fakeBridge';

const [syringe, naloxone, strip] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
const siteId = sites[0]!.id;
const hivTest = '0190f5a0-0000-7000-8000-000000000701';
const lotId = '0190f5a0-0000-7000-8000-000000000801';

/** Filled-in values as the form holds them: strings everywhere, one row per item shown. */
function values(overrides: Partial<EntryFormValues> = {}): EntryFormValues {
  return {
    ...emptyEntryValues('encounter', siteId, [syringe.id, naloxone.id, strip.id]),
    occurredAt: '2026-11-22T10:15',
    ...overrides,
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the form key', () => {
  it('is a new UUID for every new form, and for a saved entry shown again', () => {
    const first = values();
    const second = values();
    expect(first.formKey).toMatch(uuid);
    expect(second.formKey).not.toBe(first.formKey);
    expect(entryFormValuesOf(encounter(), [syringe.id]).formKey).not.toBe(first.formKey);
  });

  it('names the form in a new save, and never in a correction', () => {
    const formValues = values({ supplies: quantities('10', '', '') });
    expect(toLogEncounterInput(formValues).formKey).toBe(formValues.formKey);
    expect(toCorrectEncounterInput({ ...formValues, reason: 'x' }, encounter())).not.toHaveProperty('formKey');
    expect(
      toCorrectTallyInput({ ...formValues, kind: 'tally', contacts: '3', reason: 'x' }, tally()),
    ).not.toHaveProperty('formKey');
  });
});

const quantities = (...list: string[]) => list.map((quantity, index) => ({ itemId: items[index]!.id, quantity }));

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
    expect(new Date(localToOffsetIso(toLocalInputValue(date))!).getTime()).toBe(date.getTime());
  });
});

describe('form values to the contract input', () => {
  it('makes supply lines only of rows given a quantity, empty and "0" meaning none', () => {
    const input = toLogEncounterInput(values({ supplies: quantities('', ' 10 ', '0') }));
    expect(input.lines).toEqual([{ itemId: naloxone.id, quantity: 10 }]);
    expect(chosenRows(quantities('', ' 10 ', '0'))).toEqual([1]);
    expect(chosenRows(quantities('3', '', '-4'))).toEqual([0, 2]);
  });

  it('sends an empty participant code as null and leaves out optional numbers left empty', () => {
    const formValues = values({ participantCode: '   ', supplies: quantities('10', '', '') });
    const input = toLogEncounterInput(formValues);
    expect(input).toEqual({
      formKey: formValues.formKey,
      siteId,
      occurredAt: localToOffsetIso('2026-11-22T10:15'),
      participantCode: null,
      lines: [{ itemId: syringe.id, quantity: 10 }],
      services: [],
      reversals: [],
      unmetRequests: [],
      note: null,
    });
    expect(input).not.toHaveProperty('collected');
    expect(input).not.toHaveProperty('onBehalfOf');
  });

  it('sends collected syringes only as given, and every detail of the entry', () => {
    const input = toLogEncounterInput(
      values({
        participantCode: ' ma0785 ',
        onBehalfOf: '2',
        collectedCounted: '40',
        collectedPounds: '1.5',
        services: [hivTest],
        reversals: [
          { outcome: 'survived', dosesUsed: '2', note: '  ' },
          { outcome: 'unknown', dosesUsed: '', note: 'Heard from a friend' },
        ],
        unmetRequests: [{ itemId: strip.id, reason: 'out_of_stock', quantity: '' }],
        note: '  Asked about wound care  ',
      }),
    );
    expect(input).toMatchObject({
      participantCode: 'ma0785',
      onBehalfOf: 2,
      collected: { counted: 40, pounds: 1.5 },
      services: [hivTest],
      reversals: [
        { outcome: 'survived', dosesUsed: 2, note: null },
        { outcome: 'unknown', dosesUsed: null, note: 'Heard from a friend' },
      ],
      unmetRequests: [{ itemId: strip.id, reason: 'out_of_stock', quantity: null }],
      note: 'Asked about wound care',
    });
    expect(input.collected).toEqual({ counted: 40, pounds: 1.5 });
  });

  it('makes a tally of the contacts and the shared fields, without participant fields', () => {
    const formValues = values({
      kind: 'tally',
      contacts: '14',
      participantCode: 'MA0785',
      onBehalfOf: '3',
      supplies: quantities('', '', '30'),
    });
    const input = toLogTallyInput(formValues);
    expect(input).toEqual({
      formKey: formValues.formKey,
      siteId,
      occurredAt: localToOffsetIso('2026-11-22T10:15'),
      contacts: 14,
      lines: [{ itemId: strip.id, quantity: 30 }],
      services: [],
      reversals: [],
      unmetRequests: [],
      note: null,
    });
  });

  it('parses to the channel to call, with the contract normalising the input', () => {
    const encounterResult = parseEntry(values({ participantCode: ' ma0785 ', supplies: quantities('10', '1', '') }));
    expect(encounterResult).toEqual({
      success: true,
      data: {
        channel: 'encounters.log',
        input: expect.objectContaining({
          participantCode: 'MA0785',
          lines: [
            { itemId: syringe.id, quantity: 10 },
            { itemId: naloxone.id, quantity: 1 },
          ],
        }),
      },
    });
    const tallyResult = parseEntry(values({ kind: 'tally', contacts: '14' }));
    expect(tallyResult).toEqual({
      success: true,
      data: { channel: 'tallies.log', input: expect.objectContaining({ contacts: 14, lines: [] }) },
    });
  });
});

describe('contract errors placed on form fields', () => {
  const issuesFor = (formValues: EntryFormValues) => {
    const result = parseEntry(formValues);
    if (result.success) throw new Error('expected the values to be refused');
    return result.issues.map((issue) => [issue.field, issue.code, formFieldOf(issue.field, formValues)]);
  };

  it('puts a line error on the row it came from, counting only rows with a quantity', () => {
    expect(issuesFor(values({ supplies: quantities('', '-4', '2.5') }))).toEqual([
      ['lines.0.quantity', 'quantity_positive', 'supplies.1.quantity'],
      ['lines.1.quantity', 'quantity_whole', 'supplies.2.quantity'],
    ]);
    expect(issuesFor(values({ supplies: quantities('abc', '', '20000') }))).toEqual([
      ['lines.0.quantity', 'quantity_invalid', 'supplies.0.quantity'],
      ['lines.1.quantity', 'quantity_too_large', 'supplies.2.quantity'],
    ]);
  });

  it('maps collected, services, reversals, unmet requests and plain fields to their form fields', () => {
    expect(
      issuesFor(
        values({
          siteId: '',
          occurredAt: '2026-02-31T10:00',
          participantCode: 'MA 07',
          collectedCounted: '-1',
          collectedContainers: 'x',
          onBehalfOf: '1.5',
          services: ['not-a-service'],
          reversals: [{ outcome: '', dosesUsed: '0', note: '' }],
          unmetRequests: [{ itemId: '', reason: 'out_of_stock', quantity: '' }],
          note: 'x'.repeat(501),
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        ['siteId', 'site_required', 'siteId'],
        ['occurredAt', 'occurred_at_invalid', 'occurredAt'],
        ['participantCode', 'participant_code_format', 'participantCode'],
        ['collected.counted', 'collected_invalid', 'collectedCounted'],
        ['collected.containers', 'containers_invalid', 'collectedContainers'],
        ['onBehalfOf', 'on_behalf_of_invalid', 'onBehalfOf'],
        ['services.0', 'service_type_not_found', 'services'],
        ['reversals.0.outcome', 'invalid_value', 'reversals.0.outcome'],
        ['reversals.0.dosesUsed', 'doses_used_invalid', 'reversals.0.dosesUsed'],
        ['unmetRequests.0.itemId', 'item_required', 'unmetRequests.0.itemId'],
        ['note', 'note_too_long', 'note'],
      ]),
    );
    // Repeats are checked once every field has the right shape.
    expect(issuesFor(values({ services: [hivTest, hivTest] }))).toEqual([
      ['services.1', 'service_repeated', 'services'],
    ]);
    expect(issuesFor(values({ kind: 'tally', contacts: '' }))).toEqual([['contacts', 'contacts_invalid', 'contacts']]);
  });

  it.each([
    ['lines.2.quantity', 'two rows with a quantity'],
    ['reversals.1.outcome', 'a reversal the form does not have'],
    ['unmetRequests.0.itemId', 'an unmet request the form does not have'],
    ['expectedRevision', 'a field the form does not show'],
    ['somethingElse', 'an unknown field'],
    [undefined, 'no field'],
  ])('gives %s (%s) to the whole form', (field, _which) => {
    const formValues = values({
      supplies: quantities('1', '2', ''),
      reversals: [{ outcome: 'survived', dosesUsed: '', note: '' }],
    });
    expect(formFieldOf(field, formValues)).toBeNull();
  });

  it('says "nothing recorded" (lines as a whole) at the box for a contact with no supplies', () => {
    expect(issuesFor(values({ participantCode: 'MA0785' }))).toEqual([['lines', 'entry_empty', 'contactOnly']]);
    expect(parseEntry(values({ participantCode: 'MA0785', contactOnly: true })).success).toBe(true);
  });

  it('places lines.N.itemId and lines.N.lotId on the quantity of that row', () => {
    const formValues = values({ supplies: quantities('', '2', '3') });
    expect(formFieldOf('lines.1.itemId', formValues)).toBe('supplies.2.quantity');
    expect(formFieldOf('lines.0.lotId', formValues)).toBe('supplies.1.quantity');
  });

  it('resolves to nested field errors for react-hook-form, the first code per field, the rest on root.server', async () => {
    const resolve = entryResolver();
    const formValues = values({ supplies: quantities('', '-4', '2.5') });
    const result = await resolve(formValues, undefined, { fields: {}, shouldUseNativeValidation: false });
    const errors = result.errors as FieldErrors<EntryFormValues>;
    expect(result.values).toEqual({});
    expect(errors.supplies?.[1]?.quantity?.message).toBe('quantity_positive');
    expect(errors.supplies?.[2]?.quantity?.message).toBe('quantity_whole');
    expect(errors.supplies?.[0]).toBeUndefined();

    const valid = await resolve(values({ supplies: quantities('5', '', '') }), undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(valid.errors).toEqual({});
    expect(valid.values).toMatchObject({
      channel: 'encounters.log',
      input: { lines: [{ itemId: syringe.id, quantity: 5 }] },
    });
  });

  it('lists every issue of a refused call, or the single error when there is no list', () => {
    const issues = [
      { code: 'site_inactive' as const, message: 'Site inactive', field: 'siteId' },
      { code: 'item_inactive' as const, message: 'Item inactive', field: 'lines.0.itemId' },
    ];
    expect(issuesOf({ code: 'site_inactive', message: 'Site inactive', field: 'siteId', issues })).toEqual(issues);
    expect(issuesOf({ code: 'core_unavailable', message: 'Down', issues: [] })).toEqual([
      { code: 'core_unavailable', message: 'Down' },
    ]);
    expect(issuesOf({ code: 'site_inactive', message: 'Site inactive', field: 'siteId' })).toEqual([
      { code: 'site_inactive', message: 'Site inactive', field: 'siteId' },
    ]);
  });
});

describe('corrections', () => {
  const saved = encounter({
    revision: 3,
    occurredAt: '2026-11-22T18:15:00.000Z',
    onBehalfOf: 2,
    lines: [supplyLine(syringe, 10), { ...supplyLine(naloxone, 1), lotId, lotNumber: 'NX-1' }],
    collected: { counted: 12, containers: 1, pounds: 0, estimated: 100, total: 112 },
    services: [{ id: hivTest, name: 'HIV test', kind: 'service' }],
    reversals: [{ outcome: 'survived', dosesUsed: 2, note: null }],
    unmetRequests: [{ itemId: strip.id, itemName: strip.name, reason: 'not_carried', quantity: 5 }],
    note: 'Asked about wound care',
  });

  it('shows a saved encounter in the form, the shown items first and every saved line kept', () => {
    const formValues = entryFormValuesOf(saved, [strip.id, syringe.id]);
    expect(formValues).toEqual({
      kind: 'encounter',
      // A form of its own: saving it again is a new save, not an answer from the saved one.
      formKey: expect.stringMatching(uuid),
      contactOnly: false,
      siteId: saved.siteId,
      occurredAt: toLocalInputValue(new Date(saved.occurredAt)),
      participantCode: 'MA0785',
      contacts: '',
      supplies: [
        { itemId: strip.id, quantity: '' },
        { itemId: syringe.id, quantity: '10' },
        { itemId: naloxone.id, quantity: '1' },
      ],
      collectedCounted: '12',
      collectedContainers: '1',
      collectedPounds: '',
      onBehalfOf: '2',
      services: [hivTest],
      reversals: [{ outcome: 'survived', dosesUsed: '2', note: '' }],
      unmetRequests: [{ itemId: strip.id, reason: 'not_carried', quantity: '5' }],
      note: 'Asked about wound care',
      reason: '',
      writtenBy: '',
    });
  });

  it('round-trips: an unchanged encounter corrects to what was saved, keeping lots, with revision and reason', () => {
    const formValues = { ...entryFormValuesOf(saved, [syringe.id]), reason: ' Typed the wrong site ' };
    const result = parseEntry(formValues, saved);
    expect(result).toEqual({
      success: true,
      data: {
        channel: 'encounters.correct',
        input: {
          id: saved.id,
          expectedRevision: 3,
          reason: 'Typed the wrong site',
          siteId: saved.siteId,
          occurredAt: localToOffsetIso(toLocalInputValue(new Date(saved.occurredAt))),
          participantCode: 'MA0785',
          contactType: 'in_person',
          onBehalfOf: 2,
          lines: [
            { itemId: syringe.id, quantity: 10 },
            { itemId: naloxone.id, quantity: 1, lotId },
          ],
          collected: { counted: 12, containers: 1 },
          services: [hivTest],
          reversals: [{ outcome: 'survived', dosesUsed: 2, note: null }],
          unmetRequests: [{ itemId: strip.id, reason: 'not_carried', quantity: 5 }],
          note: 'Asked about wound care',
        },
      },
    });
    if (result.success) {
      expect(new Date(result.data.input.occurredAt).getTime()).toBe(new Date(saved.occurredAt).getTime());
    }
  });

  it('sends "for others" as 0 when it is cleared, and drops a line whose quantity is cleared', () => {
    const formValues = entryFormValuesOf(saved, [syringe.id]);
    formValues.onBehalfOf = '';
    formValues.supplies = formValues.supplies.map((row) =>
      row.itemId === naloxone.id ? { ...row, quantity: '' } : row,
    );
    const input = toCorrectEncounterInput({ ...formValues, reason: 'Fix' }, saved);
    expect(input.onBehalfOf).toBe(0);
    expect(input.lines).toEqual([{ itemId: syringe.id, quantity: 10 }]);
  });

  it('corrects a tally through tallies.correct, keeping the lot of a line and its contacts', () => {
    const savedTally = tally({
      revision: 2,
      contacts: 14,
      lines: [{ ...supplyLine(naloxone, 3), lotId, lotNumber: 'NX-1' }],
    });
    const formValues = entryFormValuesOf(savedTally, [syringe.id, naloxone.id]);
    expect(formValues).toMatchObject({ kind: 'tally', contacts: '14', participantCode: '', onBehalfOf: '' });
    formValues.contacts = '15';
    formValues.supplies[0]!.quantity = '20';
    formValues.reason = 'One more contact';
    expect(toCorrectTallyInput(formValues, savedTally)).toMatchObject({
      id: savedTally.id,
      expectedRevision: 2,
      reason: 'One more contact',
      contacts: 15,
      lines: [
        { itemId: syringe.id, quantity: 20 },
        { itemId: naloxone.id, quantity: 3, lotId },
      ],
    });
    const result = parseEntry(formValues, savedTally);
    expect(result.success && result.data.channel).toBe('tallies.correct');
    expect(result.success && result.data.input).not.toHaveProperty('participantCode');
  });

  it('requires a reason, reported at the reason field', () => {
    const result = parseEntry(entryFormValuesOf(saved, []), saved);
    expect(result.success).toBe(false);
    if (!result.success) {
      // Named exactly as the core names it: the same code, message and field.
      expect(result.issues).toEqual([{ code: 'reason_required', message: 'Give a reason.', field: 'reason' }]);
      expect(formFieldOf('reason', entryFormValuesOf(saved, []))).toBe('reason');
    }
  });

  it('lays out rows for the shown items, adding saved items not shown', () => {
    expect(supplyRowsFor([syringe.id], [])).toEqual([{ itemId: syringe.id, quantity: '' }]);
    expect(supplyRowsFor([syringe.id, strip.id], [{ itemId: naloxone.id, quantity: 2 }])).toEqual([
      { itemId: syringe.id, quantity: '' },
      { itemId: strip.id, quantity: '' },
      { itemId: naloxone.id, quantity: '2' },
    ]);
  });

  it('starts a new form empty, at the site given, stamped now', () => {
    const fresh = emptyEntryValues('tally', siteId, [syringe.id]);
    expect(fresh).toMatchObject({
      kind: 'tally',
      siteId,
      participantCode: '',
      contacts: '',
      supplies: [{ itemId: syringe.id, quantity: '' }],
      services: [],
      reversals: [],
      unmetRequests: [],
      note: '',
      reason: '',
      writtenBy: '',
    });
    expect(Math.abs(new Date(fresh.occurredAt).getTime() - Date.now())).toBeLessThan(2 * 60_000);
  });
});
