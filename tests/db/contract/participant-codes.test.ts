import { describe, expect, it } from 'vitest';
import { OutpostError } from '../../../db/contract/errors';
import {
  buildParticipantCode,
  codeDistance,
  codeFormulas,
  codeSuffixes,
  lettersOf,
  nearMatchLimit,
  normaliseCode,
  type CodeAnswers,
} from '../../../db/contract/participant-codes';
import { participantCodeFormulas, type ParticipantCodeFormula } from '../../../db/contract/vocabulary';

function refusal(formula: ParticipantCodeFormula, answers: CodeAnswers): OutpostError {
  try {
    buildParticipantCode(formula, answers);
  } catch (error) {
    expect(error).toBeInstanceOf(OutpostError);
    return error as OutpostError;
  }
  throw new Error('expected the answers to be refused');
}

function issuesOf(formula: ParticipantCodeFormula, answers: CodeAnswers): { code: string; field?: string }[] {
  return refusal(formula, answers).issues.map(({ code, field }) => ({
    code,
    ...(field === undefined ? {} : { field }),
  }));
}

describe('the formulas the builder asks', () => {
  it('describes every formula of the schema, with questions the UI can ask', () => {
    expect(Object.keys(codeFormulas).sort()).toEqual([...participantCodeFormulas].sort());
    expect(codeFormulas.mother_month_year.questions.map(({ id, kind, length }) => ({ id, kind, length }))).toEqual([
      { id: 'motherFirstName', kind: 'letters', length: 2 },
      { id: 'birthMonth', kind: 'digits', length: 2 },
      { id: 'birthYear', kind: 'digits', length: 2 },
    ]);
    const gender = codeFormulas.gender_letters_year.questions[0]!;
    expect(gender.kind).toBe('choice');
    if (gender.kind === 'choice') expect(gender.options.map((option) => option.value)).not.toContain('X');
  });

  it('builds each formula its documented example', () => {
    expect(
      buildParticipantCode('mother_month_year', { motherFirstName: 'Martha', birthMonth: '7', birthYear: '1985' }),
    ).toBe('MA0785');
    expect(buildParticipantCode('gender_letters_year', { gender: 'F', chosenLetters: 'abcd', birthYear: '1985' })).toBe(
      'FABCD1985',
    );
    expect(
      buildParticipantCode('surname_mother_day', { lastName: 'Smith', motherFirstName: 'Ana', birthDay: '7' }),
    ).toBe('SMA07');
    expect(buildParticipantCode('free', { code: ' river-22 ' })).toBe('RIVER-22');
    for (const formula of participantCodeFormulas)
      expect(codeFormulas[formula].example).toMatch(/^[A-Z0-9][A-Z0-9-]*$/);
  });

  it('upper-cases, strips accents and ignores anything that is not a letter', () => {
    const cases: [Parameters<typeof buildParticipantCode>[0], Record<string, string>, string][] = [
      ['mother_month_year', { motherFirstName: 'María', birthMonth: '07', birthYear: '85' }, 'MA0785'],
      ['mother_month_year', { motherFirstName: 'Ángela', birthMonth: '12', birthYear: '01' }, 'AN1201'],
      ['surname_mother_day', { lastName: "O'Neil", motherFirstName: ' élise', birthDay: '31' }, 'ONE31'],
      ['surname_mother_day', { lastName: 'Øster', motherFirstName: 'Zoë', birthDay: '1' }, 'OSZ01'],
    ];
    for (const [formula, answers, code] of cases) expect(buildParticipantCode(formula, answers)).toBe(code);
    expect(lettersOf('Jean-François Æsir')).toBe('JEANFRANCOISAESIR');
    expect(normaliseCode(' ma 07-85é ')).toBe('MA07-85E');
  });

  it('uses the documented placeholders for declined answers', () => {
    expect(
      buildParticipantCode('mother_month_year', { motherFirstName: null, birthMonth: null, birthYear: null }),
    ).toBe('XX0000');
    expect(
      buildParticipantCode('mother_month_year', { motherFirstName: 'Maria', birthMonth: null, birthYear: '85' }),
    ).toBe('MA0085');
    expect(buildParticipantCode('gender_letters_year', { gender: null, chosenLetters: null, birthYear: null })).toBe(
      'XXXXX0000',
    );
    expect(buildParticipantCode('surname_mother_day', { lastName: 'Li', motherFirstName: null, birthDay: null })).toBe(
      'LIX00',
    );
  });

  it('pads a name shorter than the letters asked for with X', () => {
    expect(buildParticipantCode('mother_month_year', { motherFirstName: 'O', birthMonth: '3', birthYear: '90' })).toBe(
      'OX0390',
    );
  });

  it('accepts a gender by its letter or its option name, in any case', () => {
    const answers = { chosenLetters: 'WXYZ', birthYear: '2001' };
    expect(buildParticipantCode('gender_letters_year', { ...answers, gender: 'n' })).toBe('NWXYZ2001');
    expect(buildParticipantCode('gender_letters_year', { ...answers, gender: 'woman' })).toBe('FWXYZ2001');
  });
});

describe('answers the builder refuses', () => {
  it.each([
    ['13', 'code_month_invalid'],
    ['0', 'code_month_invalid'],
    ['00', 'code_month_invalid'],
    ['007', 'code_month_invalid'],
    ['July', 'code_month_invalid'],
    ['', 'code_month_invalid'],
  ])('refuses the month %j instead of building a code', (birthMonth, code) => {
    expect(issuesOf('mother_month_year', { motherFirstName: 'Ma', birthMonth, birthYear: '85' })).toEqual([
      { code, field: 'answers.birthMonth' },
    ]);
  });

  it.each([
    ['1850', 'code_year_invalid'],
    ['2100', 'code_year_invalid'],
    ['85', 'code_year_invalid'],
    ['19 85', 'code_year_invalid'],
  ])('refuses the 4-digit year %j', (birthYear, code) => {
    expect(issuesOf('gender_letters_year', { gender: 'M', chosenLetters: 'ABCD', birthYear })).toEqual([
      { code, field: 'answers.birthYear' },
    ]);
  });

  it.each(['5', '123', '1850', 'abc'])('refuses the 2-digit year %j', (birthYear) => {
    expect(issuesOf('mother_month_year', { motherFirstName: 'Ma', birthMonth: '1', birthYear })).toEqual([
      { code: 'code_year_short_invalid', field: 'answers.birthYear' },
    ]);
  });

  it.each(['0', '32', '-1', '1.5'])('refuses the day %j', (birthDay) => {
    expect(issuesOf('surname_mother_day', { lastName: 'Li', motherFirstName: 'A', birthDay })).toEqual([
      { code: 'code_day_invalid', field: 'answers.birthDay' },
    ]);
  });

  it('refuses a name with no letters, chosen letters of the wrong count and an unknown gender', () => {
    expect(issuesOf('mother_month_year', { motherFirstName: '42 !', birthMonth: '1', birthYear: '85' })).toEqual([
      { code: 'code_letters_invalid', field: 'answers.motherFirstName' },
    ]);
    expect(issuesOf('gender_letters_year', { gender: 'Q', chosenLetters: 'ABC', birthYear: '1985' })).toEqual([
      { code: 'code_choice_invalid', field: 'answers.gender' },
      { code: 'code_letters_count', field: 'answers.chosenLetters' },
    ]);
  });

  it('names every missing, unknown or overlong answer at once', () => {
    expect(issuesOf('mother_month_year', { birthMonth: 'x'.repeat(101), nickname: 'Bo' })).toEqual([
      { code: 'code_answer_missing', field: 'answers.motherFirstName' },
      { code: 'code_answer_too_long', field: 'answers.birthMonth' },
      { code: 'code_answer_missing', field: 'answers.birthYear' },
      { code: 'unknown_field', field: 'answers.nickname' },
    ]);
  });

  it('refuses to decline a free code, or one that is not a code', () => {
    expect(issuesOf('free', { code: null })).toEqual([{ code: 'code_required', field: 'answers.code' }]);
    expect(issuesOf('free', { code: '  ' })).toEqual([{ code: 'code_required', field: 'answers.code' }]);
    expect(issuesOf('free', { code: '-AB' })).toEqual([{ code: 'participant_code_format', field: 'answers.code' }]);
    expect(issuesOf('free', { code: 'A'.repeat(33) })).toEqual([
      { code: 'participant_code_format', field: 'answers.code' },
    ]);
  });

  it('never repeats an answer in the error', () => {
    const error = refusal('mother_month_year', { motherFirstName: 'Rosalind', birthMonth: '13', birthYear: '1872' });
    const text = JSON.stringify({ message: error.message, issues: error.issues });
    for (const answer of ['Rosalind', 'RO', '13', '1872']) expect(text).not.toContain(answer);
  });
});

describe('suffixes and distances', () => {
  it('offers B to Z, then two letters', () => {
    const suffixes = [...codeSuffixes()];
    expect(suffixes.slice(0, 3)).toEqual(['B', 'C', 'D']);
    expect(suffixes[24]).toBe('Z');
    expect(suffixes.slice(25, 27)).toEqual(['AA', 'AB']);
    expect(suffixes.at(-1)).toBe('ZZ');
    expect(new Set(suffixes).size).toBe(suffixes.length);
  });

  it.each([
    ['MA0785', 'MA0785', 0],
    ['MA0785', 'MA0758', 1],
    ['MA0785', 'AM0785', 1],
    ['MA0785', 'MA0786', 1],
    ['MA0785', 'MA785', 1],
    ['MA0785', 'MAA0785', 1],
    ['MA0785', 'MA7085', 1],
    ['MA0785', 'MB0786', 2],
    ['MA0785', 'MA8705', 2],
    ['MA0785', 'XX0000', 5],
    ['', 'AB', 2],
  ])('measures %s to %s as %i', (a, b, distance) => {
    expect(codeDistance(a, b, 5)).toBe(distance);
    expect(codeDistance(b, a, 5)).toBe(distance);
  });

  it('stops as soon as the distance is over the bound', () => {
    expect(codeDistance('MA0785', 'ZZ9999', 1)).toBe(2);
    expect(codeDistance('MA0785', 'MA07851234', 2)).toBe(3);
    expect(codeDistance('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'B', 1)).toBe(2);
  });

  it('agrees with the textbook distance on many random pairs, for every bound', () => {
    let state = 7;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const randomCode = () =>
      Array.from({ length: Math.floor(random() * 9) }, () => 'AB01'[Math.floor(random() * 4)]).join('');
    for (let run = 0; run < 3000; run += 1) {
      const [a, b] = [randomCode(), randomCode()];
      for (const max of [0, 1, 2, 3]) expect(codeDistance(a, b, max)).toBe(Math.min(textbookDistance(a, b), max + 1));
    }
  });

  it('allows one typo in a short query and two in a whole code', () => {
    expect(nearMatchLimit('MA07')).toBe(1);
    expect(nearMatchLimit('MA0785')).toBe(2);
  });
});

/** Optimal string alignment, the whole matrix, no shortcuts. */
function textbookDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
