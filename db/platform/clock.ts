/**
 * When a thing happened, checked against the database clock. Back-entry is normal and clocks
 * drift, but a date more than a day ahead, or before the year 2000, is a typo.
 */
import { OutpostError } from '../contract/errors';
import type { ReadableDatabase } from './database';

const futureToleranceMs = 24 * 60 * 60 * 1000;
const earliestPlausible = Date.UTC(2000, 0, 1);

/** The instant `text` names (now when absent), or a refusal at `field`. */
export function plausibleInstant(db: ReadableDatabase, text: string | undefined, field: string): Date {
  const instant = text === undefined ? db.now() : new Date(text);
  if (instant.getTime() > db.now().getTime() + futureToleranceMs)
    throw new OutpostError('occurred_at_future', { field });
  if (instant.getTime() < earliestPlausible) throw new OutpostError('occurred_at_too_early', { field });
  return instant;
}
