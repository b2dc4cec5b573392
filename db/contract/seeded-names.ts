/**
 * The names Outpost gives the records it seeds (the default catalog, services and referrals, the
 * first site, the first staff member), in each interface language. They are stored in English;
 * a record whose name is still its seeded one is shown in the reader's language, and one someone
 * renamed keeps the name they gave it.
 */
import type { Language } from './vocabulary';

/** English seeded name -> Spanish. Terms follow docs/glossary.md. */
const spanish: Record<string, string> = {
  'Main site': 'Sede principal',
};

/** `name` in `language` when it is a seeded name never renamed; otherwise `name` itself. */
export function seededName(name: string, language: Language | string): string {
  if (language.startsWith('es')) return spanish[name] ?? name;
  return name;
}

/** Whether `name` is one of the seeded names with a translation (for tests and the glossary check). */
export function hasSeededTranslation(name: string): boolean {
  return Object.hasOwn(spanish, name);
}
