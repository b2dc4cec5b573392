/** A participant's visits, across every code merged into the same person. */
import type { LastVisit, VisitSummary } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';

interface Visit {
  revisionId: string;
  entryId: string;
  occurredAt: string;
  siteId: string;
  siteName: string;
}

/**
 * The newest current encounter of anyone in the group: each code's own newest, walked back from
 * its latest visit through the participant-and-time index (0008), then the newest of those.
 */
function latestVisit(db: ReadableDatabase, canonicalId: string): Visit | undefined {
  const members = db
    .statement('SELECT id FROM participants WHERE canonical_id = ?')
    .pluck()
    .all(canonicalId) as string[];
  const newestOf = db.statement(
    `SELECT r.id AS revisionId, r.entry_id AS entryId, r.occurred_at AS occurredAt, r.site_id AS siteId, s.name AS siteName
     FROM field_entry_revisions r INDEXED BY field_entry_revisions_by_participant_time
     CROSS JOIN field_entries e CROSS JOIN sites s
     WHERE r.participant_id = ? AND e.id = r.entry_id AND e.current_revision = r.revision
       AND e.status = 'active' AND e.kind = 'encounter' AND s.id = r.site_id
     ORDER BY r.occurred_at DESC, r.entry_id DESC LIMIT 1`,
  );
  let latest: Visit | undefined;
  for (const member of members) {
    const visit = newestOf.get(member) as Visit | undefined;
    const newer =
      visit &&
      (!latest ||
        visit.occurredAt > latest.occurredAt ||
        (visit.occurredAt === latest.occurredAt && visit.entryId > latest.entryId));
    if (newer) latest = visit;
  }
  return latest;
}

export function lastVisitSummary(db: ReadableDatabase, canonicalId: string): VisitSummary | null {
  const visit = latestVisit(db, canonicalId);
  return visit ? { occurredAt: visit.occurredAt, siteName: visit.siteName } : null;
}

export function lastVisitWithSupplies(db: ReadableDatabase, canonicalId: string): LastVisit | null {
  const visit = latestVisit(db, canonicalId);
  if (!visit) return null;
  const lines = db.all(
    db.query
      .selectFrom('field_entry_lines as l')
      .innerJoin('items as i', 'i.id', 'l.item_id')
      .select(['l.item_id as itemId', 'i.name as itemName', 'l.units as quantity'])
      .where('l.revision_id', '=', visit.revisionId)
      .orderBy('l.line_no'),
  );
  return {
    entryId: visit.entryId,
    occurredAt: visit.occurredAt,
    siteId: visit.siteId,
    siteName: visit.siteName,
    lines,
  };
}

export function visitCount(db: ReadableDatabase, canonicalId: string): number {
  const row = db.first(
    db.query
      .selectFrom('current_revisions as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .select((select) => select.fn.countAll<number>().as('visits'))
      .where('p.canonical_id', '=', canonicalId)
      .where('r.kind', '=', 'encounter'),
  );
  return row?.visits ?? 0;
}
