/**
 * Undo becomes explicit. A void record now says how the entry was taken back: `void` (with a
 * reason someone typed) or `undo` (its author took back a save right after making it). Earlier
 * versions wrote an undo as a void with the reason "undone", exactly, so those become undos; the
 * audit log is left as it is, each row keeping the hash and the words it was written with.
 *
 * field_entry_voids is a fact table (no UPDATE): its guard is lifted for this one mapping and put
 * back as it was, inside the migration's transaction.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `DROP TRIGGER field_entry_voids_no_update`,
  `ALTER TABLE field_entry_voids ADD COLUMN kind TEXT NOT NULL DEFAULT 'void' CHECK (kind IN ('void', 'undo'))`,
  `UPDATE field_entry_voids SET kind = 'undo' WHERE reason = 'undone'`,
  `CREATE TRIGGER field_entry_voids_no_update BEFORE UPDATE ON field_entry_voids
     BEGIN SELECT RAISE(ABORT, 'field_entry_voids rows are facts: they are never changed (write a correction instead)'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
