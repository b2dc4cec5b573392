import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import es from '../locales/es.json';
import { readPreference, writePreference } from '../lib/storage';

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

export const resources = {
  en: { translation: en },
  es: { translation: es },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

function storedLanguage(): Language {
  return readPreference('language') ?? 'en';
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  writePreference('language', language);
  await i18n.changeLanguage(language);
}

// Resources are bundled, so initialisation is synchronous: the first render is already translated.
void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'en',
  supportedLngs: languages,
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  returnNull: false,
});
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

export default i18n;
