/**
 * Field entries: encounters (one contact with one participant or an anonymous walk-in) and
 * tallies (many quick contacts of a street shift in one record). Both are corrected by new
 * revisions and voided with a reason, or undone right after saving; nothing is deleted.
 */
import { z } from 'zod';
import { coordinatorRoles, fieldRoles, read, write } from './access';
import {
  calendarDate,
  id,
  instant,
  limit,
  note,
  participantCode,
  quantity,
  reason,
  refuseBackwardsRange,
  refuseRepeats,
  wholeNumber,
} from './fields';
import { contactTypes, reversalOutcomes, serviceKinds, unmetReasons, voidKinds } from './vocabulary';

export { maxQuantity, noteLimit, reasonLimit } from './fields';
export const maxLines = 100;

export const supplyLineInput = z
  .object({
    itemId: id('item_required'),
    quantity,
    /** A lot chosen by the worker; otherwise lots are taken first-expiry-first-out. */
    lotId: id('lot_not_found').nullish(),
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
    counted: wholeNumber('collected_invalid', 0, 1_000_000).optional(),
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
    dosesUsed: wholeNumber('doses_used_invalid', 1, 50).nullish(),
    note,
  })
  .strict();

export const unmetRequestInput = z
  .object({
    itemId: id('item_required'),
    reason: z.enum(unmetReasons, 'invalid_value'),
    quantity: quantity.nullish(),
  })
  .strict();

/** What encounters and tallies share. */
const fieldEntryShape = {
  siteId: id('site_required'),
  /** An instant with its offset, e.g. 2026-11-22T10:15:00-08:00; stored as UTC. */
  occurredAt: instant('occurred_at_invalid'),
  lines: z.array(supplyLineInput).max(maxLines, 'lines_too_many'),
  collected: collectedInput.optional(),
  services: z.array(id('service_type_not_found')).max(50).optional(),
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
  refuseRepeats(
    input.lines,
    (line) => line.itemId,
    context,
    'item_repeated',
    (index) => ['lines', index, 'itemId'],
  );
  refuseRepeats(
    input.services ?? [],
    (service) => service,
    context,
    'service_repeated',
    (index) => ['services', index],
  );
  refuseRepeats(
    input.unmetRequests ?? [],
    (request) => request.itemId,
    context,
    'unmet_request_repeated',
    (index) => ['unmetRequests', index, 'itemId'],
  );
}

const encounterShape = {
  ...fieldEntryShape,
  contactType: z.enum(contactTypes, 'invalid_value').optional(),
  /** Absent or null: an anonymous walk-in. */
  participantCode: participantCode.nullish(),
  /** Secondary distribution: how many other people these supplies are for. */
  onBehalfOf: wholeNumber('on_behalf_of_invalid', 0, 1000).optional(),
  /**
   * A contact with no supplies (a conversation, education): what lets an encounter with nothing
   * else recorded be saved. Without it such an encounter is refused: most often it is a slip (an
   * empty form, a second press of Save) that would count a contact that never happened.
   */
  contactOnly: z.boolean('invalid_value').optional(),
};

/** Whether an encounter records anything but its participant and note: supplies, collection, services, reports. */
export function recordsSomething(input: {
  lines: unknown[];
  collected?:
    { counted?: number | undefined; containers?: number | undefined; pounds?: number | undefined } | undefined;
  services?: unknown[] | undefined;
  reversals?: unknown[] | undefined;
  unmetRequests?: unknown[] | undefined;
}): boolean {
  const { counted = 0, containers = 0, pounds = 0 } = input.collected ?? {};
  return (
    input.lines.length > 0 ||
    counted + containers + pounds > 0 ||
    (input.services ?? []).length > 0 ||
    (input.reversals ?? []).length > 0 ||
    (input.unmetRequests ?? []).length > 0
  );
}

function refineEncounter(
  input: Parameters<typeof refineEntry>[0] &
    Parameters<typeof recordsSomething>[0] & { contactOnly?: boolean | undefined },
  context: z.RefinementCtx,
): void {
  refineEntry(input, context);
  if (input.contactOnly !== true && !recordsSomething(input)) {
    context.addIssue({ code: 'custom', message: 'entry_empty', path: ['lines'] });
  }
}

/**
 * The form a new entry is saved from, a UUID the form makes when it opens (and anew after a save
 * or an undo): the same form saved twice is answered with its first save, never logged twice.
 */
const formKey = { formKey: id('form_key_invalid').optional() };

/**
 * Typed up from a paper form: the staff member written on it, who is the entry's staff member
 * (the person typing is kept as the author of its first revision and in the audit log). Absent:
 * the one saving. A staff member since deactivated is accepted: the form was theirs when written.
 */
const writtenBy = { staffId: id('staff_member_not_found').optional() };

const tallyShape = {
  ...fieldEntryShape,
  contacts: wholeNumber('contacts_invalid', 1, 100_000),
};

const correction = {
  id: id('entry_not_found'),
  /** The revision the person was looking at: a correction on top of a newer one is refused. */
  expectedRevision: wholeNumber('entry_changed_meanwhile', 1, 1_000_000),
  reason,
};

export const logEncounterInput = z
  .object({ ...encounterShape, ...formKey, ...writtenBy })
  .strict()
  .superRefine(refineEncounter);
export type LogEncounterInput = z.input<typeof logEncounterInput>;
export const correctEncounterInput = z
  .object({ ...encounterShape, ...correction })
  .strict()
  .superRefine(refineEncounter);
export type CorrectEncounterInput = z.input<typeof correctEncounterInput>;

export const logTallyInput = z
  .object({ ...tallyShape, ...formKey, ...writtenBy })
  .strict()
  .superRefine(refineEntry);
export type LogTallyInput = z.input<typeof logTallyInput>;
export const correctTallyInput = z
  .object({ ...tallyShape, ...correction })
  .strict()
  .superRefine(refineEntry);
export type CorrectTallyInput = z.input<typeof correctTallyInput>;

export const voidEntryInput = z.object({ id: id('entry_not_found'), reason }).strict();
export type VoidEntryInput = z.input<typeof voidEntryInput>;
/** Names one entry: to read it, or to undo it right after saving. */
export const entryIdInput = z.object({ id: id('entry_not_found') }).strict();

/**
 * Where a page of a list ends: the last entry shown, by its `occurredAt` (as entries return it, or
 * any ISO instant with an offset) and id. Kept in the stored form (UTC, milliseconds) and lower-case,
 * so comparing it with stored rows is comparing text. A finer instant than the millisecond is
 * refused: stored instants have none, so rounding it would move the cursor.
 */
export const entryCursor = z
  .object(
    {
      occurredAt: instant('cursor_invalid')
        .refine((text) => !/\.\d{3}\d*[1-9]/.test(text), 'cursor_invalid')
        .transform((text) => new Date(text).toISOString()),
      id: id('cursor_invalid').transform((text) => text.toLowerCase()),
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
    from: calendarDate().optional(),
    to: calendarDate().optional(),
    siteId: id('site_required').optional(),
    staffId: id('staff_not_found').optional(),
    itemId: id('item_required').optional(),
    participantCode: participantCode.optional(),
    includeVoided: z.boolean().optional(),
    limit: limit.optional(),
    /** Only entries after this one in the list order (older, or as old with a smaller id): the next page. */
    before: entryCursor.optional(),
  })
  .strict()
  .superRefine(refuseBackwardsRange);
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
  /** How the entry was taken back: voided with a reason, or undone right after saving. */
  voidKind: z.enum(voidKinds).nullable(),
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

/** One field as a correction found it and left it, with the values the entry shows. */
const fieldChange = <F extends string, V extends z.ZodType>(field: F, value: V) =>
  z.object({ field: z.literal(field), before: value, after: value });

export const entryFieldChangeOutput = z.discriminatedUnion('field', [
  fieldChange('occurredAt', z.string()),
  /** The day the entry counts on (YYYY-MM-DD in the program's zone): moved by a re-filing. */
  fieldChange('filedOn', z.string()),
  fieldChange('site', z.string()),
  /** The code the revision was logged under (null: an anonymous walk-in). */
  fieldChange('participant', z.string().nullable()),
  fieldChange('contactType', z.enum(contactTypes)),
  fieldChange('onBehalfOf', z.number().int()),
  fieldChange('contacts', z.number().int()),
  fieldChange('collectedCounted', z.number().int()),
  fieldChange('collectedContainers', z.number()),
  fieldChange('collectedPounds', z.number()),
  /** Names, in the order the entry lists them. */
  fieldChange('services', z.array(z.string())),
  fieldChange('reversals', entryOutputShape.reversals),
  fieldChange('unmetRequests', entryOutputShape.unmetRequests),
  fieldChange('note', z.string().nullable()),
]);
export type EntryFieldChange = z.infer<typeof entryFieldChangeOutput>;

const historyLine = z.object({ quantity: z.number().int(), lotNumber: z.string().nullable() });

/** One item's supply line before and after a correction: null where the revision had none of it. */
export const entryLineChangeOutput = z.object({
  itemId: z.string(),
  itemName: z.string(),
  before: historyLine.nullable(),
  after: historyLine.nullable(),
});
export type EntryLineChange = z.infer<typeof entryLineChangeOutput>;

export const historyEvents = ['logged', 'corrected', 'voided', 'undone'] as const;

/**
 * One step of an entry's life, oldest first: its first save, each correction (what it changed
 * from the revision before), and how it was taken back, if it was.
 */
export const entryHistoryEventOutput = z.object({
  event: z.enum(historyEvents),
  /** The revision the step made; null for a void or an undo, which make none. */
  revision: z.number().int().nullable(),
  at: z.string(),
  /** The staff member's display name. */
  by: z.string(),
  /** The reason given for a correction or a void; null for the first save and for an undo. */
  reason: z.string().nullable(),
  changes: z.array(entryFieldChangeOutput),
  lineChanges: z.array(entryLineChangeOutput),
});
export type EntryHistoryEvent = z.infer<typeof entryHistoryEventOutput>;

/** Outreach workers may correct or void their own recent entries; coordinators and admins any. */
const changeEntry = write(coordinatorRoles, { roles: ['outreach_worker'], rule: 'ownRecentEntry' });

/**
 * Undo takes back a save within this many minutes, by the person who made it. The field screen
 * offers it for ten seconds; the rest is room for a slow machine, never a second way to void.
 */
export const undoMinutes = 5;

export const fieldEntryChannels = {
  'encounters.log': { input: logEncounterInput, output: encounterOutput, access: write(fieldRoles) },
  'encounters.correct': { input: correctEncounterInput, output: encounterOutput, access: changeEntry },
  'encounters.void': { input: voidEntryInput, output: encounterOutput, access: changeEntry },
  'encounters.undo': { input: entryIdInput, output: encounterOutput, access: write(fieldRoles) },
  // Entries name participants by code: personal data, for the roles that log field work.
  'encounters.get': { input: entryIdInput, output: encounterOutput, access: read(fieldRoles) },
  'encounters.list': { input: listEntriesInput, output: z.array(encounterOutput), access: read(fieldRoles) },
  'encounters.history': { input: entryIdInput, output: z.array(entryHistoryEventOutput), access: read(fieldRoles) },
  'tallies.log': { input: logTallyInput, output: tallyOutput, access: write(fieldRoles) },
  'tallies.correct': { input: correctTallyInput, output: tallyOutput, access: changeEntry },
  'tallies.void': { input: voidEntryInput, output: tallyOutput, access: changeEntry },
  'tallies.undo': { input: entryIdInput, output: tallyOutput, access: write(fieldRoles) },
  'tallies.get': { input: entryIdInput, output: tallyOutput, access: read(fieldRoles) },
  'tallies.list': { input: listEntriesInput, output: z.array(tallyOutput), access: read(fieldRoles) },
  'tallies.history': { input: entryIdInput, output: z.array(entryHistoryEventOutput), access: read(fieldRoles) },
} as const;
