/**
 * What this computer remembers between sessions, each preference with the type it holds. A value
 * stored by another version, or changed by hand, that is not one it can hold reads as nothing.
 */
import { fieldEntryKinds, languages, type FieldEntryKind, type Language } from '@contract/vocabulary';

export interface Preferences {
  language: Language;
  /** The site logged at last on this computer, chosen again next time. */
  lastSiteId: string;
  /** Encounter or tally: a street team's laptop stays in tally mode. */
  logMode: FieldEntryKind;
}

const storageKeys: { [K in keyof Preferences]: string } = {
  language: 'outpost.language',
  lastSiteId: 'outpost.lastSiteId',
  logMode: 'outpost.logMode',
};

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const readers: { [K in keyof Preferences]: (stored: string) => Preferences[K] | null } = {
  language: (stored) => (isOneOf(languages, stored) ? stored : null),
  lastSiteId: (stored) => stored,
  logMode: (stored) => (isOneOf(fieldEntryKinds, stored) ? stored : null),
};

/** localStorage can throw (storage disabled, quota): a lost preference must never break the app. */
export function readPreference<K extends keyof Preferences>(key: K): Preferences[K] | null {
  try {
    const stored = window.localStorage.getItem(storageKeys[key]);
    return stored === null ? null : readers[key](stored);
  } catch {
    return null;
  }
}

export function writePreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
  try {
    window.localStorage.setItem(storageKeys[key], value);
  } catch {
    // The preference is simply not remembered.
  }
}
