/**
 * Syringes collected away from an encounter: a kiosk or a drop box emptied, a community sweep.
 * They count in "syringes collected" like any return, so they are facts in the compact style of
 * field entries (0009): a collection row (its id, where it stands now, who logged it) with
 * immutable revisions (a correction is a new one) and a void record with a reason; nothing is
 * changed in place or deleted. A revision holds the day it was collected as typed (a kiosk is
 * emptied on a day, at no instant anyone noted), counted syringes or containers and weight with
 * the factors in force when it was saved and the estimate they gave, as encounters store theirs.
 * source is a position in collectionSources (from 1). A collection may keep the key of the form
 * it was saved from, as entries do (0010). Field entries get an index of active entries by day and
 * instant, for re-filing. Frozen.
 */
import { sql, type Kysely } from 'kysely';

const isoDate = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const written = `
    origin_device_key INTEGER NOT NULL REFERENCES device (key),
    created_by_key INTEGER NOT NULL REFERENCES staff (key),
    created_ms INTEGER NOT NULL`;

const statements = [
  // Re-filing (db/field-entries/refile.ts) reads, for each day active entries are filed on, those
  // whose instant is before the day's first one in the program's zone or from the next day's
  // on: two ranges here, where it used to read every entry. It belongs with 0009's indexes of
  // field entries; it is added here as 0011 had not yet been released when re-filing needed it.
  // kind makes it covering: the preview counts encounters and tallies apart.
  `CREATE INDEX field_entries_by_date_time ON field_entries (current_local_date, current_occurred_ms, kind)
   WHERE status = 'active'`,

  // The current_* columns copy the current revision's site and day: the list pages by them.
  `CREATE TABLE collections (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'voided')),
    current_revision INTEGER NOT NULL CHECK (current_revision >= 1),
    current_site_key INTEGER NOT NULL REFERENCES sites (key),
    current_local_date TEXT NOT NULL ${isoDate('current_local_date')},
    form_key BLOB CHECK (form_key IS NULL OR length(form_key) = 16),
    ${written},
    updated_ms INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX collections_by_date ON collections (current_local_date, key)`,
  `CREATE INDEX collections_by_site_date ON collections (current_site_key, current_local_date, key)`,
  `CREATE UNIQUE INDEX collections_by_form_key ON collections (form_key) WHERE form_key IS NOT NULL`,

  // Counted, or estimated from containers and weight: never both, and never nothing.
  `CREATE TABLE collection_revisions (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    collection_key INTEGER NOT NULL REFERENCES collections (key),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    replaces_revision_key INTEGER REFERENCES collection_revisions (key),
    site_key INTEGER NOT NULL REFERENCES sites (key),
    local_date TEXT NOT NULL ${isoDate('local_date')},
    source INTEGER NOT NULL CHECK (source BETWEEN 1 AND 4),
    collected_counted INTEGER NOT NULL DEFAULT 0 CHECK (collected_counted BETWEEN 0 AND 1000000),
    collected_containers REAL NOT NULL DEFAULT 0 CHECK (collected_containers BETWEEN 0 AND 10000),
    collected_pounds REAL NOT NULL DEFAULT 0 CHECK (collected_pounds BETWEEN 0 AND 100000),
    syringes_per_container REAL NOT NULL CHECK (syringes_per_container > 0),
    syringes_per_pound REAL NOT NULL CHECK (syringes_per_pound > 0),
    collected_estimated INTEGER NOT NULL DEFAULT 0 CHECK (collected_estimated >= 0),
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    change_reason TEXT CHECK (change_reason IS NULL OR length(change_reason) <= 500),
    ${written},
    UNIQUE (collection_key, revision),
    CHECK (collected_counted > 0 OR collected_containers > 0 OR collected_pounds > 0),
    CHECK (collected_counted = 0 OR (collected_containers = 0 AND collected_pounds = 0))
  ) STRICT`,
  // The rollup check walks current revisions by day then site, as it walks field entries'.
  `CREATE INDEX collection_revisions_by_date ON collection_revisions (local_date, site_key)`,

  `CREATE VIEW current_collections AS
    SELECT r.*
    FROM collections c
    JOIN collection_revisions r ON r.collection_key = c.key AND r.revision = c.current_revision
    WHERE c.status = 'active'`,

  `CREATE TABLE collection_voids (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    collection_key INTEGER NOT NULL UNIQUE REFERENCES collections (key),
    reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    ${written}
  ) STRICT`,

  ...['collection_revisions', 'collection_voids'].flatMap((table) => [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never changed (write a correction instead)'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never deleted (void or reverse instead)'); END`,
  ]),
  `CREATE TRIGGER collections_no_delete BEFORE DELETE ON collections
   BEGIN SELECT RAISE(ABORT, 'collections rows are never deleted (deactivate or void instead)'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
