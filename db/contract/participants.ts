/**
 * Participants: anonymous codes, the builder that makes them from a program's formula, search
 * with near matches, and merges of two codes found to be the same person (undone by unmerges).
 */
import { z } from 'zod';
import { coordinatorRoles, fieldRoles, read, write } from './access';
import { id, limit, participantCode, reason } from './fields';
import { maxAnswerLength, normaliseCode } from './participant-codes';
import { participantCodeFormulas } from './vocabulary';

// The builder is pure, so the renderer can show the code as the answers are typed.
export {
  buildParticipantCode,
  codeFormulas,
  declinedDigit,
  declinedLetter,
  fitsFormula,
  genderOptions,
  normaliseCode,
  type CodeAnswers,
  type CodeFormula,
  type CodeQuestion,
} from './participant-codes';

const formula = z.enum(participantCodeFormulas, 'invalid_value');

/** Question id -> answer; null means the participant declined. Checked per formula by the builder. */
const answers = z.record(
  z.string(),
  z.string().max(maxAnswerLength, 'code_answer_too_long').nullable(),
  'invalid_value',
);

export const buildCodeInput = z
  .object({
    /** Absent: the program's formula. */
    formula: formula.optional(),
    answers,
  })
  .strict();
export type BuildCodeInput = z.input<typeof buildCodeInput>;

export const createParticipantInput = z
  .object({
    code: participantCode,
    /** Absent: the program's formula. */
    formula: formula.optional(),
    /** The code is taken by someone else ("not the same person"): add the first free suffix letter. */
    addSuffix: z.boolean('invalid_value').optional(),
  })
  .strict();
export type CreateParticipantInput = z.input<typeof createParticipantInput>;

export const searchParticipantsInput = z
  .object({
    query: z
      .string('participant_search_query_required')
      .max(200, 'participant_code_format')
      .transform(normaliseCode)
      .pipe(z.string().min(1, 'participant_search_query_required').max(32, 'participant_code_format')),
    limit: limit.optional(),
  })
  .strict();
export type SearchParticipantsInput = z.input<typeof searchParticipantsInput>;

export const getParticipantInput = z
  .object({ id: id('participant_not_found').optional(), code: participantCode.optional() })
  .strict()
  .superRefine((input, context) => {
    if ((input.id === undefined) === (input.code === undefined)) {
      context.addIssue({ code: 'custom', message: 'participant_id_or_code', path: ['code'] });
    }
  });
export type GetParticipantInput = z.input<typeof getParticipantInput>;

export const mergeParticipantsInput = z
  .object({
    /** The code found to be the same person as `intoCode`; it joins intoCode's group. */
    fromCode: participantCode,
    intoCode: participantCode,
    reason,
  })
  .strict();
export type MergeParticipantsInput = z.input<typeof mergeParticipantsInput>;

export const unmergeParticipantsInput = z.object({ mergeId: id('merge_not_found'), reason }).strict();
export type UnmergeParticipantsInput = z.input<typeof unmergeParticipantsInput>;

export const listMergesInput = z.object({ code: participantCode.optional(), limit: limit.optional() }).strict();
export type ListMergesInput = z.input<typeof listMergesInput>;

export const listDuplicatesInput = z
  .object({
    /** Only pairs that both visited this site. */
    siteId: id('site_not_found').optional(),
    limit: limit.optional(),
  })
  .strict();
export type ListDuplicatesInput = z.input<typeof listDuplicatesInput>;

const visitSummary = z.object({ occurredAt: z.string(), siteName: z.string() });
export type VisitSummary = z.infer<typeof visitSummary>;

/** The latest visit with what went out, so the UI can offer "same as last time". */
const lastVisit = z.object({
  entryId: z.string(),
  occurredAt: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  lines: z.array(z.object({ itemId: z.string(), itemName: z.string(), quantity: z.number().int() })),
});
export type LastVisit = z.infer<typeof lastVisit>;

export const buildCodeOutput = z.object({
  code: z.string(),
  formula,
  /** Someone already has this code: the UI asks "same person?" showing their last visit. */
  existing: z
    .object({
      participantId: z.string(),
      code: z.string(),
      /** The code the group is known by when this one was merged into another. */
      canonicalCode: z.string(),
      lastVisit: visitSummary.nullable(),
    })
    .nullable(),
});
export type BuiltCode = z.infer<typeof buildCodeOutput>;

export const createdParticipantOutput = z.object({
  participantId: z.string(),
  code: z.string(),
  formula,
  /** The suffix added because the code was taken, or null. */
  suffix: z.string().nullable(),
});
export type CreatedParticipant = z.infer<typeof createdParticipantOutput>;

export const searchResultOutput = z.object({
  participantId: z.string(),
  code: z.string(),
  canonicalCode: z.string(),
  match: z.enum(['exact', 'prefix', 'near']),
  /** Edits (typos, missing or extra characters, swapped neighbours) between the query and the code. */
  distance: z.number().int(),
  lastVisit: visitSummary.nullable(),
});
export type ParticipantSearchResult = z.infer<typeof searchResultOutput>;

export const participantOutput = z.object({
  participantId: z.string(),
  code: z.string(),
  formula,
  canonicalId: z.string(),
  canonicalCode: z.string(),
  /** The code this one was merged into (directly), or null. */
  mergedIntoCode: z.string().nullable(),
  /** The group's first visit, from its canonical participant. */
  firstSeenOn: z.string().nullable(),
  firstSeenSiteName: z.string().nullable(),
  lastVisit: lastVisit.nullable(),
  /** Encounters of the whole group. */
  visits: z.number().int(),
  /** Codes merged into the group's canonical code (every member but the canonical one). */
  members: z.array(z.string()),
});
export type Participant = z.infer<typeof participantOutput>;

export const mergeOutput = z.object({
  mergeId: z.string(),
  kind: z.enum(['merge', 'unmerge']),
  fromParticipantId: z.string(),
  fromCode: z.string(),
  intoParticipantId: z.string(),
  intoCode: z.string(),
  reason: z.string(),
  /** For an unmerge: the merge it undoes. */
  undoesMergeId: z.string().nullable(),
  /** For a merge: the unmerge that undid it, or null while it holds. */
  undoneById: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ParticipantMerge = z.infer<typeof mergeOutput>;

const duplicateSide = z.object({
  participantId: z.string(),
  code: z.string(),
  /** Encounters of the code's whole group (codes already merged into it included). */
  visits: z.number().int(),
  lastVisit: lastVisit.nullable(),
});
export type DuplicateSide = z.infer<typeof duplicateSide>;

export const duplicateOutput = z.object({
  /** The code seen more recently (at the chosen site, when the list is for one); `second` is the other. */
  first: duplicateSide,
  second: duplicateSide,
  /** Edits between the two codes, as the search measures them (a swapped pair of digits is one). */
  distance: z.number().int(),
  /** Sites where both codes have visits, by name. */
  sharedSites: z.array(z.object({ siteId: z.string(), siteName: z.string() })),
});
export type LikelyDuplicate = z.infer<typeof duplicateOutput>;

export const participantChannels = {
  // Codes are personal data: reading them needs a role that logs field work, as writing them does.
  'participants.buildCode': { input: buildCodeInput, output: buildCodeOutput, access: read(fieldRoles) },
  'participants.create': { input: createParticipantInput, output: createdParticipantOutput, access: write(fieldRoles) },
  'participants.search': {
    input: searchParticipantsInput,
    output: z.array(searchResultOutput),
    access: read(fieldRoles),
  },
  'participants.get': { input: getParticipantInput, output: participantOutput, access: read(fieldRoles) },
  // Merging decides whose history is whose: coordinators and admins, not every worker.
  'participants.merge': { input: mergeParticipantsInput, output: mergeOutput, access: write(coordinatorRoles) },
  'participants.unmerge': { input: unmergeParticipantsInput, output: mergeOutput, access: write(coordinatorRoles) },
  'participants.merges': { input: listMergesInput, output: z.array(mergeOutput), access: read(fieldRoles) },
  // The list puts two people's codes and visits side by side to decide a merge: the merging roles.
  'participants.duplicates': {
    input: listDuplicatesInput,
    output: z.array(duplicateOutput),
    access: read(coordinatorRoles),
  },
} as const;
