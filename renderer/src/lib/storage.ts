/** localStorage can throw (storage disabled, quota): a lost preference must never break the app. */
export function readSetting(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeSetting(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // The preference is simply not remembered.
  }
}

export const settingKeys = {
  language: 'outpost.language',
  lastSiteId: 'outpost.lastSiteId',
  /** Encounter or tally: a street team's laptop stays in tally mode. */
  logMode: 'outpost.logMode',
} as const;
