/**
 * The encounter form's values, and how they become the contract's input. The form keeps what the
 * inputs hold (strings, a local date and time); the contract's own schema then validates the
 * converted values, so the form and the core agree on every rule and every error code.
 */
import { z } from 'zod';
import {
  correctEncounterInput,
  logEncounterInput,
  type CorrectEncounterInput,
  type Encounter,
  type LogEncounterInput,
} from '../../../../db/contract/encounters';
import type { ErrorCode, FieldIssue } from '../../../../db/errors';

export interface SupplyLineValues {
  itemId: string;
  quantity: string;
}

export interface EncounterFormValues {
  siteId: string;
  /** As a `datetime-local` input holds it: `YYYY-MM-DDTHH:mm`, in the computer's time zone. */
  occurredAt: string;
  participantCode: string;
  lines: SupplyLineValues[];
  /** Only when correcting a saved encounter: why it is corrected. */
  reason?: string;
}

export const emptyLine: SupplyLineValues = { itemId: '', quantity: '' };

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

function toQuantity(value: string): number {
  const trimmed = value.trim();
  // NaN makes the contract say "Enter a quantity."
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** Form values to the contract's input. Anything unconvertible stays invalid for the contract to name. */
export function toLogEncounterInput(values: EncounterFormValues): LogEncounterInput {
  const code = values.participantCode.trim();
  return {
    siteId: values.siteId,
    occurredAt: localToOffsetIso(values.occurredAt) ?? '',
    participantCode: code === '' ? null : code,
    lines: values.lines.map((line) => ({ itemId: line.itemId, quantity: toQuantity(line.quantity) })),
  };
}

export const encounterFormSchema = z
  .object({
    siteId: z.string(),
    occurredAt: z.string(),
    participantCode: z.string(),
    lines: z.array(z.object({ itemId: z.string(), quantity: z.string() })),
  })
  .transform(toLogEncounterInput)
  .pipe(logEncounterInput);

export type EncounterFormOutput = z.output<typeof encounterFormSchema>;

/** A saved encounter as the form shows it for a correction: local time, quantities as typed. */
export function formValuesOf(encounter: Encounter): EncounterFormValues {
  return {
    siteId: encounter.siteId,
    occurredAt: toLocalInputValue(new Date(encounter.occurredAt)),
    participantCode: encounter.participantCode ?? '',
    lines: encounter.lines.map((line) => ({ itemId: line.itemId, quantity: String(line.quantity) })),
    reason: '',
  };
}

/**
 * The form's values as a correction of `original`: a full replacement, so everything the form does
 * not show (collected, services, reversal reports, unmet requests, note, a chosen lot) is carried
 * over as it was.
 */
export function toCorrectEncounterInput(values: EncounterFormValues, original: Encounter): CorrectEncounterInput {
  const edited = toLogEncounterInput(values);
  const lotOf = new Map(original.lines.map((line) => [line.itemId, line.lotId]));
  return {
    id: original.id,
    expectedRevision: original.revision,
    reason: values.reason ?? '',
    ...edited,
    lines: edited.lines.map((line) => {
      const lotId = lotOf.get(line.itemId);
      return lotId ? { ...line, lotId } : line;
    }),
    contactType: original.contactType,
    onBehalfOf: original.onBehalfOf,
    collected: {
      counted: original.collected.counted,
      containers: original.collected.containers,
      pounds: original.collected.pounds,
    },
    services: original.services.map((service) => service.id),
    reversals: original.reversals.map((reversal) => ({ ...reversal })),
    unmetRequests: original.unmetRequests.map((request) => ({
      itemId: request.itemId,
      reason: request.reason,
      quantity: request.quantity,
    })),
    note: original.note,
  };
}

/** The correction form's schema: the same rules as the core, field paths as the form names them. */
export function correctionFormSchema(original: Encounter) {
  return z
    .object({
      siteId: z.string(),
      occurredAt: z.string(),
      participantCode: z.string(),
      lines: z.array(z.object({ itemId: z.string(), quantity: z.string() })),
      reason: z.string().optional(),
    })
    .transform(({ reason, ...values }): EncounterFormValues => ({ ...values, reason: reason ?? '' }))
    .transform((values) => toCorrectEncounterInput(values, original))
    .pipe(correctEncounterInput);
}

export type CorrectionFormOutput = z.output<ReturnType<typeof correctionFormSchema>>;

export type EncounterFieldPath =
  'siteId' | 'occurredAt' | 'participantCode' | 'reason' | `lines.${number}.itemId` | `lines.${number}.quantity`;

/** The form field a core error names (`lines.0.quantity`), or null when it belongs to the whole form. */
export function formFieldOf(field: string | undefined, lineCount: number): EncounterFieldPath | null {
  if (field === 'siteId' || field === 'occurredAt' || field === 'participantCode' || field === 'reason') return field;
  const line = /^lines\.(\d+)\.(itemId|quantity)$/.exec(field ?? '');
  if (!line) return null;
  const index = Number(line[1]);
  if (index >= lineCount) return null;
  return line[2] === 'itemId' ? `lines.${index}.itemId` : `lines.${index}.quantity`;
}

/** Every problem a refused call reports, whether it came as a list or as a single error. */
export function issuesOf(error: { code: ErrorCode; message: string; field?: string; issues?: FieldIssue[] }) {
  if (error.issues && error.issues.length > 0) return error.issues;
  return [{ code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }];
}
