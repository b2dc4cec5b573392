/** The Encounters screen's lists: filters, and keyset pages in one order for both kinds. */
import type { ParsedInput } from '../contract';
import type { FieldEntry } from '../contract/field-entries';
import type { FieldEntryKind } from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';
import { readEntries } from './read';

/** A page of one kind's entries, newest first, narrowed by the filters given. */
export function listEntries(
  db: ReadableDatabase,
  kind: FieldEntryKind,
  input: ParsedInput<'encounters.list'>,
): FieldEntry[] {
  // Revisions first: every index that narrows a list is on revisions (date, participant, and the
  // list order itself, field_entry_revisions_by_occurred_at), and entries are found by primary key.
  // In SQLite a CROSS JOIN keeps that order; left to itself the planner would scan every entry and
  // sort them all for each page, however small.
  let query = db.query
    .selectFrom('field_entry_revisions as r')
    .crossJoin('field_entries as e')
    .whereRef('e.id', '=', 'r.entry_id')
    .whereRef('e.current_revision', '=', 'r.revision')
    .select('e.id')
    .where('e.kind', '=', kind);
  if (!input.includeVoided) query = query.where('e.status', '=', 'active');
  if (input.from) query = query.where('r.local_date', '>=', input.from);
  if (input.to) query = query.where('r.local_date', '<=', input.to);
  if (input.siteId) query = query.where('r.site_id', '=', input.siteId);
  if (input.staffId) query = query.where('e.created_by', '=', input.staffId);
  if (input.itemId) {
    const itemId = input.itemId;
    query = query.where((where) =>
      where.exists(
        where
          .selectFrom('field_entry_lines as l')
          .select('l.id')
          .whereRef('l.revision_id', '=', 'r.id')
          .where('l.item_id', '=', itemId),
      ),
    );
  }
  if (input.participantCode) {
    const code = input.participantCode;
    // A code finds the whole merged group: every code that is the same person.
    query = query.where((where) =>
      where(
        'r.participant_id',
        'in',
        where
          .selectFrom('participants as member')
          .select('member.id')
          .where(
            'member.canonical_id',
            '=',
            where.selectFrom('participants as named').select('named.canonical_id').where('named.code', '=', code),
          ),
      ),
    );
  }
  if (input.before) {
    // Keyset paging: only rows after the cursor in the ORDER BY below (older, or as old with a
    // smaller id). The row value compares exactly like that order, and SQLite seeks the index with it.
    const { occurredAt, id } = input.before;
    query = query.where((where) =>
      where(where.refTuple('r.occurred_at', 'r.entry_id'), '<', where.tuple(occurredAt, id)),
    );
  }
  // Newest first, ties on the instant broken by id (r.entry_id is e.id, and is in the index).
  const rows = db.all(
    query
      .orderBy('r.occurred_at', 'desc')
      .orderBy('r.entry_id', 'desc')
      .limit(input.limit ?? 50),
  );
  return readEntries(
    db,
    rows.map((row) => row.id),
  );
}
