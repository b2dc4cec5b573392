/** A participant's visits, across every code merged into the same person. */
import type { LastVisit, VisitSummary } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';
import { isoOf } from '../platform/instants';
import { storedCodes } from '../platform/stored-codes';

const encounter = storedCodes.entryKind.code('encounter');

interface Visit {
  revisionKey: number;
  entryKey: number;
  entryId: string;
  occurredMs: number;
  siteId: string;
  siteName: string;
}

/**
 * The newest current encounter of anyone in the group: each code's own newest, walked back from
 * its latest visit through the participant-and-time index (0009), then the newest of those, in
 * the lists' order (instant, then key).
 */
function latestVisit(db: ReadableDatabase, canonicalId: string): Visit | undefined {
  const members = db
    .statement('SELECT key FROM participants WHERE canonical_id = ?')
    .pluck()
    .all(canonicalId) as number[];
  const newestOf = db.statement(
    `SELECT r.key AS revisionKey, r.entry_key AS entryKey, e.id AS entryId, r.occurred_ms AS occurredMs,
       s.id AS siteId, s.name AS siteName
     FROM field_entry_revisions r INDEXED BY field_entry_revisions_by_participant_time
     CROSS JOIN field_entries e CROSS JOIN sites s
     WHERE r.participant_key = ? AND e.key = r.entry_key AND e.current_revision = r.revision
       AND e.status = 'active' AND e.kind = ${encounter} AND s.key = r.site_key
     ORDER BY r.occurred_ms DESC, r.entry_key DESC LIMIT 1`,
  );
  let latest: Visit | undefined;
  for (const member of members) {
    const visit = newestOf.get(member) as Visit | undefined;
    const newer =
      visit &&
      (!latest ||
        visit.occurredMs > latest.occurredMs ||
        (visit.occurredMs === latest.occurredMs && visit.entryKey > latest.entryKey));
    if (newer) latest = visit;
  }
  return latest;
}

export function lastVisitSummary(db: ReadableDatabase, canonicalId: string): VisitSummary | null {
  const visit = latestVisit(db, canonicalId);
  return visit ? { occurredAt: isoOf(visit.occurredMs), siteName: visit.siteName } : null;
}

export function lastVisitWithSupplies(db: ReadableDatabase, canonicalId: string): LastVisit | null {
  const visit = latestVisit(db, canonicalId);
  if (!visit) return null;
  const lines = db.all(
    db.query
      .selectFrom('field_entry_lines as l')
      .innerJoin('items as i', 'i.key', 'l.item_key')
      .select(['i.id as itemId', 'i.name as itemName', 'l.units as quantity'])
      .where('l.revision_key', '=', visit.revisionKey)
      .orderBy('l.line_no'),
  );
  return {
    entryId: visit.entryId,
    occurredAt: isoOf(visit.occurredMs),
    siteId: visit.siteId,
    siteName: visit.siteName,
    lines,
  };
}

/**
 * A group's current encounters, summed from its days: participant_site_days counts each day's
 * under the group's canonical participant, as current encounters of any code in the group
 * (db/reports/rollups.ts), so one row a day is read instead of each visit and its entry.
 */
export function visitCount(db: ReadableDatabase, canonicalId: string): number {
  return db
    .statement(
      `SELECT coalesce(sum(d.encounters), 0) FROM participants p
       JOIN participant_site_days d ON d.participant_key = p.key WHERE p.id = ?`,
    )
    .pluck()
    .get(canonicalId) as number;
}
