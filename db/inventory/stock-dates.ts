/** Dates of stock events and of lots' expiry, in the program's time zone. */
import { localDate } from '../contract/calendar';
import type { ErrorCode } from '../contract/errors';
import { plausibleInstant } from '../platform/clock';
import type { ReadableDatabase } from '../platform/database';
import { refuse } from '../platform/records';
import type { ProgramSettingsRow } from '../platform/schema';
import { readSettings } from '../settings/settings';

const dayMs = 86_400_000;

export interface StockDay {
  /** UTC instant, ISO 8601. */
  occurredAt: string;
  /** The calendar date in the program's time zone: what reports group by. */
  localDate: string;
  /** Today in the program's time zone, whenever the event itself happened. */
  today: string;
}

/**
 * When a stock event happened, as the ledger stores it: now when not given, a plausible instant
 * otherwise. Days before the stock start date are refused, since history from before it moves no
 * stock.
 */
export function stockDay(
  db: ReadableDatabase,
  settings: ProgramSettingsRow,
  instant: string | undefined,
  refusal: { field: string; beforeStockStart: ErrorCode },
): StockDay {
  const at = plausibleInstant(db, instant, refusal.field);
  const day = localDate(at, settings.time_zone);
  if (day < settings.stock_start_date) refuse(refusal.beforeStockStart, refusal.field);
  return { occurredAt: at.toISOString(), localDate: day, today: localDate(db.now(), settings.time_zone) };
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

export interface ExpiryFlags {
  expiresSoon: boolean;
  expired: boolean;
}

/** A lot is usable through its expiry date (as allocation treats it), expired the day after. */
export function expiryFlags(expiresOn: string | null, today: string, warningDays: number): ExpiryFlags {
  if (expiresOn === null) return { expiresSoon: false, expired: false };
  const expired = expiresOn < today;
  return { expired, expiresSoon: !expired && expiresOn <= addDays(today, warningDays) };
}

/** Expiry as of today in the program's time zone, with its warning days. */
export function expiryCheck(db: ReadableDatabase): (expiresOn: string | null) => ExpiryFlags {
  const settings = readSettings(db);
  const today = localDate(db.now(), settings.time_zone);
  return (expiresOn) => expiryFlags(expiresOn, today, settings.expiry_warning_days);
}
