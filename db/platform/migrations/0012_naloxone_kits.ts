/**
 * A kit in the naloxone category needs no naloxone form or doses per unit of its own: the
 * naloxone items in it carry them. 0009's items table demanded both of every naloxone item; its
 * CHECK now lets a kit go without. Loosening a CHECK touches no stored row, so the definition is
 * rewritten in place (`rewritesDefinitions`, see migrate.ts) instead of rebuilding items, which
 * every kit, lot, movement and entry line refers to. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export const rewritesDefinitions = ['items'];

const naloxoneNeedsForm = `CHECK ((category = 'naloxone') = (naloxone_form IS NOT NULL AND doses_per_unit IS NOT NULL))`;
const exceptKits = `CHECK (is_kit = 1 OR (category = 'naloxone') = (naloxone_form IS NOT NULL AND doses_per_unit IS NOT NULL))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const result = await sql`
    UPDATE sqlite_schema SET sql = replace(sql, ${naloxoneNeedsForm}, ${exceptKits})
    WHERE type = 'table' AND name = 'items' AND instr(sql, ${naloxoneNeedsForm}) > 0`.execute(db);
  if (result.numAffectedRows !== 1n) {
    throw new Error('the items table is not defined as 0009_compact_file made it, so its CHECK was not rewritten');
  }
}
