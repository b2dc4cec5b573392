/**
 * Finding a participant by a code with a typo, without reading every code at each keystroke: each
 * code is indexed under every string one or two deletions away from it (MA0785 under A0785,
 * M0785, ..., MA07 and so on). Two codes are within two typos or swaps of each other only if some
 * such deletion of one equals one of the other (or the code itself), so a search looks up the few
 * dozen deletions of what was typed and measures only the codes found. A trigger keeps the index
 * for every participant however it is written (a save, the demo, later an import or a sync).
 */
import { sql, type Kysely } from 'kysely';

/** The positions a character can be deleted from: codes are at most 32 characters. */
const positions = `json_each('[${Array.from({ length: 32 }, (_, index) => index + 1).join(',')}]')`;

/** Every string one or two deletions away from each code `codes` (a query of `code`) yields, with the code. */
function deletionsOf(codes: string): string {
  const once = `SELECT c.code, substr(c.code, 1, a.value - 1) || substr(c.code, a.value + 1) AS variant
    FROM (${codes}) c JOIN ${positions} a ON a.value <= length(c.code)`;
  return `SELECT variant, code FROM (${once})
    UNION SELECT substr(one.variant, 1, b.value - 1) || substr(one.variant, b.value + 1), one.code
    FROM (${once}) one JOIN ${positions} b ON b.value <= length(one.variant)`;
}

const statements = [
  `CREATE TABLE participant_code_variants (
    variant TEXT NOT NULL,
    code TEXT NOT NULL REFERENCES participants (code),
    PRIMARY KEY (variant, code)
  ) STRICT, WITHOUT ROWID`,
  `INSERT OR IGNORE INTO participant_code_variants (variant, code)
     ${deletionsOf('SELECT code FROM participants')}`,
  `CREATE TRIGGER participants_code_variants AFTER INSERT ON participants
   BEGIN
     INSERT OR IGNORE INTO participant_code_variants (variant, code) ${deletionsOf('SELECT NEW.code AS code')};
   END`,
  // Codes are never changed once given; should one ever be, its variants follow.
  `CREATE TRIGGER participants_code_variants_update AFTER UPDATE OF code ON participants
   BEGIN
     DELETE FROM participant_code_variants WHERE code = OLD.code;
     INSERT OR IGNORE INTO participant_code_variants (variant, code) ${deletionsOf('SELECT NEW.code AS code')};
   END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
