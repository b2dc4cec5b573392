/**
 * Where a calendar date starts in a time zone: at its midnight, an hour nearer or further on the
 * days clocks change, where a clock change starts it when midnight is skipped, and nowhere of its
 * own when the zone skipped the date.
 */
import { describe, expect, it } from 'vitest';
import { dayAfter, dayStartMs } from '../../../db/contract/calendar';

const startOf = (date: string, timeZone: string, guess?: string) =>
  new Date(dayStartMs(date, timeZone, guess === undefined ? undefined : Date.parse(guess))).toISOString();

describe('calendar', () => {
  it('starts a day at its midnight, in the offset that midnight has', () => {
    expect(startOf('2026-06-15', 'UTC')).toBe('2026-06-15T00:00:00.000Z');
    // Clocks go forward at 02:00 on March 8 (a 23-hour day) and back at 02:00 on November 1 (25 hours).
    expect(startOf('2026-03-08', 'America/Los_Angeles')).toBe('2026-03-08T08:00:00.000Z');
    expect(startOf('2026-03-09', 'America/Los_Angeles')).toBe('2026-03-09T07:00:00.000Z');
    expect(startOf('2026-11-01', 'America/Los_Angeles')).toBe('2026-11-01T07:00:00.000Z');
    expect(startOf('2026-11-02', 'America/Los_Angeles')).toBe('2026-11-02T08:00:00.000Z');
    // Offsets of quarter hours, and the furthest from UTC either way.
    expect(startOf('2026-01-01', 'Asia/Kathmandu')).toBe('2025-12-31T18:15:00.000Z');
    expect(startOf('2026-01-01', 'Pacific/Kiritimati')).toBe('2025-12-31T10:00:00.000Z');
    expect(startOf('2026-01-01', 'Etc/GMT+12')).toBe('2026-01-01T12:00:00.000Z');
    // Liberia kept 44 minutes 30 seconds behind UTC until 1972: no quarter hour.
    expect(startOf('1971-06-01', 'Africa/Monrovia')).toBe('1971-06-01T00:44:30.000Z');
  });

  it('starts a day whose midnight is skipped when its clocks start, and a skipped day where the next starts', () => {
    // Chile goes from 24:00 on September 5 to 01:00 on September 6: that day has no midnight.
    expect(startOf('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    // Samoa went from December 29, 2011 to December 31: December 30 has no instant of its own.
    expect(startOf('2011-12-30', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
    expect(startOf('2011-12-31', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
  });

  it('takes a right guess as it is and finds the start when the guess is 24 hours after a day of 23', () => {
    expect(startOf('2026-03-09', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z')).toBe('2026-03-09T07:00:00.000Z');
    expect(startOf('2026-03-09', 'America/Los_Angeles', '2026-03-09T08:00:00.000Z')).toBe('2026-03-09T07:00:00.000Z');
    expect(startOf('2026-11-02', 'America/Los_Angeles', '2026-11-02T07:00:00.000Z')).toBe('2026-11-02T08:00:00.000Z');
  });

  it('counts the day after a date on the calendar, across months, years and leap days', () => {
    expect(dayAfter('2026-11-30')).toBe('2026-12-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
    expect(dayAfter('2027-02-28')).toBe('2027-03-01');
  });
});
