/**
 * Count sessions: the shelf at a site as it stood at one moment, counted line by line and posted
 * as corrections to the ledger. Field staff start counts and enter what they count; coordinators
 * post or cancel them.
 */
import { z } from 'zod';
import { coordinatorRoles, everyRole, fieldRoles, read, write } from './access';
import { calendarDate, id, instant, note, optionalText, reason, wholeNumber } from './fields';
import { itemCategories, movementKinds, movementSources } from './vocabulary';

export const countScopes = ['site', 'category', 'lot'] as const;
export type CountScope = (typeof countScopes)[number];

export const countStatuses = ['open', 'posted', 'cancelled'] as const;
export type CountStatus = (typeof countStatuses)[number];

/** The most a shelf line can hold, as count_entries allows. */
export const maxCountedUnits = 10_000_000;

export const startCountInput = z
  .object({
    siteId: id('site_required'),
    /** Every item the site holds or has held and the common ones; one category; or one lot. */
    scope: z.enum(countScopes, 'count_scope_invalid'),
    category: z.enum(itemCategories, 'count_category_required').optional(),
    lotId: id('count_lot_required').optional(),
    /** The moment the shelf is counted as of, with its offset; absent: now. Never in the future. */
    countedAt: instant('occurred_at_invalid').optional(),
    note,
    formKey: id('form_key_invalid').optional(),
  })
  .strict()
  .superRefine((count, context) => {
    if (count.scope === 'category' && count.category === undefined)
      context.addIssue({ code: 'custom', message: 'count_category_required', path: ['category'] });
    if (count.scope !== 'category' && count.category !== undefined)
      context.addIssue({ code: 'custom', message: 'count_scope_mismatch', path: ['category'] });
    if (count.scope === 'lot' && count.lotId === undefined)
      context.addIssue({ code: 'custom', message: 'count_lot_required', path: ['lotId'] });
    if (count.scope !== 'lot' && count.lotId !== undefined)
      context.addIssue({ code: 'custom', message: 'count_scope_mismatch', path: ['lotId'] });
  });
export type StartCountInput = z.input<typeof startCountInput>;

/** A line found on the shelf that the count did not list: an item, and its lot when tracked by lot. */
export const addCountLineInput = z
  .object({
    countId: id('count_not_found'),
    itemId: id('item_required'),
    /** A lot already recorded; or lotNumber and expiresOn for one that is not (as on a receipt). */
    lotId: id('lot_not_found').optional(),
    lotNumber: optionalText(60, 'lot_number_too_long').transform((value) => value?.toUpperCase() ?? null),
    expiresOn: calendarDate()
      .nullish()
      .transform((value) => value ?? null),
  })
  .strict()
  .superRefine((line, context) => {
    if (line.lotId !== undefined && (line.lotNumber !== null || line.expiresOn !== null))
      context.addIssue({ code: 'custom', message: 'count_lot_or_new_lot', path: ['lotNumber'] });
  });
export type AddCountLineInput = z.input<typeof addCountLineInput>;

/**
 * What a line holds: packs (x the item's units per pack) and loose units, added together; at least
 * one of the two. Zero is a count (the shelf is empty).
 */
export const enterCountInput = z
  .object({
    countId: id('count_not_found'),
    line: wholeNumber('count_line_unknown', 1, 1_000_000),
    packs: wholeNumber('counted_invalid', 0, maxCountedUnits).optional(),
    units: wholeNumber('counted_invalid', 0, maxCountedUnits).optional(),
  })
  .strict()
  .superRefine((entry, context) => {
    if (entry.packs === undefined && entry.units === undefined)
      context.addIssue({ code: 'custom', message: 'counted_required', path: ['units'] });
  });
export type EnterCountInput = z.input<typeof enterCountInput>;

export const countEntryOutput = z.object({
  countId: z.string(),
  line: z.number().int(),
  counted: z.number().int(),
  countedAt: z.string(),
  countedBy: z.string(),
});
export type CountEntry = z.infer<typeof countEntryOutput>;

export const postCountInput = z.object({ countId: id('count_not_found'), note }).strict();
export type PostCountInput = z.input<typeof postCountInput>;

export const cancelCountInput = z.object({ countId: id('count_not_found'), reason }).strict();
export type CancelCountInput = z.input<typeof cancelCountInput>;

export const countsInput = z
  .object({
    siteId: id('site_not_found').optional(),
    status: z.enum(countStatuses, 'invalid_value').optional(),
    limit: wholeNumber('limit_invalid', 1, 500).optional(),
  })
  .strict();
export type CountsInput = z.input<typeof countsInput>;

export const countInput = z.object({ countId: id('count_not_found') }).strict();
export type CountInput = z.input<typeof countInput>;

const countHeader = {
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  scope: z.enum(countScopes),
  category: z.enum(itemCategories).nullable(),
  lotNumber: z.string().nullable(),
  /** The moment the shelf is counted as of. */
  countedAt: z.string(),
  localDate: z.string(),
  note: z.string().nullable(),
  status: z.enum(countStatuses),
  startedBy: z.string(),
  startedAt: z.string(),
};

export const countSummaryOutput = z.object({
  ...countHeader,
  lines: z.number().int(),
  countedLines: z.number().int(),
  /** Movements dated before the count that arrived after it was posted, each offset by a correction. */
  reviews: z.number().int(),
});
export type CountSummary = z.infer<typeof countSummaryOutput>;

export const countOutput = z.object({
  ...countHeader,
  /** Posted or cancelled: when, by whom, with what note or reason. */
  closed: z
    .object({ kind: z.enum(['posted', 'cancelled']), at: z.string(), by: z.string(), note: z.string().nullable() })
    .nullable(),
  lines: z.array(
    z.object({
      line: z.number().int(),
      itemId: z.string(),
      itemName: z.string(),
      category: z.enum(itemCategories),
      unit: z.string(),
      unitsPerPack: z.number().int(),
      tracksLots: z.boolean(),
      /** Null: stock held without a lot (for an item tracked by lot, units handed out that no lot had). */
      lotId: z.string().nullable(),
      lotNumber: z.string().nullable(),
      expiresOn: z.string().nullable(),
      /** Units, as last entered; null until the line is counted. */
      counted: z.number().int().nullable(),
      countedAt: z.string().nullable(),
      countedBy: z.string().nullable(),
      /**
       * The ledger's balance at the count's moment: live while the count is open or cancelled, as
       * it was at posting once posted (counted less the correction posted).
       */
      expected: z.number().int(),
      /** Counted less expected; null until counted. Posted: the correction appended. */
      difference: z.number().int().nullable(),
    }),
  ),
  /**
   * Movements dated at or before the count's moment that were written after it: those that came
   * while the count was open are in its expected figures; those after posting were each offset by
   * a correction at the count's moment (`offset`), so what was counted stands.
   */
  arrivedLate: z.array(
    z.object({
      line: z.number().int(),
      occurredAt: z.string(),
      arrivedAt: z.string(),
      kind: z.enum(movementKinds),
      reversal: z.boolean(),
      source: z.object({ type: z.enum(movementSources), id: z.string().nullable() }),
      units: z.number().int(),
      offset: z.boolean(),
    }),
  ),
});
export type Count = z.infer<typeof countOutput>;

export const countChannels = {
  'inventory.startCount': { input: startCountInput, output: countOutput, access: write(fieldRoles) },
  'inventory.addCountLine': { input: addCountLineInput, output: countOutput, access: write(fieldRoles) },
  'inventory.enterCount': { input: enterCountInput, output: countEntryOutput, access: write(fieldRoles) },
  'inventory.postCount': { input: postCountInput, output: countOutput, access: write(coordinatorRoles) },
  'inventory.cancelCount': { input: cancelCountInput, output: countOutput, access: write(coordinatorRoles) },
  'inventory.counts': { input: countsInput, output: z.array(countSummaryOutput), access: read(everyRole) },
  'inventory.count': { input: countInput, output: countOutput, access: read(everyRole) },
} as const;
