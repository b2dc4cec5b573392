/**
 * The core data model. Frozen once released: later changes are new migrations.
 *
 * Conventions, all for a later sync to a hub:
 * - every record has a UUIDv7 key, the device that created it (origin_device_id), who created it,
 *   and created/updated timestamps (ISO 8601, UTC);
 * - facts are immutable: field entries change by new revisions, voids are records of their own,
 *   stock moves by appending movements (a reversal is a new, negated movement); triggers refuse
 *   UPDATE and DELETE on every fact table;
 * - dates that reports group by (local_date) are computed once, in the program's time zone, when
 *   the record is written, together with the factors used for estimates, so changing a setting
 *   never rewrites the past;
 * - the rollup tables (daily_*, participant_site_days) and stock_balances are caches maintained in
 *   the same transaction as every write; `verify` proves they equal the facts.
 */
import { sql, type Kysely } from 'kysely';

const record = `
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL`;
const mutableRecord = `${record},
    updated_at TEXT NOT NULL`;
const isoDate = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const flag = (column: string, fallback: 0 | 1) =>
  `${column} INTEGER NOT NULL DEFAULT ${fallback} CHECK (${column} IN (0, 1))`;

const factTables = [
  'kit_versions',
  'kit_components',
  'participant_merges',
  'field_entry_revisions',
  'field_entry_lines',
  'field_entry_services',
  'field_entry_reversals',
  'field_entry_unmet_requests',
  'field_entry_voids',
  'receipts',
  'stock_movements',
  'audit_log',
];

/** Records that change (names, active flags, merge state) but are never deleted: deactivate instead. */
const entityTables = [
  'device',
  'staff',
  'program_settings',
  'sites',
  'items',
  'lots',
  'service_types',
  'participants',
  'field_entries',
];

const statements: string[] = [
  `CREATE TABLE device (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
  ) STRICT`,

  `CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 80),
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'outreach_worker', 'viewer')),
    ${flag('active', 1)},
    origin_device_id TEXT NOT NULL,
    created_by TEXT REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,

  `CREATE TABLE program_settings (
    id TEXT PRIMARY KEY CHECK (id = 'program'),
    program_name TEXT NOT NULL CHECK (length(trim(program_name)) BETWEEN 1 AND 120),
    time_zone TEXT NOT NULL,
    participant_code_formula TEXT NOT NULL CHECK (participant_code_formula IN
      ('gender_letters_year', 'mother_month_year', 'surname_mother_day', 'free')),
    syringes_per_container REAL NOT NULL CHECK (syringes_per_container > 0),
    syringes_per_pound REAL NOT NULL CHECK (syringes_per_pound > 0),
    expiry_warning_days INTEGER NOT NULL CHECK (expiry_warning_days BETWEEN 0 AND 3650),
    small_cell_threshold INTEGER NOT NULL CHECK (small_cell_threshold BETWEEN 1 AND 100),
    stock_start_date TEXT NOT NULL ${isoDate('stock_start_date')},
    default_language TEXT NOT NULL CHECK (default_language IN ('en', 'es')),
    updated_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL
  ) STRICT`,

  `CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    site_type TEXT NOT NULL CHECK (site_type IN
      ('fixed', 'drop_in', 'mobile_van', 'street_outreach', 'satellite', 'mail_delivery')),
    ${flag('active', 1)},
    ${mutableRecord}
  ) STRICT`,
  `CREATE UNIQUE INDEX sites_by_name ON sites (lower(name))`,

  `CREATE TABLE items (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    sku TEXT CHECK (sku IS NULL OR length(sku) BETWEEN 1 AND 60),
    category TEXT NOT NULL CHECK (category IN ('syringe', 'naloxone', 'smoking', 'safer_sex',
      'fentanyl_test_strip', 'xylazine_test_strip', 'wound_care', 'hygiene', 'sharps_container', 'other')),
    unit TEXT NOT NULL CHECK (length(trim(unit)) BETWEEN 1 AND 40),
    units_per_pack INTEGER NOT NULL DEFAULT 1 CHECK (units_per_pack BETWEEN 1 AND 100000),
    naloxone_form TEXT CHECK (naloxone_form IN ('nasal', 'intramuscular')),
    doses_per_unit INTEGER CHECK (doses_per_unit BETWEEN 1 AND 100),
    ${flag('tracks_lots', 0)},
    ${flag('is_kit', 0)},
    ${flag('is_common', 0)},
    ${flag('active', 1)},
    ${mutableRecord},
    CHECK ((category = 'naloxone') = (naloxone_form IS NOT NULL AND doses_per_unit IS NOT NULL)),
    CHECK (category = 'naloxone' OR (naloxone_form IS NULL AND doses_per_unit IS NULL))
  ) STRICT`,
  `CREATE UNIQUE INDEX items_by_name ON items (lower(name))`,
  `CREATE UNIQUE INDEX items_by_sku ON items (sku) WHERE sku IS NOT NULL`,

  `CREATE TABLE kit_versions (
    id TEXT PRIMARY KEY,
    kit_item_id TEXT NOT NULL REFERENCES items (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    ${record},
    UNIQUE (kit_item_id, version)
  ) STRICT`,
  `CREATE TABLE kit_components (
    kit_version_id TEXT NOT NULL REFERENCES kit_versions (id),
    component_item_id TEXT NOT NULL REFERENCES items (id),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 10000),
    PRIMARY KEY (kit_version_id, component_item_id)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE lots (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (id),
    lot_number TEXT NOT NULL CHECK (length(trim(lot_number)) BETWEEN 1 AND 60),
    expires_on TEXT ${isoDate('expires_on')},
    kit_version_id TEXT REFERENCES kit_versions (id),
    ${record},
    UNIQUE (item_id, lot_number)
  ) STRICT`,

  `CREATE TABLE service_types (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    kind TEXT NOT NULL CHECK (kind IN ('service', 'referral')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    ${flag('active', 1)},
    ${mutableRecord}
  ) STRICT`,
  `CREATE UNIQUE INDEX service_types_by_name ON service_types (lower(name))`,

  `CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (code GLOB '[A-Z0-9]*' AND length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^A-Z0-9-]*'),
    formula TEXT NOT NULL CHECK (formula IN ('gender_letters_year', 'mother_month_year', 'surname_mother_day', 'free')),
    merged_into_id TEXT REFERENCES participants (id),
    canonical_id TEXT NOT NULL REFERENCES participants (id),
    first_seen_on TEXT,
    first_seen_site_id TEXT REFERENCES sites (id),
    ${mutableRecord},
    CHECK (merged_into_id IS NULL OR merged_into_id <> id)
  ) STRICT`,
  `CREATE INDEX participants_by_canonical ON participants (canonical_id)`,
  `CREATE INDEX participants_by_merged_into ON participants (merged_into_id) WHERE merged_into_id IS NOT NULL`,
  `CREATE INDEX participants_by_first_seen ON participants (first_seen_on, first_seen_site_id) WHERE canonical_id = id`,

  `CREATE TABLE participant_merges (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'unmerge')),
    from_participant_id TEXT NOT NULL REFERENCES participants (id),
    into_participant_id TEXT NOT NULL REFERENCES participants (id),
    undoes_merge_id TEXT REFERENCES participant_merges (id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    ${record},
    CHECK ((kind = 'unmerge') = (undoes_merge_id IS NOT NULL))
  ) STRICT`,

  `CREATE TABLE field_entries (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('encounter', 'tally')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'voided')),
    current_revision INTEGER NOT NULL CHECK (current_revision >= 1),
    ${mutableRecord}
  ) STRICT`,

  `CREATE TABLE field_entry_revisions (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES field_entries (id),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    site_id TEXT NOT NULL REFERENCES sites (id),
    occurred_at TEXT NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    contact_type TEXT CHECK (contact_type IN ('in_person', 'delivery', 'phone', 'virtual')),
    participant_id TEXT REFERENCES participants (id),
    contacts INTEGER NOT NULL CHECK (contacts BETWEEN 1 AND 100000),
    on_behalf_of INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf_of BETWEEN 0 AND 1000),
    collected_counted INTEGER NOT NULL DEFAULT 0 CHECK (collected_counted BETWEEN 0 AND 1000000),
    collected_containers REAL NOT NULL DEFAULT 0 CHECK (collected_containers BETWEEN 0 AND 10000),
    collected_pounds REAL NOT NULL DEFAULT 0 CHECK (collected_pounds BETWEEN 0 AND 100000),
    syringes_per_container REAL NOT NULL CHECK (syringes_per_container > 0),
    syringes_per_pound REAL NOT NULL CHECK (syringes_per_pound > 0),
    collected_estimated INTEGER NOT NULL DEFAULT 0 CHECK (collected_estimated >= 0),
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    moves_stock INTEGER NOT NULL CHECK (moves_stock IN (0, 1)),
    change_reason TEXT CHECK (change_reason IS NULL OR length(change_reason) <= 500),
    ${record},
    UNIQUE (entry_id, revision)
  ) STRICT`,
  `CREATE INDEX field_entry_revisions_by_participant ON field_entry_revisions (participant_id) WHERE participant_id IS NOT NULL`,
  `CREATE INDEX field_entry_revisions_by_date ON field_entry_revisions (local_date, site_id)`,

  // What reports read: the current revision of every entry that is not voided.
  `CREATE VIEW current_revisions AS
    SELECT r.*, e.kind
    FROM field_entries e
    JOIN field_entry_revisions r ON r.entry_id = e.id AND r.revision = e.current_revision
    WHERE e.status = 'active'`,

  `CREATE TABLE field_entry_lines (
    id TEXT PRIMARY KEY,
    revision_id TEXT NOT NULL REFERENCES field_entry_revisions (id),
    line_no INTEGER NOT NULL CHECK (line_no >= 1),
    item_id TEXT NOT NULL REFERENCES items (id),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 100000),
    lot_id TEXT REFERENCES lots (id),
    kit_version_id TEXT REFERENCES kit_versions (id),
    doses_per_unit INTEGER CHECK (doses_per_unit BETWEEN 1 AND 100),
    UNIQUE (revision_id, line_no)
  ) STRICT`,
  `CREATE INDEX field_entry_lines_by_item ON field_entry_lines (item_id)`,

  `CREATE TABLE field_entry_services (
    revision_id TEXT NOT NULL REFERENCES field_entry_revisions (id),
    service_type_id TEXT NOT NULL REFERENCES service_types (id),
    PRIMARY KEY (revision_id, service_type_id)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE field_entry_reversals (
    id TEXT PRIMARY KEY,
    revision_id TEXT NOT NULL REFERENCES field_entry_revisions (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('survived', 'died', 'unknown')),
    doses_used INTEGER CHECK (doses_used BETWEEN 1 AND 50),
    note TEXT CHECK (note IS NULL OR length(note) <= 500)
  ) STRICT`,
  `CREATE INDEX field_entry_reversals_by_revision ON field_entry_reversals (revision_id)`,

  `CREATE TABLE field_entry_unmet_requests (
    id TEXT PRIMARY KEY,
    revision_id TEXT NOT NULL REFERENCES field_entry_revisions (id),
    item_id TEXT NOT NULL REFERENCES items (id),
    reason TEXT NOT NULL CHECK (reason IN ('out_of_stock', 'not_carried')),
    units INTEGER CHECK (units BETWEEN 1 AND 100000)
  ) STRICT`,
  `CREATE INDEX field_entry_unmet_requests_by_revision ON field_entry_unmet_requests (revision_id)`,

  `CREATE TABLE field_entry_voids (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL UNIQUE REFERENCES field_entries (id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    ${record}
  ) STRICT`,

  `CREATE TABLE receipts (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites (id),
    item_id TEXT NOT NULL REFERENCES items (id),
    lot_id TEXT REFERENCES lots (id),
    source TEXT CHECK (source IS NULL OR length(source) <= 120),
    packs INTEGER CHECK (packs BETWEEN 1 AND 100000),
    units_per_pack INTEGER NOT NULL CHECK (units_per_pack >= 1),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 10000000),
    received_at TEXT NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    ${record}
  ) STRICT`,

  `CREATE TABLE stock_movements (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'distribution', 'transfer_sent', 'transfer_received',
      'adjustment', 'kit_assembly', 'kit_disassembly', 'count_correction', 'disposal')),
    site_id TEXT NOT NULL REFERENCES sites (id),
    item_id TEXT NOT NULL REFERENCES items (id),
    lot_id TEXT REFERENCES lots (id),
    units INTEGER NOT NULL CHECK (units <> 0),
    shortfall INTEGER NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
    occurred_at TEXT NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    source_type TEXT NOT NULL CHECK (source_type IN ('field_entry', 'receipt', 'transfer', 'adjustment',
      'kit_assembly', 'count', 'disposal')),
    source_id TEXT NOT NULL,
    source_revision_id TEXT,
    reverses_movement_id TEXT REFERENCES stock_movements (id),
    ${record}
  ) STRICT`,
  `CREATE INDEX stock_movements_by_source ON stock_movements (source_id)`,
  `CREATE INDEX stock_movements_by_site_item ON stock_movements (site_id, item_id, lot_id)`,
  `CREATE INDEX stock_movements_by_lot ON stock_movements (lot_id) WHERE lot_id IS NOT NULL`,

  `CREATE TABLE stock_balances (
    site_id TEXT NOT NULL REFERENCES sites (id),
    item_id TEXT NOT NULL REFERENCES items (id),
    lot_key TEXT NOT NULL,
    lot_id TEXT REFERENCES lots (id),
    units INTEGER NOT NULL,
    PRIMARY KEY (site_id, item_id, lot_key),
    CHECK ((lot_id IS NULL AND lot_key = '') OR lot_key = lot_id)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    staff_id TEXT,
    device_id TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id)`,

  `CREATE TABLE daily_site_counts (
    site_id TEXT NOT NULL REFERENCES sites (id),
    local_date TEXT NOT NULL,
    encounters INTEGER NOT NULL DEFAULT 0,
    anonymous_encounters INTEGER NOT NULL DEFAULT 0,
    tallies INTEGER NOT NULL DEFAULT 0,
    tally_contacts INTEGER NOT NULL DEFAULT 0,
    secondary_encounters INTEGER NOT NULL DEFAULT 0,
    secondary_people INTEGER NOT NULL DEFAULT 0,
    collected_counted INTEGER NOT NULL DEFAULT 0,
    collected_estimated INTEGER NOT NULL DEFAULT 0,
    reversals INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, local_date)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX daily_site_counts_by_date ON daily_site_counts (local_date)`,

  `CREATE TABLE daily_item_units (
    site_id TEXT NOT NULL REFERENCES sites (id),
    local_date TEXT NOT NULL,
    item_id TEXT NOT NULL REFERENCES items (id),
    units INTEGER NOT NULL DEFAULT 0,
    units_in_kits INTEGER NOT NULL DEFAULT 0,
    doses INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, local_date, item_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX daily_item_units_by_date ON daily_item_units (local_date)`,

  `CREATE TABLE daily_service_counts (
    site_id TEXT NOT NULL REFERENCES sites (id),
    local_date TEXT NOT NULL,
    service_type_id TEXT NOT NULL REFERENCES service_types (id),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, local_date, service_type_id)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE daily_unmet_requests (
    site_id TEXT NOT NULL REFERENCES sites (id),
    local_date TEXT NOT NULL,
    item_id TEXT NOT NULL REFERENCES items (id),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, local_date, item_id)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE participant_site_days (
    participant_id TEXT NOT NULL REFERENCES participants (id),
    site_id TEXT NOT NULL REFERENCES sites (id),
    local_date TEXT NOT NULL,
    encounters INTEGER NOT NULL CHECK (encounters > 0),
    first_at TEXT NOT NULL,
    PRIMARY KEY (participant_id, site_id, local_date)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX participant_site_days_by_date ON participant_site_days (local_date, site_id, participant_id)`,

  ...factTables.flatMap((table) => [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never changed (write a correction instead)'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never deleted (void or reverse instead)'); END`,
  ]),
  ...entityTables.map(
    (table) => `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are never deleted (deactivate or void instead)'); END`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
