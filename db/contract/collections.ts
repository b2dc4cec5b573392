/**
 * Collections: used syringes collected where no encounter took them, emptied from a kiosk or a
 * drop box, or picked up on a community sweep. They count in "syringes collected" like any
 * return: counted, or estimated from containers and weight with the program's factors as they
 * were when the collection was saved. Corrected by new revisions and voided with a reason;
 * nothing is deleted.
 */
import { z } from 'zod';
import { coordinatorRoles, fieldRoles, read, write } from './access';
import { collectedInput } from './field-entries';
import { calendarDate, id, limit, note, reason, refuseBackwardsRange, wholeNumber } from './fields';
import { collectionSources } from './vocabulary';

export { estimatedSyringes } from './field-entries';

/** What a collection records; its day is the one it was collected, as typed (no instant, no time zone). */
const collectionShape = {
  siteId: id('site_required'),
  collectedOn: calendarDate('date_invalid'),
  source: z.enum(collectionSources, 'invalid_value'),
  collected: collectedInput,
  note,
};

/** Counted, or containers and weight: both at once would count the same syringes twice. */
function refineCollection(
  input: { collected: { counted?: number | undefined; containers?: number | undefined; pounds?: number | undefined } },
  context: z.RefinementCtx,
): void {
  const { counted = 0, containers = 0, pounds = 0 } = input.collected;
  if (counted + containers + pounds === 0) {
    context.addIssue({ code: 'custom', message: 'collection_empty', path: ['collected', 'counted'] });
  } else if (counted > 0 && containers + pounds > 0) {
    context.addIssue({ code: 'custom', message: 'collection_counted_or_estimated', path: ['collected', 'counted'] });
  }
}

export const logCollectionInput = z
  .object({
    ...collectionShape,
    /** The form it is saved from (a UUID made anew after each save): saved twice, it is logged once. */
    formKey: id('form_key_invalid').optional(),
  })
  .strict()
  .superRefine(refineCollection);
export type LogCollectionInput = z.input<typeof logCollectionInput>;

export const correctCollectionInput = z
  .object({
    ...collectionShape,
    id: id('collection_not_found'),
    /** The revision the person was looking at: a correction on top of a newer one is refused. */
    expectedRevision: wholeNumber('entry_changed_meanwhile', 1, 1_000_000),
    reason,
  })
  .strict()
  .superRefine(refineCollection);
export type CorrectCollectionInput = z.input<typeof correctCollectionInput>;

export const voidCollectionInput = z.object({ id: id('collection_not_found'), reason }).strict();
export type VoidCollectionInput = z.input<typeof voidCollectionInput>;

export const collectionIdInput = z.object({ id: id('collection_not_found') }).strict();

/** Where a page ends: the last collection shown, by its day and id. */
export const collectionCursor = z
  .object({ collectedOn: calendarDate('cursor_invalid'), id: id('cursor_invalid') }, 'cursor_invalid')
  .strict();

export const listCollectionsInput = z
  .object({
    siteId: id('site_required').optional(),
    from: calendarDate().optional(),
    to: calendarDate().optional(),
    includeVoided: z.boolean('invalid_value').optional(),
    limit: limit.optional(),
    /** Only collections after this one in the list order (an earlier day, or the same day logged earlier). */
    before: collectionCursor.optional(),
  })
  .strict()
  .superRefine(refuseBackwardsRange);
export type ListCollectionsInput = z.input<typeof listCollectionsInput>;

export const collectionOutput = z.object({
  id: z.string(),
  status: z.enum(['active', 'voided']),
  revision: z.number().int(),
  siteId: z.string(),
  siteName: z.string(),
  collectedOn: z.string(),
  source: z.enum(collectionSources),
  collected: z.object({
    counted: z.number().int(),
    containers: z.number(),
    pounds: z.number(),
    estimated: z.number().int(),
    total: z.number().int(),
  }),
  /** The factors the estimate was made with, as they were when this revision was saved. */
  syringesPerContainer: z.number(),
  syringesPerPound: z.number(),
  note: z.string().nullable(),
  loggedBy: z.string(),
  loggedAt: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
  changeReason: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type Collection = z.infer<typeof collectionOutput>;

/** As for field entries: outreach workers correct or void their own recent collections; coordinators and admins any. */
const changeCollection = write(coordinatorRoles, { roles: ['outreach_worker'], rule: 'ownRecentCollection' });

export const collectionChannels = {
  'collections.log': { input: logCollectionInput, output: collectionOutput, access: write(fieldRoles) },
  'collections.correct': { input: correctCollectionInput, output: collectionOutput, access: changeCollection },
  'collections.void': { input: voidCollectionInput, output: collectionOutput, access: changeCollection },
  // A collection names no participant: read by the roles that log field work, like the rest of it.
  'collections.get': { input: collectionIdInput, output: collectionOutput, access: read(fieldRoles) },
  'collections.list': {
    input: listCollectionsInput,
    output: z.array(collectionOutput),
    access: read(fieldRoles),
  },
} as const;
