/**
 * Presets: named bundles of supplies a worker adds in one key ("standard injection kit x2").
 * Program configuration, not facts: a preset is edited in place (audited, before and after) and
 * retired by deactivating it. Its lines are kept as JSON with the preset so an edit replaces
 * them without deleting rows.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE presets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    lines_json TEXT NOT NULL CHECK (json_valid(lines_json) AND json_type(lines_json) = 'array'),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE UNIQUE INDEX presets_by_name ON presets (lower(name))`,
  `CREATE TRIGGER presets_no_delete BEFORE DELETE ON presets
   BEGIN SELECT RAISE(ABORT, 'presets rows are never deleted (deactivate or void instead)'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
