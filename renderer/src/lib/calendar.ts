/**
 * A date as `YYYY-MM-DD` on the calendar of `timeZone` (the program's: the core files each entry
 * under the program's local date), or of this computer when no zone is given.
 */
export function localDateOf(date: Date, timeZone?: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
