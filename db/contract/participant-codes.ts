/**
 * Anonymous participant codes: the questions each formula asks, and the code built from the
 * answers. Pure (no database): the renderer can build a code as it is typed, the core builds it
 * again before using it. Answers are never stored or logged, only the code.
 *
 * Declined answers (null) keep their place in the code so codes stay the same length:
 * - a letter becomes `X` (mother's first name declined: MA0785 -> XX0785);
 * - a digit becomes `0` (month `00`, day `00`, year `00` or `0000`); 0 is never a real month or
 *   day, so a declined month or day cannot be mistaken for an answer;
 * - the gender letter becomes `X` (the options never use X).
 * A name shorter than the letters asked for is padded with `X` the same way. A free code cannot be
 * declined: it is the code.
 */
import { errorMessages, OutpostError, type ErrorCode, type FieldIssue } from './errors';
import { type ParticipantCodeFormula } from './vocabulary';

export const declinedLetter = 'X';
export const declinedDigit = '0';
export const maxCodeLength = 32;
/** Longer answers are a mistake (or a paragraph); refused before any work. */
export const maxAnswerLength = 100;

export type CodeQuestionId =
  'gender' | 'chosenLetters' | 'motherFirstName' | 'lastName' | 'birthYear' | 'birthMonth' | 'birthDay' | 'code';

interface QuestionBase {
  id: CodeQuestionId;
  /** Characters this answer puts in the code (for `text`: at most). */
  length: number;
  declinable: boolean;
}

/** `first`: the first letters of a name (a shorter name is padded); `exact`: exactly `length` letters. */
export interface LettersQuestion extends QuestionBase {
  kind: 'letters';
  take: 'first' | 'exact';
}

/** A number from `min` to `max`, typed with one of `typedLengths` digits, written with `length` digits. */
export interface DigitsQuestion extends QuestionBase {
  kind: 'digits';
  min: number;
  max: number;
  typedLengths: readonly number[];
}

export interface ChoiceOption {
  /** The letter it puts in the code. */
  value: string;
  /** A stable name for the UI's label. */
  id: string;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: readonly ChoiceOption[];
}

export interface TextQuestion extends QuestionBase {
  kind: 'text';
}

export type CodeQuestion = LettersQuestion | DigitsQuestion | ChoiceQuestion | TextQuestion;

export interface CodeFormula {
  id: ParticipantCodeFormula;
  questions: readonly CodeQuestion[];
  /** A code this formula builds, for help text. */
  example: string;
}

export const genderOptions: readonly ChoiceOption[] = [
  { value: 'F', id: 'woman' },
  { value: 'M', id: 'man' },
  { value: 'T', id: 'trans' },
  { value: 'N', id: 'non_binary' },
  { value: 'O', id: 'another_gender' },
];

const yearOfBirth4: DigitsQuestion = {
  id: 'birthYear',
  kind: 'digits',
  length: 4,
  min: 1900,
  max: 2099,
  typedLengths: [4],
  declinable: true,
};

export const codeFormulas: Readonly<Record<ParticipantCodeFormula, CodeFormula>> = {
  gender_letters_year: {
    id: 'gender_letters_year',
    example: 'FABCD1985',
    questions: [
      { id: 'gender', kind: 'choice', length: 1, options: genderOptions, declinable: true },
      { id: 'chosenLetters', kind: 'letters', length: 4, take: 'exact', declinable: true },
      yearOfBirth4,
    ],
  },
  mother_month_year: {
    id: 'mother_month_year',
    example: 'MA0785',
    questions: [
      { id: 'motherFirstName', kind: 'letters', length: 2, take: 'first', declinable: true },
      { id: 'birthMonth', kind: 'digits', length: 2, min: 1, max: 12, typedLengths: [1, 2], declinable: true },
      // Typed as 85 or 1985; the code keeps the last two digits.
      { id: 'birthYear', kind: 'digits', length: 2, min: 0, max: 2099, typedLengths: [2, 4], declinable: true },
    ],
  },
  surname_mother_day: {
    id: 'surname_mother_day',
    example: 'SMA07',
    questions: [
      { id: 'lastName', kind: 'letters', length: 2, take: 'first', declinable: true },
      { id: 'motherFirstName', kind: 'letters', length: 1, take: 'first', declinable: true },
      { id: 'birthDay', kind: 'digits', length: 2, min: 1, max: 31, typedLengths: [1, 2], declinable: true },
    ],
  },
  free: {
    id: 'free',
    example: 'RIVER-22',
    questions: [{ id: 'code', kind: 'text', length: maxCodeLength, declinable: false }],
  },
};

export type CodeAnswers = Readonly<Record<string, string | null | undefined>>;

/** Letters that do not decompose into a base letter and an accent. */
const specialLetters: Readonly<Record<string, string>> = { Æ: 'AE', Œ: 'OE', Ø: 'O', Ł: 'L', Đ: 'D', Þ: 'TH', Ð: 'D' };

function withoutAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[ÆŒØŁĐÞÐ]/g, (letter) => specialLetters[letter] ?? letter);
}

/** Upper-case letters A–Z of `text`, accents stripped (María -> MARIA), everything else dropped. */
export function lettersOf(text: string): string {
  return withoutAccents(text).replace(/[^A-Z]/g, '');
}

/** `text` as a code is written: accents stripped, upper-case, only A–Z, 0–9 and dashes. */
export function normaliseCode(text: string): string {
  return withoutAccents(text).replace(/[^A-Z0-9-]/g, '');
}

export const codePattern = /^[A-Z0-9][A-Z0-9-]{0,31}$/;

type Read = { part: string } | { issue: ErrorCode };

function readLetters(question: LettersQuestion, answer: string): Read {
  const letters = lettersOf(answer);
  if (letters.length === 0) return { issue: 'code_letters_invalid' };
  if (question.take === 'exact') {
    return letters.length === question.length ? { part: letters } : { issue: 'code_letters_count' };
  }
  return { part: letters.slice(0, question.length).padEnd(question.length, declinedLetter) };
}

function digitsIssue(question: DigitsQuestion): ErrorCode {
  if (question.id === 'birthMonth') return 'code_month_invalid';
  if (question.id === 'birthDay') return 'code_day_invalid';
  return question.length === 4 ? 'code_year_invalid' : 'code_year_short_invalid';
}

function readDigits(question: DigitsQuestion, answer: string): Read {
  const typed = answer.trim();
  if (!/^\d+$/.test(typed) || !question.typedLengths.includes(typed.length)) return { issue: digitsIssue(question) };
  const value = Number(typed);
  // A 4-digit year typed for a 2-digit question must still be a plausible year.
  const min = typed.length === 4 ? Math.max(question.min, yearOfBirth4.min) : question.min;
  if (value < min || value > question.max) return { issue: digitsIssue(question) };
  return { part: String(value).padStart(question.length, '0').slice(-question.length) };
}

function readChoice(question: ChoiceQuestion, answer: string): Read {
  const value = answer.trim().toUpperCase();
  const option = question.options.find(
    (candidate) => candidate.value === value || candidate.id.toUpperCase() === value,
  );
  return option ? { part: option.value } : { issue: 'code_choice_invalid' };
}

function readText(answer: string): Read {
  const code = normaliseCode(answer);
  if (code.length === 0) return { issue: 'code_required' };
  return codePattern.test(code) ? { part: code } : { issue: 'participant_code_format' };
}

function declined(question: CodeQuestion): string {
  const filler = question.kind === 'digits' ? declinedDigit : declinedLetter;
  return filler.repeat(question.length);
}

function readAnswer(question: CodeQuestion, answer: string | null | undefined): Read {
  if (answer === undefined) return { issue: 'code_answer_missing' };
  if (answer === null) return question.declinable ? { part: declined(question) } : { issue: 'code_required' };
  if (answer.length > maxAnswerLength) return { issue: 'code_answer_too_long' };
  switch (question.kind) {
    case 'letters':
      return readLetters(question, answer);
    case 'digits':
      return readDigits(question, answer);
    case 'choice':
      return readChoice(question, answer);
    case 'text':
      return readText(answer);
  }
}

/**
 * The code for `answers` (question id -> answer, null = declined). Throws an OutpostError naming
 * every bad answer (`answers.<questionId>`); the error never repeats what was answered.
 */
export function buildParticipantCode(formula: ParticipantCodeFormula, answers: CodeAnswers): string {
  const { questions } = codeFormulas[formula];
  const issues: FieldIssue[] = [];
  const parts: string[] = [];
  for (const question of questions) {
    const read = readAnswer(question, answers[question.id]);
    if ('issue' in read) issues.push(fieldIssue(read.issue, `answers.${question.id}`));
    else parts.push(read.part);
  }
  const known = new Set<string>(questions.map((question) => question.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) issues.push(fieldIssue('unknown_field', `answers.${key}`));
  }
  const [first] = issues;
  if (first) throw new OutpostError(first.code, { field: first.field ?? 'answers', issues });
  return parts.join('');
}

function fieldIssue(code: ErrorCode, field: string): FieldIssue {
  return { code, message: errorMessages[code], field };
}

function partFits(question: CodeQuestion, part: string): boolean {
  switch (question.kind) {
    case 'letters':
      return /^[A-Z]+$/.test(part);
    case 'choice':
      return part === declinedLetter || question.options.some((option) => option.value === part);
    case 'digits': {
      if (!/^\d+$/.test(part)) return false;
      const value = Number(part);
      // All zeros is a declined answer; a 4-digit year is a plausible one, a 2-digit year any two digits.
      const min = question.length === 4 ? Math.max(question.min, yearOfBirth4.min) : question.min;
      return value === 0 || (value >= min && value <= question.max);
    }
    case 'text':
      return codePattern.test(part);
  }
}

/**
 * Whether `code` is one `formula` builds, a suffix letter or two (B, ..., ZZ) allowed after it:
 * MA0785 and MA0785B fit mother_month_year, ZZ and MA1385 do not. A free code is any code.
 */
export function fitsFormula(code: string, formula: ParticipantCodeFormula): boolean {
  if (formula === 'free') return codePattern.test(code);
  let at = 0;
  for (const question of codeFormulas[formula].questions) {
    const part = code.slice(at, at + question.length);
    if (part.length !== question.length || !partFits(question, part)) return false;
    at += question.length;
  }
  return /^[A-Z]{0,2}$/.test(code.slice(at));
}

/**
 * Suffixes for a code already taken by someone else: B, C, ... Z (the first holder is "A"), then
 * AA, AB, ... ZZ.
 */
export function* codeSuffixes(): Generator<string> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const letter of alphabet.slice(1)) yield letter;
  for (const first of alphabet) for (const second of alphabet) yield first + second;
}

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions: MA0785 vs
 * MA0758 is 1), or `max + 1` as soon as it is known to exceed `max`. Bounded so a search can
 * compare a query with tens of thousands of codes quickly: only cells within `max` of the
 * diagonal can be within `max`, so only those are computed, and a row all over `max` stops it.
 */
export function codeDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const over = max + 1;
  ensureRows(b.length + 1);
  let twoUp = rowA;
  let up = rowB;
  let row = rowC;
  for (let j = 0; j <= b.length; j += 1) up[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i += 1) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    row[0] = Math.min(i, over);
    row[from - 1] = from === 1 ? row[0] : over;
    let rowMin = from === 1 ? row[0] : over;
    const charA = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j += 1) {
      const charB = b.charCodeAt(j - 1);
      let value = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (charA === charB ? 0 : 1));
      if (i > 1 && j > 1 && charA === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === charB) {
        value = Math.min(value, twoUp[j - 2]! + 1);
      }
      if (value > over) value = over;
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // Outside the band every cell is over `max`; the next row reads one cell past this band.
    if (to < b.length) row[to + 1] = over;
    // A cell is never below the smallest of the row above it (or, by transposition, two above).
    if (rowMin > max) return over;
    const spare = twoUp;
    twoUp = up;
    up = row;
    row = spare;
  }
  return Math.min(up[b.length]!, over);
}

/** Three reusable rows: a search compares one query with every code, so nothing is allocated per code. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureRows(width: number): void {
  if (rowA.length >= width) return;
  rowA = new Int32Array(width);
  rowB = new Int32Array(width);
  rowC = new Int32Array(width);
}

/** Near matches allow one typo in a short query, two from 6 characters (a whole code). */
export function nearMatchLimit(query: string): number {
  return query.length >= 6 ? 2 : 1;
}
