/**
 * Names of the records Outpost seeds (the default catalog, services and referrals, the first site,
 * the first staff member) as the reader sees them: in the interface language while the name is
 * still the seeded one, as stored once someone renamed the record.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { seededName } from '@contract/seeded-names';
import { languages } from '@contract/vocabulary';

/** A stored name as shown in the current language; changes with the language. */
export function useSeededName(): (name: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((name: string) => seededName(name, language), [language]);
}

/**
 * The name to save from a rename field that opened on `stored` as shown: the stored name when the
 * field still holds it as shown in any interface language (the language may change while the form
 * is open), so saving a seeded record untouched in Spanish keeps its seeded name, and with it its
 * translation, instead of storing the Spanish text as a rename.
 */
export function nameToSave(typed: string, stored: string): string {
  const untouched = languages.some((language) => seededName(stored, language) === typed.trim());
  return untouched ? stored : typed;
}
