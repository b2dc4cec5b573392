import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and numbers in the conventions of the chosen language. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(language);
    const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    return {
      dateTime: (iso: string) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
      number: (value: number) => number.format(value),
      /** "a, b and c" / "a, b y c". */
      list: (values: readonly string[]) => list.format(values),
    };
  }, [language]);
}
