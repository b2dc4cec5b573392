/** Participants tests: a core with a second site, visits logged through the real field-entry code, snapshots. */
import { insertSite } from '../../db/catalog/catalog';
import type { OutpostDatabase } from '../../db/platform/database';
import { logEncounter } from '../../db/field-entries/field-entries';
import { newId } from '../../db/platform/ids';
import type { StaffRole } from '../../db/platform/schema';
import { readSettings } from '../../db/settings/settings';
import { localDate } from '../../db/contract/calendar';
import type { Writer } from '../../db/access/roles';
import { openFieldCore } from './core';

/** "Today" for these tests, so dates and first-seen days are the same on every machine. */
export const today = new Date('2026-11-22T20:00:00Z');

export async function openParticipantsCore() {
  const field = await openFieldCore({ clock: () => today });
  const { db, writer, site } = field;
  // Plain items: kits and lots are other tests' business.
  const items = field.items.filter((item) => item.is_kit === 0 && item.tracks_lots === 0);
  const van = db.transaction(() => insertSite(db, writer, { name: 'Van 1', siteType: 'mobile_van' }));

  /** One encounter of `code` at `siteId` (default: the main site), through logEncounter. */
  function visit(
    code: string,
    occurredAt: string,
    options: { siteId?: string; lines?: { itemIndex: number; quantity: number }[] } = {},
  ) {
    return logEncounter(db, writer, {
      siteId: options.siteId ?? site.id,
      occurredAt,
      participantCode: code,
      lines: (options.lines ?? []).map((line) => ({ itemId: items[line.itemIndex]!.id, quantity: line.quantity })),
    });
  }

  /** The program's calendar date of an instant (the time zone is the machine's). */
  const dayOf = (iso: string) => localDate(new Date(iso), readSettings(db).time_zone);

  return { ...field, items, van, visit, dayOf };
}

/** A staff member with `role`, to act as someone other than the default admin. */
export function addStaff(db: OutpostDatabase, writer: Writer, role: StaffRole): Writer {
  const id = newId();
  const now = db.nowIso();
  db.run(
    db.query.insertInto('staff').values({
      id,
      display_name: `Test ${role}`,
      role,
      active: 1,
      origin_device_id: writer.deviceId,
      created_by: writer.staffId,
      created_at: now,
      updated_at: now,
    }),
  );
  return { deviceId: writer.deviceId, staffId: id };
}

/** Everything a merge may change, without the updated_at stamps. */
export function participantState(db: OutpostDatabase) {
  return {
    participants: db.sqlite
      .prepare(
        `SELECT id, code, formula, merged_into_id, canonical_id, first_seen_on, first_seen_site_id
         FROM participants ORDER BY code`,
      )
      .all(),
    days: db.sqlite.prepare('SELECT * FROM participant_site_days ORDER BY participant_id, site_id, local_date').all(),
  };
}

export function countOf(db: OutpostDatabase, table: 'participants' | 'participant_merges' | 'audit_log'): number {
  return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The way a report counts unique participants in a period: distinct canonical participants with a visit. */
export function uniqueParticipants(db: OutpostDatabase, from: string, to: string): number {
  const row = db.sqlite
    .prepare('SELECT count(DISTINCT participant_id) AS n FROM participant_site_days WHERE local_date BETWEEN ? AND ?')
    .get(from, to) as { n: number };
  return row.n;
}

/** The way a report counts new participants: canonical participants first seen in the period. */
export function newParticipants(db: OutpostDatabase, from: string, to: string): number {
  const row = db.sqlite
    .prepare('SELECT count(*) AS n FROM participants WHERE canonical_id = id AND first_seen_on BETWEEN ? AND ?')
    .get(from, to) as { n: number };
  return row.n;
}

export function auditActions(db: OutpostDatabase, action: string) {
  return db.sqlite
    .prepare('SELECT entity_id, before_json, after_json FROM audit_log WHERE action = ? ORDER BY seq')
    .all(action) as { entity_id: string; before_json: string | null; after_json: string | null }[];
}
