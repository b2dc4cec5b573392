import { describe, expect, it } from 'vitest';
import { errorMessages } from '@contract/errors';
import { itemCategories, siteTypes } from '@contract/vocabulary';
import { flatten, locales } from '../support/locales';

const en = new Map(flatten(locales.en));
const es = new Map(flatten(locales.es));

/** Values that are rightly the same in both languages: names, and text made only of placeholders. */
const sameInBothLanguages = new Set([
  'app.name',
  'language.en',
  'language.es',
  'recent.supplyLine',
  // Separators and an arrow around what is filled in: no words to translate.
  'detail.historyStep',
  'detail.historyChange',
  'stock.adjust.lineSummary',
  'stock.adjust.reasonOption',
  // Key names as printed on keyboards, a word Spanish borrows, and arrows.
  'keys.alt',
  'keys.ctrl',
  'keys.escape',
  'supplies.kits',
  'shortcuts.arrowKeys',
  // "No" is "No" in Spanish too.
  'itemsTab.no',
]);

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('locale files', () => {
  it('have exactly the same keys in English and Spanish', () => {
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(Object.entries(locales))('%s has only non-empty strings', (_language, messages) => {
    for (const [key, value] of flatten(messages)) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it('has a Spanish translation for every English text, apart from a short list of names', () => {
    const untranslated = [...en].filter(([key, value]) => es.get(key) === value).map(([key]) => key);
    expect(untranslated.sort()).toEqual([...sameInBothLanguages].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of en) {
      expect(placeholders(String(es.get(key) ?? '')), key).toEqual(placeholders(String(value)));
    }
  });

  it.each(Object.keys(errorMessages))('translates the error code %s in both languages', (code) => {
    expect(en.get(`errors.${code}`)).toEqual(expect.any(String));
    expect(es.get(`errors.${code}`)).toEqual(expect.any(String));
  });

  it('has no error text for a code the core does not have', () => {
    const codes = [...en.keys()].filter((key) => key.startsWith('errors.')).map((key) => key.slice('errors.'.length));
    expect(codes.sort()).toEqual(Object.keys(errorMessages).sort());
  });

  it('names every item category and site type in both languages', () => {
    for (const category of itemCategories) {
      expect(en.get(`categories.${category}`), category).toEqual(expect.any(String));
      expect(es.get(`categories.${category}`), category).toEqual(expect.any(String));
    }
    for (const siteType of siteTypes) {
      expect(en.get(`siteTypes.${siteType}`), siteType).toEqual(expect.any(String));
      expect(es.get(`siteTypes.${siteType}`), siteType).toEqual(expect.any(String));
    }
  });
});
