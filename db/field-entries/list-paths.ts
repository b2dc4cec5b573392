/**
 * The item filter's own index: which items each entry's current revision holds, in list order
 * (field_entry_item_times, one row per item). A cache kept in the write that changes an entry's
 * current revision, like the rollups; a void keeps it, so "include voided" still finds the entry.
 */
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import type { FieldEntryKind } from '../contract/vocabulary';
import { storedCodes } from '../platform/stored-codes';

interface ListedRevision {
  entryKey: number;
  kind: FieldEntryKind;
  occurredMs: number;
  revisionKey: number;
}

/** Lists the entry under every item its (new) current revision holds. */
export function listItemsOf(db: WritableDatabase, revision: ListedRevision): void {
  db.statement(
    `INSERT OR IGNORE INTO field_entry_item_times (item_key, kind, occurred_ms, entry_key)
     SELECT item_key, ?, ?, ? FROM field_entry_lines WHERE revision_key = ?`,
  ).run(storedCodes.entryKind.code(revision.kind), revision.occurredMs, revision.entryKey, revision.revisionKey);
}

/** Takes the entry off the items of a revision that is no longer its current one. */
export function unlistItemsOf(db: WritableDatabase, revision: ListedRevision): void {
  db.statement(
    `DELETE FROM field_entry_item_times
     WHERE kind = ? AND occurred_ms = ? AND entry_key = ?
       AND item_key IN (SELECT item_key FROM field_entry_lines WHERE revision_key = ?)`,
  ).run(storedCodes.entryKind.code(revision.kind), revision.occurredMs, revision.entryKey, revision.revisionKey);
}

/** Rebuilds the whole index from the facts (after a bulk load), inside the caller's write. */
export function rebuildListPaths(db: WritableDatabase): void {
  db.statement(
    `UPDATE field_entries SET (current_occurred_ms, current_site_key, current_local_date) = (
       SELECT r.occurred_ms, r.site_key, r.local_date FROM field_entry_revisions r
       WHERE r.entry_key = field_entries.key AND r.revision = field_entries.current_revision)`,
  ).run();
  db.statement(`DELETE FROM field_entry_item_times`).run();
  db.statement(
    `INSERT INTO field_entry_item_times (item_key, kind, occurred_ms, entry_key)
     SELECT DISTINCT l.item_key, e.kind, r.occurred_ms, e.key
     FROM field_entries e
     JOIN field_entry_revisions r ON r.entry_key = e.key AND r.revision = e.current_revision
     JOIN field_entry_lines l ON l.revision_key = r.key`,
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
     LEFT JOIN field_entry_revisions r ON r.entry_key = e.key AND r.revision = e.current_revision
     WHERE r.key IS NULL OR e.current_occurred_ms IS NOT r.occurred_ms
       OR e.current_site_key IS NOT r.site_key OR e.current_local_date IS NOT r.local_date`,
  );
  // Each current (entry, item) once, however many lines of the item the revision has.
  const current = db
    .statement(
      `SELECT count(*) AS items, coalesce(sum(EXISTS (
         SELECT 1 FROM field_entry_item_times t
         WHERE t.item_key = l.item_key AND t.kind = e.kind AND t.occurred_ms = r.occurred_ms AND t.entry_key = e.key)), 0) AS found
       FROM field_entries e
       JOIN field_entry_revisions r ON r.entry_key = e.key AND r.revision = e.current_revision
       JOIN field_entry_lines l ON l.revision_key = r.key
       WHERE NOT EXISTS (
         SELECT 1 FROM field_entry_lines earlier
         WHERE earlier.revision_key = l.revision_key AND earlier.line_no < l.line_no AND earlier.item_key = l.item_key)`,
    )
    .get() as { items: number; found: number };
  const rows = count(`SELECT count(*) AS n FROM field_entry_item_times`);
  return { rows, mismatches: entries + (current.items - current.found) + (rows - current.found) };
}
