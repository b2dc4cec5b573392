/**
 * Person-first, non-judgemental language (see DOMAIN.md): no word in the interface may label or
 * shame the people a program serves. The deny-lists are checked against samples first, so a broken
 * pattern fails here instead of silently letting everything through.
 */
import { describe, expect, it } from 'vitest';
import { flatten, locales } from '../support/locales';

const deniedEnglish = [
  'addicts?',
  'addicted',
  'abusers?',
  'junkies',
  'junkie',
  'junky',
  'drug abuse',
  'substance abuse',
  'drug users?',
  'dirty',
  'clean',
  'clients?',
];

const deniedSpanish = [
  'adictos?',
  'adictas?',
  'drogadictos?',
  'drogadictas?',
  'yonquis?',
  'toxicómanos?',
  'toxicómanas?',
  'drogatas?',
  'jeringas? sucias?',
  'jeringas? limpias?',
  'agujas? sucias?',
  'abuso de drogas',
  'abuso de sustancias',
  'clientes?',
];

/** Whole words only ("cleaning" is not "clean"), any case, letters with accents count as letters. */
function denyPattern(words: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

const english = denyPattern(deniedEnglish);
const spanish = denyPattern(deniedSpanish);

function offending(messages: unknown, pattern: RegExp): string[] {
  return flatten(messages)
    .filter(([, value]) => typeof value === 'string' && pattern.test(value))
    .map(([key, value]) => `${key}: ${String(value)}`);
}

describe('the deny-lists catch what they should', () => {
  it.each([
    'Addict services',
    'Number of addicts',
    'Drug abuse counselling',
    'Dirty needles returned',
    'Dirty syringe',
    'Clean syringes given',
    'Is the participant clean?',
    'A drug user',
    'Drug Users',
    'Client code',
    'Junkie',
    'SUBSTANCE ABUSE',
  ])('English: %s', (text) => expect(english.test(text)).toBe(true));

  it.each([
    'Código del cliente',
    'Clientes',
    'Personas adictas',
    'Un drogadicto',
    'Yonqui',
    'Toxicómano',
    'TOXICÓMANOS',
    'Drogata',
    'Jeringa sucia',
    'Jeringas sucias',
    'Jeringas limpias',
    'Abuso de drogas',
  ])('Spanish: %s', (text) => expect(spanish.test(text)).toBe(true));

  it.each([
    'People who use drugs',
    'Users of drugs',
    'Used syringes collected',
    'New sterile syringes',
    'Participant code',
    'Cleaning supplies',
    'Wound care',
  ])('English, allowed: %s', (text) => expect(english.test(text)).toBe(false));

  it.each(['Personas que usan drogas', 'Jeringas usadas', 'Jeringas nuevas y estériles', 'Código de participante'])(
    'Spanish, allowed: %s',
    (text) => expect(spanish.test(text)).toBe(false),
  );
});

describe('the interface text', () => {
  it('has no stigmatizing English words', () => {
    expect(offending(locales.en, english)).toEqual([]);
  });

  it('has no stigmatizing Spanish words', () => {
    expect(offending(locales.es, spanish)).toEqual([]);
  });

  it('has no stigmatizing English words in the Spanish file either (names and loanwords)', () => {
    expect(offending(locales.es, english)).toEqual([]);
  });
});
