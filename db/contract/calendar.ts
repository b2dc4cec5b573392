/**
 * Calendar dates in the program's time zone. Reports group by the date on which a thing happened
 * where the program is, not where the laptop's clock is set; Intl carries the time-zone rules.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return formatterFor(timeZone).format(instant);
}

const dayMs = 86_400_000;
const quarterHourMs = 15 * 60_000;
/** Every zone's offset is within 15 hours of UTC (-12 h to +14 h): so is each day's start of its UTC midnight. */
const offsetReachMs = 15 * 60 * 60_000;

/** The calendar date after `date` (YYYY-MM-DD). */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
}

/**
 * The first instant of `date` in `timeZone`, in ms: its midnight, or the moment a clock change
 * that skips midnight starts it (the next day's start when the zone skipped `date` altogether).
 * Dates follow instants in order, so a date's instants are those from its first to the next
 * date's first, and the first is found by halving, on quarter hours first (every offset has been
 * a whole number of them since 1972). `guess`, tried first, spares the halving when it is right:
 * a day usually starts 24 hours after the one before, but not on the days clocks change.
 */
export function dayStartMs(date: string, timeZone: string, guess?: number): number {
  const reached = (ms: number) => localDate(new Date(ms), timeZone) >= date;
  if (guess !== undefined && reached(guess) && !reached(guess - 1)) return guess;
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let before = (utcMidnight - offsetReachMs) / quarterHourMs;
  let after = (utcMidnight + offsetReachMs) / quarterHourMs;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (reached(middle * quarterHourMs)) after = middle;
    else before = middle;
  }
  let low = before * quarterHourMs;
  let high = after * quarterHourMs;
  if (!reached(high - 1)) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reached(middle)) high = middle;
    else low = middle;
  }
  return high;
}

let zoneList: readonly string[] | undefined;
let zonesByLowerCase: Map<string, string> | undefined;

/** Every IANA time zone this calendar knows, as a person picks one from a list: UTC first, then by name. */
export function timeZoneNames(): readonly string[] {
  zoneList ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return zoneList;
}

/**
 * The zone of the list `value` names, in any letter case ("america/vancouver"), or an older name
 * of one ("US/Pacific", "Asia/Kolkata" where the list says "Asia/Calcutta"); undefined for
 * anything else, abbreviations ("PST") and offsets ("+05:00") included: they do not say which
 * daylight-time rules apply.
 */
export function timeZoneNamed(value: string): string | undefined {
  zonesByLowerCase ??= new Map(timeZoneNames().map((zone) => [zone.toLowerCase(), zone]));
  const listed = zonesByLowerCase.get(value.toLowerCase());
  if (listed !== undefined) return listed;
  if (!/^[A-Za-z]+\/[A-Za-z]/.test(value) || !isValidTimeZone(value)) return undefined;
  const canonical = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  return zonesByLowerCase.get(canonical.toLowerCase());
}

/** The system's time zone, used for a new program until someone sets it. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
