/**
 * The field schemas every channel is built from, so each rule is written once: participant codes,
 * calendar dates and instants (real calendar checks), names and free text (no control characters,
 * never blank once invisible characters are gone), reasons, ids, list inputs and whole numbers.
 * Each refusal carries an error code (the schema's message), so a form marks the field at fault.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar';
import type { ErrorCode } from './errors';
import { codePattern } from './participant-codes';

// ---- Text ----

/** Control characters (tabs and line breaks aside): pasted from elsewhere, never meant. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const lineBreakOrTab = /[\t\n\r]/;
/** White space and the characters that print as nothing (zero-width spaces and joiners, BOM, soft hyphen). */
const invisibleCharacters = /[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/gu;

/** True when nothing would show: empty, spaces, or only invisible characters. */
export function isBlank(text: string): boolean {
  return text.replace(invisibleCharacters, '').length === 0;
}

interface TextRules {
  required: ErrorCode;
  tooLong: ErrorCode;
  invalid: ErrorCode;
  max: number;
  /** Notes and reasons may run over several lines; names may not. */
  multiline?: boolean;
}

function textProblem(text: string, rules: TextRules): ErrorCode | null {
  if (isBlank(text)) return rules.required;
  if (controlCharacter.test(text) || (!rules.multiline && lineBreakOrTab.test(text))) return rules.invalid;
  if (text.length > rules.max) return rules.tooLong;
  return null;
}

/** Trimmed text that must show something; one refusal per field, the first that applies. */
function requiredText(rules: TextRules) {
  return z
    .string(rules.required)
    .trim()
    .superRefine((text, context) => {
      const problem = textProblem(text, rules);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });
}

/** A name of a site, item, staff member, preset or program: one line, up to `max` characters. */
export function name(max: number, tooLong: ErrorCode = 'name_too_long') {
  return requiredText({ required: 'name_required', tooLong, invalid: 'name_invalid', max });
}

/** A short label that must be given (an item's unit). */
export function label(max: number, codes: { required: ErrorCode; tooLong: ErrorCode }) {
  return requiredText({ ...codes, invalid: 'text_invalid', max });
}

/** The longest note and reason: the form counts towards it and refuses past it, never cutting. */
export const noteLimit = 500;
export const reasonLimit = 500;

/** Why a record is corrected, voided or merged: required, up to `reasonLimit` characters. */
export const reason = requiredText({
  required: 'reason_required',
  tooLong: 'reason_too_long',
  invalid: 'text_invalid',
  max: reasonLimit,
  multiline: true,
});

/** Optional text: absent, null, empty or blank all mean "none" (stored as null). */
export function optionalText(max: number, tooLong: ErrorCode, options: { multiline?: boolean } = {}) {
  return z
    .string(tooLong)
    .trim()
    .nullish()
    .superRefine((text, context) => {
      if (!text || isBlank(text)) return;
      const problem = textProblem(text, { required: tooLong, tooLong, invalid: 'text_invalid', max, ...options });
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .transform((text) => (text && !isBlank(text) ? text : null));
}

/** A free-text note on a record, with the reminder in the UI to leave out anything identifying. */
export const note = optionalText(noteLimit, 'note_too_long', { multiline: true });

// ---- Participant codes ----

/**
 * A code as stored: upper-case letters, digits and dashes, starting with a letter or digit, at
 * most 32 characters (the table's CHECK says the same).
 */
export const participantCode = z.string('participant_code_format').trim().toUpperCase().regex(codePattern, {
  message: 'participant_code_format',
});

// ---- Dates and instants ----

/** A real calendar date written YYYY-MM-DD (2026-02-30 and 2026-13-01 are refused). */
export function calendarDate(code: ErrorCode = 'date_invalid') {
  return z.string(code).refine(isIsoDate, code);
}

/** An instant with its offset (2026-11-22T10:15:00-08:00) on a real calendar date. */
export function instant(code: ErrorCode = 'occurred_at_invalid') {
  // abort: a text that is no instant at all gets one refusal, not a second for its calendar date.
  return z.iso
    .datetime({ offset: true, error: code, abort: true })
    .refine((text) => isIsoDate(text.slice(0, 10)), code);
}

// ---- Files ----

/** How an opaque file handle looks: what a host hands out for a file someone chose, never a path. */
export const fileHandlePattern = /^file:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A file someone chose (an OS dialog, an upload), as the handle the host gave for it. A path typed
 * in, absolute or relative, is refused: the core reads and writes only files it was handed.
 */
export const fileHandle = handleField();

/** A place someone chose for a file the core writes: a file to save as, or a folder to write into. */
export const outputFile = handleField();

function handleField() {
  return z.string('file_handle_invalid').regex(fileHandlePattern, 'file_handle_invalid');
}

/**
 * Whether `name` is a file's own name on every system Outpost runs on: no folder in it, none of
 * the characters Windows refuses, no control characters, and not hidden (so never `..`).
 */
export function isPlainFileName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 200 &&
    !name.startsWith('.') &&
    ![...name].some((character) => character < ' ' || character === '\u007f' || '/\\:<>"|?*'.includes(character))
  );
}

/** The name offered for a file about to be written; the person may change it in the dialog. */
export const fileName = z.string('file_name_invalid').trim().refine(isPlainFileName, 'file_name_invalid');

// ---- Ids, lists and numbers ----

/** A record's id; a malformed one is refused with the code for "no such record". */
export function id(code: ErrorCode) {
  return z.uuid(code);
}

/** A whole number from `min` to `max`; every way of getting it wrong gives the one code. */
export function wholeNumber(code: ErrorCode, min: number, max: number) {
  return z.number(code).int(code).min(min, code).max(max, code);
}

/** How many rows a list returns at most. */
export const limit = wholeNumber('limit_invalid', 1, 500);

/** Lists of records that can be deactivated show the active ones unless asked. */
export const includeInactive = z.boolean('invalid_value').optional();
export const listRecordsInput = z.object({ includeInactive }).strict();

/**
 * A list's date range the wrong way round, refused at its end rather than answered with nothing, so
 * the person learns the range is backwards, not that nobody came. YYYY-MM-DD dates compare as text.
 */
export function refuseBackwardsRange(
  input: { from?: string | undefined; to?: string | undefined },
  context: z.RefinementCtx,
): void {
  if (input.from !== undefined && input.to !== undefined && input.from > input.to)
    context.addIssue({ code: 'custom', message: 'date_range_backwards', path: ['to'] });
}

/** Where a record sits in a list the program orders by hand. */
export const sortOrder = wholeNumber('sort_order_invalid', -100_000, 100_000);

export const maxQuantity = 10_000;

/** Units of an item on a supply line (an encounter's, a preset's, an unmet request's). */
export const quantity = z
  .number('quantity_invalid')
  .int('quantity_whole')
  .min(1, 'quantity_positive')
  .max(maxQuantity, 'quantity_too_large');

export const noInput = z.object({}).strict();

/** Marks every element of `list` whose key came earlier in it with `code`, at the path `at` gives. */
export function refuseRepeats<T>(
  list: readonly T[],
  key: (element: T) => string,
  context: z.RefinementCtx,
  code: ErrorCode,
  at: (index: number) => PropertyKey[],
): void {
  const seen = new Set<string>();
  list.forEach((element, index) => {
    const value = key(element);
    if (seen.has(value)) context.addIssue({ code: 'custom', message: code, path: at(index) });
    seen.add(value);
  });
}
