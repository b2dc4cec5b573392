/** Participants tests: a core with a second site, visits logged through the real field-entry code, snapshots. */
import type { ReadableDatabase } from '../../db/platform/database';
import type { AuditAction } from '../../db/contract/audit';
import { readSettings } from '../../db/settings/settings';
import { localDate } from '../../db/contract/calendar';
import { openFieldCore, perform } from './core';

/** "Today" for these tests, so dates and first-seen days are the same on every machine. */
export const today = new Date('2026-11-22T20:00:00Z');

export async function openParticipantsCore() {
  const field = await openFieldCore({ clock: () => today });
  const { db, writer, site } = field;
  // Plain items: kits and lots are other tests' business.
  const items = field.items.filter((item) => item.is_kit === 0 && item.tracks_lots === 0);
  const van = perform(db, writer, 'sites.create', { name: 'Van 1', siteType: 'mobile_van' });

  /** One encounter of `code` at `siteId` (default: the main site), through encounters.log. */
  function visit(
    code: string,
    occurredAt: string,
    options: { siteId?: string; lines?: { itemIndex: number; quantity: number }[] } = {},
  ) {
    const lines = (options.lines ?? []).map((line) => ({ itemId: items[line.itemIndex]!.id, quantity: line.quantity }));
    return perform(db, writer, 'encounters.log', {
      siteId: options.siteId ?? site.id,
      occurredAt,
      participantCode: code,
      contactOnly: lines.length === 0,
      lines,
    });
  }

  /** The program's calendar date of an instant (the time zone is the machine's). */
  const dayOf = (iso: string) => localDate(new Date(iso), readSettings(db).time_zone);

  return { ...field, items, van, visit, dayOf };
}

/** Everything a merge may change, without the updated_at stamps. */
export function participantState(db: ReadableDatabase) {
  return {
    participants: db
      .statement(
        `SELECT id, code, formula, merged_into_id, canonical_id, first_seen_on, first_seen_site_id
         FROM participants ORDER BY code`,
      )
      .all(),
    days: db.statement('SELECT * FROM participant_site_days ORDER BY participant_key, site_key, local_date').all(),
  };
}

export function countOf(db: ReadableDatabase, table: 'participants' | 'participant_merges' | 'audit_log'): number {
  return (db.statement(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The way a report counts unique participants in a period: distinct canonical participants with a visit. */
export function uniqueParticipants(db: ReadableDatabase, from: string, to: string): number {
  const row = db
    .statement(
      'SELECT count(DISTINCT participant_key) AS n FROM participant_site_days WHERE local_date BETWEEN ? AND ?',
    )
    .get(from, to) as { n: number };
  return row.n;
}

/** The way a report counts new participants: canonical participants first seen in the period. */
export function newParticipants(db: ReadableDatabase, from: string, to: string): number {
  const row = db
    .statement('SELECT count(*) AS n FROM participants WHERE canonical_id = id AND first_seen_on BETWEEN ? AND ?')
    .get(from, to) as { n: number };
  return row.n;
}

/** The rows one action wrote, each naming its participant by id (rows hold its key; other records: null). */
export function auditActions(db: ReadableDatabase, action: AuditAction) {
  return db
    .statement(
      `SELECT p.id AS entity_id, a.before_json, a.after_json FROM audit_log a
       LEFT JOIN participants p ON a.entity_type = 'participant' AND p.key = a.entity_key
       WHERE a.action = ? ORDER BY a.seq`,
    )
    .all(action) as { entity_id: string | null; before_json: string | null; after_json: string | null }[];
}
