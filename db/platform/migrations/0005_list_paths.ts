/**
 * Every list the screens page through gets an index in its own order. An entry row now carries
 * its current revision's instant, site and day (a cache kept with current_revision), so the
 * Encounters and Tallies lists, by site or by who logged them, each walk one index newest first
 * and stop after a page; before, the tallies walked every encounter's revision to find none. The
 * item filter gets a table of its own in the same order: which items each entry's current
 * revision holds (one row per item), so a page of entries with naloxone reads a page of rows.
 *
 * The revisions' own time index (0003) served only the list, and goes.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE field_entries ADD COLUMN current_occurred_at TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE field_entries ADD COLUMN current_site_id TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE field_entries ADD COLUMN current_local_date TEXT NOT NULL DEFAULT ''`,
  `UPDATE field_entries SET (current_occurred_at, current_site_id, current_local_date) = (
     SELECT r.occurred_at, r.site_id, r.local_date FROM field_entry_revisions r
     WHERE r.entry_id = field_entries.id AND r.revision = field_entries.current_revision)`,
  `DROP INDEX field_entry_revisions_by_occurred_at`,
  `CREATE INDEX field_entries_by_time ON field_entries (kind, current_occurred_at, id)`,
  `CREATE INDEX field_entries_by_site_time ON field_entries (kind, current_site_id, current_occurred_at, id)`,
  `CREATE INDEX field_entries_by_staff_time ON field_entries (kind, created_by, current_occurred_at, id)`,

  `CREATE TABLE field_entry_item_times (
    item_id TEXT NOT NULL REFERENCES items (id),
    kind TEXT NOT NULL CHECK (kind IN ('encounter', 'tally')),
    occurred_at TEXT NOT NULL,
    entry_id TEXT NOT NULL REFERENCES field_entries (id),
    PRIMARY KEY (item_id, kind, occurred_at, entry_id)
  ) STRICT, WITHOUT ROWID`,
  `INSERT INTO field_entry_item_times (item_id, kind, occurred_at, entry_id)
     SELECT DISTINCT l.item_id, e.kind, r.occurred_at, e.id
     FROM field_entries e
     JOIN field_entry_revisions r ON r.entry_id = e.id AND r.revision = e.current_revision
     JOIN field_entry_lines l ON l.revision_id = r.id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
