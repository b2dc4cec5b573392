/**
 * Field entries: encounters (one contact with one participant or an anonymous walk-in) and
 * tallies (many quick contacts of a street shift in one record). Both are corrected by new
 * revisions and voided with a reason; nothing is deleted.
 */
import { z } from 'zod';
import { contactTypes, reversalOutcomes, serviceKinds, unmetReasons } from '../platform/schema';

export const maxQuantity = 10_000;
export const maxLines = 100;

/** Codes are stored upper-case so "ma0785" and "MA0785" are the same participant. */
export const participantCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{1,32}$/, 'participant_code_format');

const quantity = z
  .number('quantity_invalid')
  .int('quantity_whole')
  .min(1, 'quantity_positive')
  .max(maxQuantity, 'quantity_too_large');

const isoDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid');
const uuid = (code: string) => z.uuid(code);
const note = z.string().trim().max(500, 'note_too_long').nullish();
const reason = z.string().trim().min(1, 'reason_required').max(500, 'reason_too_long');

export const supplyLineInput = z
  .object({
    itemId: uuid('item_required'),
    quantity,
    /** A lot chosen by the worker; otherwise lots are taken first-expiry-first-out. */
    lotId: uuid('lot_not_found').nullish(),
  })
  .strict();

/**
 * Syringes estimated from sharps containers and weight, with the program's factors: the same sum
 * where an entry is saved and where the form shows it while it is typed.
 */
export function estimatedSyringes(
  collected: { containers: number; pounds: number },
  factors: { syringesPerContainer: number; syringesPerPound: number },
): number {
  return Math.round(collected.containers * factors.syringesPerContainer + collected.pounds * factors.syringesPerPound);
}

export const collectedInput = z
  .object({
    counted: z
      .number('collected_invalid')
      .int('collected_invalid')
      .min(0, 'collected_invalid')
      .max(1_000_000, 'collected_invalid')
      .optional(),
    containers: z
      .number('containers_invalid')
      .min(0, 'containers_invalid')
      .max(10_000, 'containers_invalid')
      .optional(),
    pounds: z.number('pounds_invalid').min(0, 'pounds_invalid').max(100_000, 'pounds_invalid').optional(),
  })
  .strict();

export const reversalInput = z
  .object({
    outcome: z.enum(reversalOutcomes, 'invalid_value'),
    dosesUsed: z
      .number()
      .int('doses_used_invalid')
      .min(1, 'doses_used_invalid')
      .max(50, 'doses_used_invalid')
      .nullish(),
    note,
  })
  .strict();

export const unmetRequestInput = z
  .object({
    itemId: uuid('item_required'),
    reason: z.enum(unmetReasons, 'invalid_value'),
    quantity: quantity.nullish(),
  })
  .strict();

function noRepeats<T>(
  list: T[],
  key: (value: T) => string,
  context: z.RefinementCtx,
  path: string,
  code: string,
  field: string,
): void {
  const seen = new Set<string>();
  list.forEach((value, index) => {
    const id = key(value);
    if (seen.has(id))
      context.addIssue({ code: 'custom', message: code, path: [path, index, ...(field ? [field] : [])] });
    seen.add(id);
  });
}

/** What encounters and tallies share. */
const fieldEntryShape = {
  siteId: uuid('site_required'),
  /** An instant with its offset, e.g. 2026-11-22T10:15:00-08:00; stored as UTC. */
  occurredAt: z.iso.datetime({ offset: true, error: 'occurred_at_invalid' }),
  lines: z.array(supplyLineInput).max(maxLines, 'lines_too_many'),
  collected: collectedInput.optional(),
  services: z.array(uuid('service_type_not_found')).max(50).optional(),
  reversals: z.array(reversalInput).max(10).optional(),
  unmetRequests: z.array(unmetRequestInput).max(50).optional(),
  note,
};

function refineEntry(
  input: {
    lines: { itemId: string }[];
    services?: string[] | undefined;
    unmetRequests?: { itemId: string }[] | undefined;
  },
  context: z.RefinementCtx,
): void {
  noRepeats(input.lines, (line) => line.itemId, context, 'lines', 'item_repeated', 'itemId');
  noRepeats(input.services ?? [], (id) => id, context, 'services', 'service_repeated', '');
  noRepeats(
    input.unmetRequests ?? [],
    (request) => request.itemId,
    context,
    'unmetRequests',
    'unmet_request_repeated',
    'itemId',
  );
}

const encounterShape = {
  ...fieldEntryShape,
  contactType: z.enum(contactTypes, 'invalid_value').optional(),
  /** Absent or null: an anonymous walk-in. */
  participantCode: participantCode.nullish(),
  /** Secondary distribution: how many other people these supplies are for. */
  onBehalfOf: z
    .number('on_behalf_of_invalid')
    .int('on_behalf_of_invalid')
    .min(0, 'on_behalf_of_invalid')
    .max(1000, 'on_behalf_of_invalid')
    .optional(),
};

const tallyShape = {
  ...fieldEntryShape,
  contacts: z
    .number('contacts_invalid')
    .int('contacts_invalid')
    .min(1, 'contacts_invalid')
    .max(100_000, 'contacts_invalid'),
};

const correction = {
  id: uuid('entry_not_found'),
  /** The revision the person was looking at: a correction on top of a newer one is refused. */
  expectedRevision: z.number().int().min(1),
  reason,
};

export const logEncounterInput = z.object(encounterShape).strict().superRefine(refineEntry);
export type LogEncounterInput = z.input<typeof logEncounterInput>;
export const correctEncounterInput = z
  .object({ ...encounterShape, ...correction })
  .strict()
  .superRefine(refineEntry);
export type CorrectEncounterInput = z.input<typeof correctEncounterInput>;

export const logTallyInput = z.object(tallyShape).strict().superRefine(refineEntry);
export type LogTallyInput = z.input<typeof logTallyInput>;
export const correctTallyInput = z
  .object({ ...tallyShape, ...correction })
  .strict()
  .superRefine(refineEntry);
export type CorrectTallyInput = z.input<typeof correctTallyInput>;

export const voidEntryInput = z.object({ id: uuid('entry_not_found'), reason }).strict();
export type VoidEntryInput = z.input<typeof voidEntryInput>;
export const getEntryInput = z.object({ id: uuid('entry_not_found') }).strict();

/**
 * Where a page of a list ends: the last entry shown, by its `occurredAt` (as entries return it, or
 * any ISO instant with an offset) and id. Kept in the stored form (UTC, milliseconds) and lower-case,
 * so comparing it with stored rows is comparing text. A finer instant than the millisecond is
 * refused: stored instants have none, so rounding it would move the cursor.
 */
export const entryCursor = z
  .object(
    {
      occurredAt: z.iso
        .datetime({ offset: true, error: 'cursor_invalid' })
        .refine((text) => !/\.\d{3}\d*[1-9]/.test(text), 'cursor_invalid')
        .transform((text) => new Date(text).toISOString()),
      id: z.uuid('cursor_invalid').transform((id) => id.toLowerCase()),
    },
    // Not an object at all; an unknown key inside one is reported as unknown_field, as everywhere.
    { error: (issue) => (issue.code === 'invalid_type' ? 'cursor_invalid' : undefined) },
  )
  .strict();
export type EntryCursor = z.input<typeof entryCursor>;

/**
 * The list order, the same for encounters and tallies: newest `occurredAt` first, and among
 * entries at the same instant the greater id first (ids are UUIDv7, so usually the later logged).
 * Negative when `a` comes before `b`. Stored instants are UTC with milliseconds, so they compare as text.
 */
export function compareEntries(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt > b.occurredAt ? -1 : 1;
  if (a.id !== b.id) return a.id > b.id ? -1 : 1;
  return 0;
}

export const listEntriesInput = z
  .object({
    from: isoDateText.optional(),
    to: isoDateText.optional(),
    siteId: z.uuid('site_required').optional(),
    staffId: z.uuid('staff_not_found').optional(),
    itemId: z.uuid('item_required').optional(),
    participantCode: participantCode.optional(),
    includeVoided: z.boolean().optional(),
    limit: z.number().int('limit_invalid').min(1, 'limit_invalid').max(500, 'limit_invalid').optional(),
    /** Only entries after this one in the list order (older, or as old with a smaller id): the next page. */
    before: entryCursor.optional(),
  })
  .strict();
export type ListEntriesInput = z.input<typeof listEntriesInput>;

const entryOutputShape = {
  id: z.string(),
  status: z.enum(['active', 'voided']),
  revision: z.number().int(),
  siteId: z.string(),
  siteName: z.string(),
  occurredAt: z.string(),
  localDate: z.string(),
  lines: z.array(
    z.object({
      itemId: z.string(),
      itemName: z.string(),
      unit: z.string(),
      quantity: z.number().int(),
      lotId: z.string().nullable(),
      lotNumber: z.string().nullable(),
      isKit: z.boolean(),
    }),
  ),
  collected: z.object({
    counted: z.number().int(),
    containers: z.number(),
    pounds: z.number(),
    estimated: z.number().int(),
    total: z.number().int(),
  }),
  services: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(serviceKinds) })),
  reversals: z.array(
    z.object({
      outcome: z.enum(reversalOutcomes),
      dosesUsed: z.number().int().nullable(),
      note: z.string().nullable(),
    }),
  ),
  unmetRequests: z.array(
    z.object({
      itemId: z.string(),
      itemName: z.string(),
      reason: z.enum(unmetReasons),
      quantity: z.number().int().nullable(),
    }),
  ),
  note: z.string().nullable(),
  /** False for entries dated before the program's stock start date (history that moves no stock). */
  movesStock: z.boolean(),
  /** Units this save handed out that the ledger did not have at the site: a count is due. */
  shortfalls: z.array(z.object({ itemId: z.string(), units: z.number().int() })),
  loggedBy: z.string(),
  loggedAt: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
  changeReason: z.string().nullable(),
  voidReason: z.string().nullable(),
};

export const encounterOutput = z.object({
  ...entryOutputShape,
  kind: z.literal('encounter'),
  contactType: z.enum(contactTypes),
  participantId: z.string().nullable(),
  participantCode: z.string().nullable(),
  onBehalfOf: z.number().int(),
});
export type Encounter = z.infer<typeof encounterOutput>;

export const tallyOutput = z.object({
  ...entryOutputShape,
  kind: z.literal('tally'),
  contacts: z.number().int(),
});
export type Tally = z.infer<typeof tallyOutput>;

/** An encounter or a tally, as lists and forms handle them together. */
export type FieldEntry = Encounter | Tally;

export const encounterChannels = {
  'encounters.log': { input: logEncounterInput, output: encounterOutput },
  'encounters.correct': { input: correctEncounterInput, output: encounterOutput },
  'encounters.void': { input: voidEntryInput, output: encounterOutput },
  'encounters.get': { input: getEntryInput, output: encounterOutput },
  'encounters.list': { input: listEntriesInput, output: z.array(encounterOutput) },
  'tallies.log': { input: logTallyInput, output: tallyOutput },
  'tallies.correct': { input: correctTallyInput, output: tallyOutput },
  'tallies.void': { input: voidEntryInput, output: tallyOutput },
  'tallies.get': { input: getEntryInput, output: tallyOutput },
  'tallies.list': { input: listEntriesInput, output: z.array(tallyOutput) },
} as const;
