/** A participant's visits, across every code merged into the same person. */
import type { LastVisit, VisitSummary } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';

function latestVisit(db: ReadableDatabase, canonicalId: string) {
  return db.first(
    db.query
      .selectFrom('current_revisions as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .innerJoin('sites as s', 's.id', 'r.site_id')
      .select([
        'r.id as revisionId',
        'r.entry_id as entryId',
        'r.occurred_at as occurredAt',
        'r.site_id as siteId',
        's.name as siteName',
      ])
      .where('p.canonical_id', '=', canonicalId)
      .where('r.kind', '=', 'encounter')
      .orderBy('r.occurred_at', 'desc')
      .orderBy('r.entry_id', 'desc')
      .limit(1),
  );
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
