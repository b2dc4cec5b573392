/**
 * The Spanish interface keeps to docs/glossary.md: no string uses a word the glossary rules out, and
 * where an English string names a concept its Spanish string uses the concept's term. The glossary
 * is the one place the terms are decided; this reads its table, so changing a term there is enough.
 */
import { describe, expect, it } from 'vitest';
import { defaultItems, defaultServiceTypes } from '../../../db/catalog/default-catalog';
import { seededName } from '../../../db/contract/seeded-names';
import glossaryText from '../../../docs/glossary.md?raw';
import { flatten, locales } from '../support/locales';

interface Concept {
  english: string[];
  spanish: string[];
  stems: string[];
  denied: string[];
}

const cells = (cell: string) =>
  cell
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && entry !== '—');

/** The rows of the glossary's Terms table. */
function readGlossary(markdown: string): Concept[] {
  const table = markdown.slice(markdown.indexOf('## Terms'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) => {
      const [english, spanish, , stems, denied] = line.slice(1, -1).split('|');
      return { english: cells(english!), spanish: cells(spanish!), stems: cells(stems!), denied: cells(denied!) };
    });
}

/** Lower case without accents, so `sesion` and `Sesión` are one word to the checks. */
const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const patterns = new Map<string, RegExp>();
function cached(source: string): RegExp {
  let pattern = patterns.get(source);
  if (pattern === undefined) patterns.set(source, (pattern = new RegExp(source, 'gu')));
  return pattern;
}
/** Words starting with `stem`. */
const wordStart = (stem: string) => cached(`(?<![\\p{L}\\p{N}])${escape(plain(stem))}`);
/** `phrase` as whole words. */
const wholeWord = (phrase: string) => cached(`(?<![\\p{L}\\p{N}])${escape(plain(phrase))}(?![\\p{L}\\p{N}])`);

interface Span {
  start: number;
  end: number;
}

const spans = (pattern: RegExp, text: string): Span[] =>
  [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));

const inside = (inner: Span, outer: Span) =>
  outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;

/** What is filled in at run time is not text of the string. */
const withoutPlaceholders = (text: string) => plain(text).replace(/\{\{\s*\w+\s*\}\}/g, ' ');

/** Whether `text` names `concept` in English, outside longer English terms of other concepts. */
function namesConcept(concept: Concept, concepts: Concept[], text: string): boolean {
  const found = concept.english.flatMap((term) => spans(wordStart(term), text));
  if (found.length === 0) return false;
  const longer = concepts
    .filter((other) => other !== concept)
    .flatMap((other) => other.english.flatMap((term) => spans(wordStart(term), text)));
  return found.some((span) => !longer.some((other) => inside(span, other)));
}

/** The do-not-use words of `concept` found in `text`, outside longer Spanish terms of other concepts. */
function deniedWords(concept: Concept, concepts: Concept[], text: string): string[] {
  const found = concept.denied.map((word) => ({ word, at: spans(wholeWord(word), text) }));
  if (found.every(({ at }) => at.length === 0)) return [];
  const approved = concepts
    .filter((other) => other !== concept)
    .flatMap((other) => other.spanish.flatMap((term) => spans(wholeWord(term), text)));
  return found
    .filter(({ at }) => at.some((span) => !approved.some((other) => inside(span, other))))
    .map(({ word }) => word);
}

/**
 * Strings whose English names a concept in a sense the glossary's term does not cover, each with
 * why; `key` -> the English terms excused there.
 */
const excused: Record<string, { terms: string[]; why: string }> = {
  'encounterForm.contactOnlyHint': { terms: ['check'], why: 'a check-in is a greeting, not a check of data' },
  'about.verifyAudit': { terms: ['entry'], why: 'an entry of the audit trail, not an encounter or tally' },
};

const glossary = readGlossary(glossaryText);
const english = new Map(flatten(locales.en).map(([key, value]) => [key, withoutPlaceholders(String(value))]));
const spanish = flatten(locales.es).map(([key, value]) => [key, String(value)] as const);

describe('the glossary', () => {
  it('is a table of concepts, each with its English terms, Spanish stems and gender', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(40);
    for (const concept of glossary) {
      expect(concept.english.length, JSON.stringify(concept)).toBeGreaterThan(0);
      expect(concept.spanish.length, JSON.stringify(concept)).toBeGreaterThan(0);
      expect(concept.stems.length, JSON.stringify(concept)).toBeGreaterThan(0);
    }
  });

  it('never rules out a word it approves for another concept', () => {
    const clashes = glossary.flatMap((concept) =>
      glossary
        .filter((other) => other !== concept)
        .flatMap((other) => other.spanish.filter((term) => concept.denied.some((word) => plain(word) === plain(term))))
        .map((term) => `${concept.english[0]}: ${term}`),
    );
    expect(clashes).toEqual([]);
  });

  it('catches a ruled-out word, and lets it pass inside a longer approved term', () => {
    const tally = glossary.find((concept) => concept.english.includes('tally'))!;
    expect(deniedWords(tally, glossary, withoutPlaceholders('Abrir el conteo del {{time}}'))).toEqual(['conteo']);
    expect(deniedWords(tally, glossary, withoutPlaceholders('Hace falta un conteo de inventario.'))).toEqual([]);
    const stock = glossary.find((concept) => concept.english.includes('stock'))!;
    expect(namesConcept(stock, glossary, withoutPlaceholders('A stock count is due'))).toBe(false);
    expect(namesConcept(stock, glossary, withoutPlaceholders('Stock balances'))).toBe(true);
    expect(namesConcept(stock, glossary, withoutPlaceholders('out of stock'))).toBe(false);
  });
});

describe('the Spanish interface', () => {
  it('uses none of the words the glossary rules out', () => {
    const found = spanish.flatMap(([key, value]) =>
      glossary.flatMap((concept) =>
        deniedWords(concept, glossary, withoutPlaceholders(value)).map(
          (word) => `${key}: "${value}" uses "${word}" (${concept.english[0]})`,
        ),
      ),
    );
    expect(found).toEqual([]);
  });

  it("names each concept with the glossary's term wherever the English names it", () => {
    const missing = spanish.flatMap(([key, value]) => {
      const source = english.get(key) ?? '';
      const text = withoutPlaceholders(value);
      return glossary
        .filter((concept) => namesConcept(concept, glossary, source))
        .filter((concept) => !concept.english.some((term) => excused[key]?.terms.includes(term)))
        .filter((concept) => !concept.stems.some((stem) => spans(wordStart(stem), text).length > 0))
        .map((concept) => `${key}: "${value}" lacks ${concept.spanish[0]} (${concept.english[0]})`);
    });
    expect(missing).toEqual([]);
  });

  it('excuses only keys that exist, each where the English names the excused term', () => {
    for (const [key, { terms }] of Object.entries(excused)) {
      const source = english.get(key);
      expect(source, key).toEqual(expect.any(String));
      const named = glossary.filter((concept) => namesConcept(concept, glossary, source!));
      for (const term of terms)
        expect(
          named.some((concept) => concept.english.includes(term)),
          key,
        ).toBe(true);
    }
  });
});

describe('the Spanish names of seeded records', () => {
  const seeded = [
    ...defaultItems.map((item) => item.name),
    ...defaultServiceTypes.map((type) => type.name),
    'Main site',
    'Default staff member',
  ];

  it('use the glossary like the interface does', () => {
    const wrong = seeded.flatMap((name) => {
      const text = withoutPlaceholders(seededName(name, 'es'));
      const source = withoutPlaceholders(name);
      return glossary.flatMap((concept) => [
        ...deniedWords(concept, glossary, text).map((word) => `${name}: uses "${word}"`),
        ...(namesConcept(concept, glossary, source) &&
        !concept.stems.some((stem) => spans(wordStart(stem), text).length > 0)
          ? [`${name}: lacks ${concept.spanish[0]}`]
          : []),
      ]);
    });
    expect(wrong).toEqual([]);
  });
});
