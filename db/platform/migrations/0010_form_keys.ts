/**
 * An encounter or tally remembers the form it was saved from: 16 bytes, the form's UUID. The same
 * form saved twice (a second press of Save, a retry after an answer was lost) is answered with
 * what its first save made instead of a second record, and the key tells sync the same. Entries
 * saved before, and by callers that name no form, have none.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE field_entries ADD COLUMN form_key BLOB CHECK (form_key IS NULL OR length(form_key) = 16)`,
  `CREATE UNIQUE INDEX field_entries_by_form_key ON field_entries (form_key) WHERE form_key IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
