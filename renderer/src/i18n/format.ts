import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and numbers in the conventions of the chosen language. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    // A calendar day (2026-11-30) is the same day everywhere: formatted at UTC, never shifted.
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(language);
    const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    const sizes = (['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const).map(
      (unit) => new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }),
    );
    return {
      dateTime: (iso: string) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
      /** A calendar day written YYYY-MM-DD: "Nov 30, 2026". */
      date: (day: string) => {
        const at = new Date(`${day}T00:00:00Z`);
        return Number.isNaN(at.getTime()) ? day : date.format(at);
      },
      number: (value: number) => number.format(value),
      /** A file's size in the largest unit under 1,000 of it: "12.4 MB". */
      fileSize: (bytes: number) => {
        const power = Math.min(sizes.length - 1, Math.max(0, Math.floor(Math.log10(Math.max(bytes, 1)) / 3)));
        return sizes[power]!.format(bytes / 1000 ** power);
      },
      /** "a, b and c" / "a, b y c". */
      list: (values: readonly string[]) => list.format(values),
    };
  }, [language]);
}
