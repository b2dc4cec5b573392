/**
 * The log form's values, and how they become the contract's input. The form keeps what the inputs
 * hold (strings, a local date and time, one quantity per item shown); the contract's own schema
 * then validates the converted values, so the form and the core agree on every rule and every
 * error code, and a core error lands on the field that caused it.
 */
import type { Control, Resolver } from 'react-hook-form';
import type { ParsedInput } from '@contract';
import {
  correctEncounterInput,
  correctTallyInput,
  logEncounterInput,
  logTallyInput,
  type CorrectEncounterInput,
  type CorrectTallyInput,
  type Encounter,
  type FieldEntry,
  type LogEncounterInput,
  type LogTallyInput,
  recordsSomething,
  type Tally,
} from '@contract/field-entries';
import type { ReversalOutcome, UnmetReason } from '@contract/vocabulary';
import { checkWith, issuesResolver, type Checked } from '../../lib/contractResolver';
import { newFormKey } from '../../lib/formKey';

export { newFormKey };

export type EntryKind = FieldEntry['kind'];

/** One item offered on the form; an empty or zero quantity means none of it. */
export interface SupplyRow {
  itemId: string;
  quantity: string;
}

export interface ReversalValues {
  outcome: ReversalOutcome | '';
  dosesUsed: string;
  note: string;
}

export interface UnmetRequestValues {
  itemId: string;
  reason: UnmetReason;
  quantity: string;
}

export interface EntryFormValues {
  kind: EntryKind;
  /**
   * This form's own key, made when it opens and anew after a save or an undo: the core answers
   * a second save of the same form (a double press) with the first, never a second entry.
   */
  formKey: string;
  /** Encounters only: a contact with no supplies (a conversation, education), saved with nothing else recorded. */
  contactOnly: boolean;
  siteId: string;
  /** As a `datetime-local` input holds it: `YYYY-MM-DDTHH:mm`, in the computer's time zone. */
  occurredAt: string;
  /** Encounters only; empty means an anonymous walk-in. */
  participantCode: string;
  /** Tallies only: how many people the shift reached. */
  contacts: string;
  supplies: SupplyRow[];
  collectedCounted: string;
  collectedContainers: string;
  collectedPounds: string;
  onBehalfOf: string;
  services: string[];
  reversals: ReversalValues[];
  unmetRequests: UnmetRequestValues[];
  note: string;
  /** Only when correcting a saved entry: why it is corrected. */
  reason: string;
  /** Typing up paper forms: the staff member written on the form (a staff id); empty: the one saving. */
  writtenBy: string;
}

/** What a valid form submits: the channel to call and its checked input. */
export type EntrySubmission = {
  [C in 'encounters.log' | 'tallies.log' | 'encounters.correct' | 'tallies.correct']: {
    channel: C;
    input: ParsedInput<C>;
  };
}['encounters.log' | 'tallies.log' | 'encounters.correct' | 'tallies.correct'];

/** The form's control, as its parts receive it. */
export type EntryControl = Control<EntryFormValues, unknown, EntrySubmission>;

export const emptyReversal: ReversalValues = { outcome: '', dosesUsed: '', note: '' };

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** A date as a `datetime-local` value, to the minute, in local time. */
export function toLocalInputValue(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/**
 * `YYYY-MM-DDTHH:mm[:ss]` in local time to an ISO instant with the local offset, e.g.
 * `2026-11-22T10:15:00-08:00`; null when it is not a real date and time.
 */
export function localToOffsetIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const date = new Date(year, month - 1, day, hours, minutes, seconds);
  // Rejects 31 February and the like, which Date would quietly roll over.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const absolute = Math.abs(offset);
  // Built from the Date itself, so a time skipped by a clock change is sent as the real instant.
  return (
    `${toLocalInputValue(date)}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

/** A typed number; NaN (which the contract names as invalid) for anything that is not one. */
function numberOf(value: string): number {
  const trimmed = value.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** An optional number: absent when left empty. */
function optionalNumber(value: string): number | undefined {
  return value.trim() === '' ? undefined : numberOf(value);
}

function optionalText(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Rows given a quantity (zero means none), in the order shown: these become the supply lines. */
export function chosenRows(supplies: readonly SupplyRow[]): number[] {
  const chosen: number[] = [];
  supplies.forEach((row, index) => {
    const quantity = row.quantity.trim();
    if (quantity !== '' && quantity !== '0') chosen.push(index);
  });
  return chosen;
}

/** What encounters and tallies share, as the contract takes it. */
function sharedInput(values: EntryFormValues) {
  const collected = {
    counted: optionalNumber(values.collectedCounted),
    containers: optionalNumber(values.collectedContainers),
    pounds: optionalNumber(values.collectedPounds),
  };
  const anyCollected = Object.values(collected).some((value) => value !== undefined);
  return {
    siteId: values.siteId,
    occurredAt: localToOffsetIso(values.occurredAt) ?? '',
    lines: chosenRows(values.supplies).map((index) => {
      const row = values.supplies[index] as SupplyRow;
      return { itemId: row.itemId, quantity: numberOf(row.quantity) };
    }),
    ...(anyCollected
      ? {
          collected: Object.fromEntries(Object.entries(collected).filter(([, value]) => value !== undefined)),
        }
      : {}),
    services: [...values.services],
    reversals: values.reversals.map((reversal) => ({
      outcome: reversal.outcome as ReversalOutcome,
      dosesUsed: reversal.dosesUsed.trim() === '' ? null : numberOf(reversal.dosesUsed),
      note: optionalText(reversal.note),
    })),
    unmetRequests: values.unmetRequests.map((request) => ({
      itemId: request.itemId,
      reason: request.reason,
      quantity: request.quantity.trim() === '' ? null : numberOf(request.quantity),
    })),
    note: optionalText(values.note),
  };
}

/** An encounter as the contract takes it, logged or corrected (a correction names no form). */
function encounterInput(values: EntryFormValues) {
  const code = values.participantCode.trim();
  const onBehalfOf = optionalNumber(values.onBehalfOf);
  return {
    ...sharedInput(values),
    participantCode: code === '' ? null : code,
    ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
    ...(values.contactOnly ? { contactOnly: true } : {}),
  };
}

function tallyInput(values: EntryFormValues) {
  return { ...sharedInput(values), contacts: numberOf(values.contacts) };
}

/** What a new entry adds: its form's key, and the staff member on a paper form typed up. */
const newEntryOf = (values: EntryFormValues) => ({
  formKey: values.formKey,
  ...(values.writtenBy === '' ? {} : { staffId: values.writtenBy }),
});

export function toLogEncounterInput(values: EntryFormValues): LogEncounterInput {
  return { ...encounterInput(values), ...newEntryOf(values) };
}

export function toLogTallyInput(values: EntryFormValues): LogTallyInput {
  return { ...tallyInput(values), ...newEntryOf(values) };
}

/** A correction is a full replacement; a lot chosen for a line is kept while the item stays. */
function keepLots<T extends { lines: { itemId: string }[] }>(input: T, original: FieldEntry): T {
  const lotOf = new Map(original.lines.map((line) => [line.itemId, line.lotId]));
  return {
    ...input,
    lines: input.lines.map((line) => {
      const lotId = lotOf.get(line.itemId);
      return lotId ? { ...line, lotId } : line;
    }),
  };
}

/** What a correction adds: the entry, the revision the person was looking at, and why. */
const correctionOf = (values: EntryFormValues, original: FieldEntry) => ({
  id: original.id,
  expectedRevision: original.revision,
  reason: values.reason,
});

export function toCorrectEncounterInput(values: EntryFormValues, original: Encounter): CorrectEncounterInput {
  return {
    ...keepLots(encounterInput(values), original),
    ...correctionOf(values, original),
    contactType: original.contactType,
    onBehalfOf: optionalNumber(values.onBehalfOf) ?? 0,
  };
}

export function toCorrectTallyInput(values: EntryFormValues, original: Tally): CorrectTallyInput {
  return { ...keepLots(tallyInput(values), original), ...correctionOf(values, original) };
}

/** The submission for these values: which channel, and its input as the contract parses it. */
export function parseEntry(values: EntryFormValues, original?: FieldEntry): Checked<EntrySubmission> {
  const as = <C extends EntrySubmission['channel']>(channel: C, checked: Checked<unknown>): Checked<EntrySubmission> =>
    checked.success ? { success: true, data: { channel, input: checked.data } as EntrySubmission } : checked;
  if (original?.kind === 'encounter')
    return as('encounters.correct', checkWith(correctEncounterInput, toCorrectEncounterInput(values, original)));
  if (original?.kind === 'tally')
    return as('tallies.correct', checkWith(correctTallyInput, toCorrectTallyInput(values, original)));
  if (values.kind === 'tally') return as('tallies.log', checkWith(logTallyInput, toLogTallyInput(values)));
  return as('encounters.log', checkWith(logEncounterInput, toLogEncounterInput(values)));
}

const sameNamedFields = new Set([
  'siteId',
  'occurredAt',
  'participantCode',
  'contacts',
  'onBehalfOf',
  'note',
  'reason',
]);
const collectedFields: Record<string, string> = {
  'collected.counted': 'collectedCounted',
  'collected.containers': 'collectedContainers',
  'collected.pounds': 'collectedPounds',
};

/**
 * The form field a contract error names, or null when it belongs to the whole form. Supply lines
 * are numbered among the rows given a quantity, so `lines.1.quantity` is the second such row.
 */
export function formFieldOf(field: string | undefined, values: EntryFormValues): string | null {
  if (field === undefined) return null;
  if (sameNamedFields.has(field)) return field;
  // Nothing recorded: said where the worker can mark it a contact with no supplies.
  if (field === 'lines') return 'contactOnly';
  if (field === 'staffId') return 'writtenBy';
  const collected = collectedFields[field];
  if (collected) return collected;
  if (/^services(\.\d+)?$/.test(field)) return 'services';
  const line = /^lines\.(\d+)\.(itemId|quantity|lotId)$/.exec(field);
  if (line) {
    const row = chosenRows(values.supplies)[Number(line[1])];
    return row === undefined ? null : `supplies.${row}.quantity`;
  }
  const reversal = /^reversals\.(\d+)\.(outcome|dosesUsed|note)$/.exec(field);
  if (reversal && Number(reversal[1]) < values.reversals.length) return field;
  const unmet = /^unmetRequests\.(\d+)\.(itemId|reason|quantity)$/.exec(field);
  if (unmet && Number(unmet[1]) < values.unmetRequests.length) return field;
  return null;
}

/**
 * react-hook-form's resolver for the log form: the contract's schema, its errors placed on the
 * form's fields (the first one per field), anything without a field on `root.server`.
 */
export function entryResolver(original?: FieldEntry): Resolver<EntryFormValues, unknown, EntrySubmission> {
  return issuesResolver((values: EntryFormValues) => parseEntry(values, original), formFieldOf);
}

/** The form's rows: the given items first in their order, then every row a saved entry needs. */
export function supplyRowsFor(itemIds: readonly string[], lines: readonly { itemId: string; quantity: number }[]) {
  const quantityOf = new Map(lines.map((line) => [line.itemId, String(line.quantity)]));
  const rows: SupplyRow[] = itemIds.map((itemId) => ({ itemId, quantity: quantityOf.get(itemId) ?? '' }));
  for (const line of lines) {
    if (!itemIds.includes(line.itemId)) rows.push({ itemId: line.itemId, quantity: String(line.quantity) });
  }
  return rows;
}

/** Fresh values for the next person. */
export function emptyEntryValues(kind: EntryKind, siteId: string, itemIds: readonly string[]): EntryFormValues {
  return {
    kind,
    formKey: newFormKey(),
    contactOnly: false,
    siteId,
    occurredAt: toLocalInputValue(new Date()),
    participantCode: '',
    contacts: '',
    supplies: supplyRowsFor(itemIds, []),
    collectedCounted: '',
    collectedContainers: '',
    collectedPounds: '',
    onBehalfOf: '',
    services: [],
    reversals: [],
    unmetRequests: [],
    note: '',
    reason: '',
    writtenBy: '',
  };
}

const numberText = (value: number) => (value === 0 ? '' : String(value));

/** A saved entry as the form shows it (for a correction, or after an undo brings it back), in a new form. */
export function entryFormValuesOf(entry: FieldEntry, itemIds: readonly string[]): EntryFormValues {
  return {
    kind: entry.kind,
    formKey: newFormKey(),
    contactOnly: entry.kind === 'encounter' && !recordsSomething(entry),
    siteId: entry.siteId,
    occurredAt: toLocalInputValue(new Date(entry.occurredAt)),
    participantCode: entry.kind === 'encounter' ? (entry.participantCode ?? '') : '',
    contacts: entry.kind === 'tally' ? String(entry.contacts) : '',
    supplies: supplyRowsFor(itemIds, entry.lines),
    collectedCounted: numberText(entry.collected.counted),
    collectedContainers: numberText(entry.collected.containers),
    collectedPounds: numberText(entry.collected.pounds),
    onBehalfOf: entry.kind === 'encounter' ? numberText(entry.onBehalfOf) : '',
    services: entry.services.map((service) => service.id),
    reversals: entry.reversals.map((reversal) => ({
      outcome: reversal.outcome,
      dosesUsed: reversal.dosesUsed === null ? '' : String(reversal.dosesUsed),
      note: reversal.note ?? '',
    })),
    unmetRequests: entry.unmetRequests.map((request) => ({
      itemId: request.itemId,
      reason: request.reason,
      quantity: request.quantity === null ? '' : String(request.quantity),
    })),
    note: entry.note ?? '',
    reason: '',
    writtenBy: '',
  };
}
