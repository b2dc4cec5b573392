/**
 * The walking skeleton's tables. Frozen once released: later changes are new migrations.
 * Every record carries a UUIDv7 key, the device that created it and the acting staff member,
 * so records can later be merged into a hub without renumbering.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`CREATE TABLE device (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'outreach_worker', 'viewer')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin_device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    site_type TEXT NOT NULL CHECK (site_type IN
      ('fixed', 'drop_in', 'mobile_van', 'street_outreach', 'satellite', 'mail_delivery')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE TABLE items (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category TEXT NOT NULL CHECK (category IN ('syringe', 'naloxone', 'smoking', 'safer_sex',
      'fentanyl_test_strip', 'xylazine_test_strip', 'wound_care', 'hygiene', 'sharps_container', 'other')),
    unit TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE TABLE encounters (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites (id),
    occurred_at TEXT NOT NULL,
    participant_code TEXT CHECK (participant_code IS NULL OR length(participant_code) BETWEEN 1 AND 32),
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX encounters_by_time ON encounters (occurred_at DESC, id DESC)`,
  sql`CREATE TABLE encounter_lines (
    id TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters (id),
    item_id TEXT NOT NULL REFERENCES items (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX encounter_lines_by_encounter ON encounter_lines (encounter_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
