/**
 * The Encounters list pages through entries newest first (occurred_at, then id, both descending)
 * with a keyset cursor. Without an index on that order every page scanned and sorted every entry;
 * with it a page reads only its own rows, and a page after a cursor seeks straight to it.
 * Revisions carry entry_id, the same value as the entry's id the list is ordered by.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE INDEX field_entry_revisions_by_occurred_at ON field_entry_revisions (occurred_at, entry_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
