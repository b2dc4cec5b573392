/**
 * A participant's visits in time order. Their last visit (shown with every search result and on
 * the log screen) and their list of entries are read newest first: with the revisions indexed by
 * participant and instant, that is a short walk back from the newest instead of reading every
 * visit they ever made and sorting them. The revision number is in the index too, so telling a
 * current revision from a replaced one needs no read of the revision itself.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `DROP INDEX field_entry_revisions_by_participant`,
  `CREATE INDEX field_entry_revisions_by_participant_time ON field_entry_revisions (participant_id, occurred_at, entry_id, revision)
     WHERE participant_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
