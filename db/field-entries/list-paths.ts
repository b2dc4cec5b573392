/**
 * The item filter's own index: which items each entry's current revision holds, in list order
 * (field_entry_item_times, one row per item). A cache kept in the write that changes an entry's
 * current revision, like the rollups; a void keeps it, so "include voided" still finds the entry.
 */
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import type { FieldEntryKind } from '../contract/vocabulary';

interface ListedRevision {
  entryId: string;
  kind: FieldEntryKind;
  occurredAt: string;
  revisionId: string;
}

/** Lists the entry under every item its (new) current revision holds. */
export function listItemsOf(db: WritableDatabase, revision: ListedRevision): void {
  db.statement(
    `INSERT OR IGNORE INTO field_entry_item_times (item_id, kind, occurred_at, entry_id)
     SELECT item_id, ?, ?, ? FROM field_entry_lines WHERE revision_id = ?`,
  ).run(revision.kind, revision.occurredAt, revision.entryId, revision.revisionId);
}

/** Takes the entry off the items of a revision that is no longer its current one. */
export function unlistItemsOf(db: WritableDatabase, revision: ListedRevision): void {
  db.statement(
    `DELETE FROM field_entry_item_times
     WHERE kind = ? AND occurred_at = ? AND entry_id = ?
       AND item_id IN (SELECT item_id FROM field_entry_lines WHERE revision_id = ?)`,
  ).run(revision.kind, revision.occurredAt, revision.entryId, revision.revisionId);
}

/** Rebuilds the whole index from the facts (after a bulk load), inside the caller's write. */
export function rebuildListPaths(db: WritableDatabase): void {
  db.statement(
    `UPDATE field_entries SET (current_occurred_at, current_site_id, current_local_date) = (
       SELECT r.occurred_at, r.site_id, r.local_date FROM field_entry_revisions r
       WHERE r.entry_id = field_entries.id AND r.revision = field_entries.current_revision)`,
  ).run();
  db.statement(`DELETE FROM field_entry_item_times`).run();
  db.statement(
    `INSERT INTO field_entry_item_times (item_id, kind, occurred_at, entry_id)
     SELECT DISTINCT l.item_id, e.kind, r.occurred_at, e.id
     FROM field_entries e
     JOIN field_entry_revisions r ON r.entry_id = e.id AND r.revision = e.current_revision
     JOIN field_entry_lines l ON l.revision_id = r.id`,
  ).run();
}

/**
 * How far the lists' caches are from the facts: entry rows whose copy of their current revision
 * differs, current items with no row in the item index, and rows there that no current item
 * accounts for (every row, less those found). Each a walk of one table with key lookups into the
 * others: bounded memory, no sorting into temporary files.
 */
export function checkListPaths(db: ReadableDatabase): { rows: number; mismatches: number } {
  const count = (sqlText: string) => (db.statement(sqlText).get() as { n: number }).n;
  const entries = count(
    `SELECT count(*) AS n FROM field_entries e
     LEFT JOIN field_entry_revisions r ON r.entry_id = e.id AND r.revision = e.current_revision
     WHERE r.id IS NULL OR e.current_occurred_at IS NOT r.occurred_at
       OR e.current_site_id IS NOT r.site_id OR e.current_local_date IS NOT r.local_date`,
  );
  // Each current (entry, item) once, however many lines of the item the revision has.
  const current = db
    .statement(
      `SELECT count(*) AS items, coalesce(sum(EXISTS (
         SELECT 1 FROM field_entry_item_times t
         WHERE t.item_id = l.item_id AND t.kind = e.kind AND t.occurred_at = r.occurred_at AND t.entry_id = e.id)), 0) AS found
       FROM field_entries e
       JOIN field_entry_revisions r ON r.entry_id = e.id AND r.revision = e.current_revision
       JOIN field_entry_lines l ON l.revision_id = r.id
       WHERE NOT EXISTS (
         SELECT 1 FROM field_entry_lines earlier
         WHERE earlier.revision_id = l.revision_id AND earlier.line_no < l.line_no AND earlier.item_id = l.item_id)`,
    )
    .get() as { items: number; found: number };
  const rows = count(`SELECT count(*) AS n FROM field_entry_item_times`);
  return { rows, mismatches: entries + (current.items - current.found) + (rows - current.found) };
}
