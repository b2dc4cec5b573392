/** The Encounters screen's filters, as the controls hold them, and how they become the list's input. */
import { listEntriesInput, type ListEntriesInput } from '@contract/field-entries';
import { participantCode } from '@contract/fields';
import { localDateOf } from '../../lib/calendar';

export interface EntryFilters {
  /** `YYYY-MM-DD` local dates, as a `date` input holds them; empty for no limit. */
  from: string;
  to: string;
  siteId: string;
  staffId: string;
  itemId: string;
  participantCode: string;
  includeVoided: boolean;
}

/** `YYYY-MM-DD` moved by whole days, as calendar arithmetic (no clock changes involved). */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Today and the previous 6 days, every site, staff member and item, voided entries hidden. */
export function defaultFilters(now = new Date(), timeZone?: string): EntryFilters {
  const today = localDateOf(now, timeZone);
  return {
    from: addDays(today, -6),
    to: today,
    siteId: '',
    staffId: '',
    itemId: '',
    participantCode: '',
    includeVoided: false,
  };
}

/** The error code when the typed participant code cannot be a code at all; null when it is fine or empty. */
export function participantCodeProblem(code: string): string | null {
  if (code.trim() === '') return null;
  const parsed = participantCode.safeParse(code);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'participant_code_format');
}

/**
 * The error code when the dates cannot make a range (To before From), checked by the contract's
 * own rule, so the screen refuses exactly what the core would; null when they are fine.
 */
export function dateRangeProblem(filters: Pick<EntryFilters, 'from' | 'to'>): string | null {
  const parsed = listEntriesInput.safeParse(toListInput({ ...defaultFilters(), ...filters, participantCode: '' }));
  if (parsed.success) return null;
  return parsed.error.issues.find((issue) => issue.path[0] === 'to')?.message ?? null;
}

/** Filters to the contract's list input: empty controls are left out. */
export function toListInput(filters: EntryFilters): ListEntriesInput {
  const code = filters.participantCode.trim().toUpperCase();
  return {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.siteId ? { siteId: filters.siteId } : {}),
    ...(filters.staffId ? { staffId: filters.staffId } : {}),
    ...(filters.itemId ? { itemId: filters.itemId } : {}),
    ...(code ? { participantCode: code } : {}),
    includeVoided: filters.includeVoided,
  };
}
