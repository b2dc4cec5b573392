/**
 * A compact file. Two million encounters took 2.7 KB each, most of it text UUIDs and ISO instants
 * repeated in every row and index, three indexes per supply line, and (in a real save) an audit
 * row holding a second full copy of the entry. The rules from here on:
 *
 * - every record gets `key INTEGER PRIMARY KEY`, a compact number local to this file; its `id`
 *   (UUIDv7 text) stays its identity across devices and in the contract. Configuration records
 *   (staff, sites, items, kits, lots, service types, presets, participants, merges, receipts,
 *   voids) keep their shape and their text references to one another;
 * - the facts written with every entry (entries, revisions and their lines, services, reversals
 *   and unmet requests, stock movements, the item index, participants' days, the rollups and the
 *   audit log) refer to records by `*_key`, hold instants as integer milliseconds (`*_ms`, UTC)
 *   and kinds as small codes (positions in the vocabulary lists, which only ever grow);
 * - children are keyed by their parent (a revision's line is (revision_key, line_no)), with no id
 *   or index of their own; a stock movement is identified by its source, revision and position;
 * - an audit row for a change whose result is kept as a fact (an entry's revision, a void) holds a
 *   digest of that result and the record's key instead of a copy; hashes are 16-byte digests.
 *
 * The old file is not rewritten: the migrator converts it into a new one (see conversion.ts),
 * checks it, and swaps it in. A new database starts from this schema directly. Frozen.
 */
import { createHash } from 'node:crypto';
import { auditHash, genesisHash } from '../audit-chain';
import type { Conversion, TableCopy } from '../conversion';
import type { AuditLogRow } from '../schema';

const isoDate = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const flag = (column: string, fallback: 0 | 1) =>
  `${column} INTEGER NOT NULL DEFAULT ${fallback} CHECK (${column} IN (0, 1))`;
const record = `
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL`;
const mutableRecord = `${record},
    updated_at TEXT NOT NULL`;
/** Who wrote a fact, compactly. */
const written = `
    origin_device_key INTEGER NOT NULL REFERENCES device (key),
    created_by_key INTEGER NOT NULL REFERENCES staff (key),
    created_ms INTEGER NOT NULL`;
const formulas = `('gender_letters_year', 'mother_month_year', 'surname_mother_day', 'free')`;

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
  'presets',
];

/** Every string one or two deletions away from each code `codes` (a query of `code`) yields (as 0006). */
const positions = `json_each('[${Array.from({ length: 32 }, (_, index) => index + 1).join(',')}]')`;
function deletionsOf(codes: string): string {
  const once = `SELECT c.code, substr(c.code, 1, a.value - 1) || substr(c.code, a.value + 1) AS variant
    FROM (${codes}) c JOIN ${positions} a ON a.value <= length(c.code)`;
  return `SELECT variant, code FROM (${once})
    UNION SELECT substr(one.variant, 1, b.value - 1) || substr(one.variant, b.value + 1), one.code
    FROM (${once}) one JOIN ${positions} b ON b.value <= length(one.variant)`;
}

const dailySiteColumns = `
    encounters INTEGER NOT NULL DEFAULT 0,
    anonymous_encounters INTEGER NOT NULL DEFAULT 0,
    tallies INTEGER NOT NULL DEFAULT 0,
    tally_contacts INTEGER NOT NULL DEFAULT 0,
    secondary_encounters INTEGER NOT NULL DEFAULT 0,
    secondary_people INTEGER NOT NULL DEFAULT 0,
    collected_counted INTEGER NOT NULL DEFAULT 0,
    collected_estimated INTEGER NOT NULL DEFAULT 0,
    reversals INTEGER NOT NULL DEFAULT 0`;
const itemUnitColumns = `
    units INTEGER NOT NULL DEFAULT 0,
    units_in_kits INTEGER NOT NULL DEFAULT 0,
    doses INTEGER NOT NULL DEFAULT 0`;

export const schema: readonly string[] = [
  `CREATE TABLE device (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  ) STRICT`,

  `CREATE TABLE staff (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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
    participant_code_formula TEXT NOT NULL CHECK (participant_code_formula IN ${formulas}),
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
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    site_type TEXT NOT NULL CHECK (site_type IN
      ('fixed', 'drop_in', 'mobile_van', 'street_outreach', 'satellite', 'mail_delivery')),
    ${flag('active', 1)},
    ${mutableRecord}
  ) STRICT`,
  `CREATE UNIQUE INDEX sites_by_name ON sites (lower(name))`,

  `CREATE TABLE items (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    item_id TEXT NOT NULL REFERENCES items (id),
    lot_number TEXT NOT NULL CHECK (length(trim(lot_number)) BETWEEN 1 AND 60),
    expires_on TEXT ${isoDate('expires_on')},
    kit_version_id TEXT REFERENCES kit_versions (id),
    ${record},
    UNIQUE (item_id, lot_number)
  ) STRICT`,

  `CREATE TABLE service_types (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    kind TEXT NOT NULL CHECK (kind IN ('service', 'referral')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    ${flag('active', 1)},
    ${mutableRecord}
  ) STRICT`,
  `CREATE UNIQUE INDEX service_types_by_name ON service_types (lower(name))`,

  `CREATE TABLE presets (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    lines_json TEXT NOT NULL CHECK (json_valid(lines_json) AND json_type(lines_json) = 'array'),
    sort_order INTEGER NOT NULL DEFAULT 0,
    ${flag('active', 1)},
    ${mutableRecord}
  ) STRICT`,
  `CREATE UNIQUE INDEX presets_by_name ON presets (lower(name))`,

  `CREATE TABLE participants (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE CHECK (code GLOB '[A-Z0-9]*' AND length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^A-Z0-9-]*'),
    formula TEXT NOT NULL CHECK (formula IN ${formulas}),
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

  `CREATE TABLE participant_code_variants (
    variant TEXT NOT NULL,
    code TEXT NOT NULL REFERENCES participants (code),
    PRIMARY KEY (variant, code)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TRIGGER participants_code_variants AFTER INSERT ON participants
   BEGIN
     INSERT OR IGNORE INTO participant_code_variants (variant, code) ${deletionsOf('SELECT NEW.code AS code')};
   END`,
  `CREATE TRIGGER participants_code_variants_update AFTER UPDATE OF code ON participants
   BEGIN
     DELETE FROM participant_code_variants WHERE code = OLD.code;
     INSERT OR IGNORE INTO participant_code_variants (variant, code) ${deletionsOf('SELECT NEW.code AS code')};
   END`,

  `CREATE TABLE participant_merges (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'unmerge')),
    from_participant_id TEXT NOT NULL REFERENCES participants (id),
    into_participant_id TEXT NOT NULL REFERENCES participants (id),
    undoes_merge_id TEXT REFERENCES participant_merges (id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    ${record},
    CHECK ((kind = 'unmerge') = (undoes_merge_id IS NOT NULL))
  ) STRICT`,

  // kind: 1 encounter, 2 tally (fieldEntryKinds). The current_* columns copy the current
  // revision's instant, site and day: the lists page by them.
  `CREATE TABLE field_entries (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'voided')),
    current_revision INTEGER NOT NULL CHECK (current_revision >= 1),
    current_occurred_ms INTEGER NOT NULL,
    current_site_key INTEGER NOT NULL REFERENCES sites (key),
    current_local_date TEXT NOT NULL ${isoDate('current_local_date')},
    ${written},
    updated_ms INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX field_entries_by_time ON field_entries (kind, current_occurred_ms, key)`,
  `CREATE INDEX field_entries_by_site_time ON field_entries (kind, current_site_key, current_occurred_ms, key)`,
  `CREATE INDEX field_entries_by_staff_time ON field_entries (kind, created_by_key, current_occurred_ms, key)`,

  // A revision's id is its identity for sync; it is found through its entry (a handful of
  // revisions each), so it needs no index of its own.
  `CREATE TABLE field_entry_revisions (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    entry_key INTEGER NOT NULL REFERENCES field_entries (key),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    replaces_revision_key INTEGER REFERENCES field_entry_revisions (key),
    site_key INTEGER NOT NULL REFERENCES sites (key),
    occurred_ms INTEGER NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    contact_type TEXT CHECK (contact_type IN ('in_person', 'delivery', 'phone', 'virtual')),
    participant_key INTEGER REFERENCES participants (key),
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
    ${written},
    UNIQUE (entry_key, revision)
  ) STRICT`,
  `CREATE INDEX field_entry_revisions_by_date ON field_entry_revisions (local_date, site_key)`,
  `CREATE INDEX field_entry_revisions_by_participant_time
     ON field_entry_revisions (participant_key, occurred_ms, entry_key, revision) WHERE participant_key IS NOT NULL`,

  `CREATE VIEW current_revisions AS
    SELECT r.*, e.kind
    FROM field_entries e
    JOIN field_entry_revisions r ON r.entry_key = e.key AND r.revision = e.current_revision
    WHERE e.status = 'active'`,

  `CREATE TABLE field_entry_lines (
    revision_key INTEGER NOT NULL REFERENCES field_entry_revisions (key),
    line_no INTEGER NOT NULL CHECK (line_no >= 1),
    item_key INTEGER NOT NULL REFERENCES items (key),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 100000),
    lot_key INTEGER REFERENCES lots (key),
    kit_version_key INTEGER REFERENCES kit_versions (key),
    doses_per_unit INTEGER CHECK (doses_per_unit BETWEEN 1 AND 100),
    PRIMARY KEY (revision_key, line_no)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE field_entry_services (
    revision_key INTEGER NOT NULL REFERENCES field_entry_revisions (key),
    service_type_key INTEGER NOT NULL REFERENCES service_types (key),
    PRIMARY KEY (revision_key, service_type_key)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE field_entry_reversals (
    revision_key INTEGER NOT NULL REFERENCES field_entry_revisions (key),
    reversal_no INTEGER NOT NULL CHECK (reversal_no >= 1),
    outcome TEXT NOT NULL CHECK (outcome IN ('survived', 'died', 'unknown')),
    doses_used INTEGER CHECK (doses_used BETWEEN 1 AND 50),
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    PRIMARY KEY (revision_key, reversal_no)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE field_entry_unmet_requests (
    revision_key INTEGER NOT NULL REFERENCES field_entry_revisions (key),
    request_no INTEGER NOT NULL CHECK (request_no >= 1),
    item_key INTEGER NOT NULL REFERENCES items (key),
    reason TEXT NOT NULL CHECK (reason IN ('out_of_stock', 'not_carried')),
    units INTEGER CHECK (units BETWEEN 1 AND 100000),
    PRIMARY KEY (revision_key, request_no)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE field_entry_voids (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    entry_key INTEGER NOT NULL UNIQUE REFERENCES field_entries (key),
    kind TEXT NOT NULL DEFAULT 'void' CHECK (kind IN ('void', 'undo')),
    reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    ${record}
  ) STRICT`,

  // Which items each entry's current revision holds, in list order: the item filter's index.
  `CREATE TABLE field_entry_item_times (
    item_key INTEGER NOT NULL REFERENCES items (key),
    kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
    occurred_ms INTEGER NOT NULL,
    entry_key INTEGER NOT NULL REFERENCES field_entries (key),
    PRIMARY KEY (item_key, kind, occurred_ms, entry_key)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE receipts (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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

  // kind and source_type are positions in movementKinds and movementSources (from 1). A movement
  // is identified by its source, the source's revision and its place among them, so it carries no
  // id of its own; source_key is the key of the source record in its own table.
  `CREATE TABLE stock_movements (
    key INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 9),
    site_key INTEGER NOT NULL REFERENCES sites (key),
    item_key INTEGER NOT NULL REFERENCES items (key),
    lot_key INTEGER REFERENCES lots (key),
    units INTEGER NOT NULL CHECK (units <> 0),
    shortfall INTEGER NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
    occurred_ms INTEGER NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    source_type INTEGER NOT NULL CHECK (source_type BETWEEN 1 AND 7),
    source_key INTEGER NOT NULL,
    source_revision_key INTEGER REFERENCES field_entry_revisions (key),
    reverses_movement_key INTEGER REFERENCES stock_movements (key),
    ${written}
  ) STRICT`,
  `CREATE INDEX stock_movements_by_source ON stock_movements (source_type, source_key)`,
  `CREATE INDEX stock_movements_by_site_item ON stock_movements (site_key, item_key, lot_key)`,
  `CREATE INDEX stock_movements_by_lot ON stock_movements (lot_key) WHERE lot_key IS NOT NULL`,

  // lot_key 0: stock of an item not tracked by lot.
  `CREATE TABLE stock_balances (
    site_key INTEGER NOT NULL REFERENCES sites (key),
    item_key INTEGER NOT NULL REFERENCES items (key),
    lot_key INTEGER NOT NULL CHECK (lot_key >= 0),
    units INTEGER NOT NULL,
    PRIMARY KEY (site_key, item_key, lot_key)
  ) STRICT, WITHOUT ROWID`,

  // A row's hash covers its content and the previous row's hash (16 zero bytes before the first).
  // When the result of a change is kept as a fact (an entry's revision, a void), after_digest holds
  // a digest of it and after_json stays empty; records changed in place keep before and after.
  `CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    staff_key INTEGER REFERENCES staff (key),
    device_key INTEGER NOT NULL REFERENCES device (key),
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_key INTEGER NOT NULL,
    before_json TEXT,
    after_json TEXT,
    after_digest BLOB CHECK (after_digest IS NULL OR length(after_digest) = 16),
    hash BLOB NOT NULL CHECK (length(hash) = 16)
  ) STRICT`,

  `CREATE TABLE daily_site_counts (
    site_key INTEGER NOT NULL REFERENCES sites (key),
    local_date TEXT NOT NULL,${dailySiteColumns},
    PRIMARY KEY (site_key, local_date)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX daily_site_counts_by_date ON daily_site_counts (local_date)`,
  `CREATE TABLE daily_item_units (
    site_key INTEGER NOT NULL REFERENCES sites (key),
    local_date TEXT NOT NULL,
    item_key INTEGER NOT NULL REFERENCES items (key),${itemUnitColumns},
    PRIMARY KEY (site_key, local_date, item_key)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX daily_item_units_by_date ON daily_item_units (local_date)`,
  `CREATE TABLE daily_service_counts (
    site_key INTEGER NOT NULL REFERENCES sites (key),
    local_date TEXT NOT NULL,
    service_type_key INTEGER NOT NULL REFERENCES service_types (key),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_key, local_date, service_type_key)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE daily_unmet_requests (
    site_key INTEGER NOT NULL REFERENCES sites (key),
    local_date TEXT NOT NULL,
    item_key INTEGER NOT NULL REFERENCES items (key),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_key, local_date, item_key)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE monthly_site_counts (
    month TEXT NOT NULL,
    site_key INTEGER NOT NULL REFERENCES sites (key),${dailySiteColumns},
    PRIMARY KEY (month, site_key)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE monthly_item_units (
    month TEXT NOT NULL,
    site_key INTEGER NOT NULL REFERENCES sites (key),
    item_key INTEGER NOT NULL REFERENCES items (key),${itemUnitColumns},
    PRIMARY KEY (month, item_key, site_key)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE monthly_service_counts (
    month TEXT NOT NULL,
    site_key INTEGER NOT NULL REFERENCES sites (key),
    service_type_key INTEGER NOT NULL REFERENCES service_types (key),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, service_type_key, site_key)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE monthly_unmet_requests (
    month TEXT NOT NULL,
    site_key INTEGER NOT NULL REFERENCES sites (key),
    item_key INTEGER NOT NULL REFERENCES items (key),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, item_key, site_key)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE participant_site_days (
    participant_key INTEGER NOT NULL REFERENCES participants (key),
    site_key INTEGER NOT NULL REFERENCES sites (key),
    local_date TEXT NOT NULL,
    encounters INTEGER NOT NULL CHECK (encounters > 0),
    first_ms INTEGER NOT NULL,
    PRIMARY KEY (participant_key, site_key, local_date)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX participant_site_days_by_date ON participant_site_days (local_date, site_key, participant_key)`,

  // Distinct participants per month, quarter and year, per site and for all sites (site_key 0).
  `CREATE TABLE period_participants (
    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
      OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
    site_key INTEGER NOT NULL CHECK (site_key >= 0),
    participants INTEGER NOT NULL CHECK (participants > 0),
    PRIMARY KEY (period, site_key)
  ) STRICT, WITHOUT ROWID`,

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

/** Never run in place: the migrator converts the file instead (see migrate.ts). */
export function up(): Promise<void> {
  return Promise.reject(new Error('0009_compact_file converts the file into a new one; it never runs in place.'));
}

// ---- The conversion from schema 8 ----
// Every record keeps its old rowid as its key, so a reference is translated by finding the
// referenced row in the old file by its id (its primary key there). Lists are literal: this
// migration is frozen, the vocabulary may grow.
const movementKinds = [
  'receipt',
  'distribution',
  'transfer_sent',
  'transfer_received',
  'adjustment',
  'kit_assembly',
  'kit_disassembly',
  'count_correction',
  'disposal',
];
const movementSources = ['field_entry', 'receipt', 'transfer', 'adjustment', 'kit_assembly', 'count', 'disposal'];
const codeOf = (column: string, values: string[]) =>
  `CASE ${column} ${values.map((value, index) => `WHEN '${value}' THEN ${index + 1}`).join(' ')} END`;
const entryKind = (column: string) => codeOf(column, ['encounter', 'tally']);
const ms = (column: string) => `CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`;
const keyIn = (table: string, id: string) => `(SELECT rowid FROM old.${table} WHERE id = ${id})`;
const chunk = (table: string) => ({ table: `old.${table}`, column: 'rowid' });
const between = (alias: string) => `${alias}.rowid > :after AND ${alias}.rowid <= :upTo`;

/** Record tables: the same columns, the old rowid as key. */
function sameRecord(table: string, columns: string): TableCopy {
  return {
    table,
    count: `SELECT count(*) AS n FROM old.${table}`,
    copy: `INSERT INTO ${table} (key, ${columns}) SELECT rowid, ${columns} FROM old.${table} t WHERE ${between('t')}`,
    chunkedBy: chunk(table),
  };
}
const recordColumns = 'origin_device_id, created_by, created_at';

/** Audit entities whose records have a key, and their tables; the others (settings, the database) use 0. */
const auditTables: Record<string, string> = {
  staff: 'staff',
  site: 'sites',
  item: 'items',
  service_type: 'service_types',
  preset: 'presets',
  participant: 'participants',
  participant_merge: 'participant_merges',
  encounter: 'field_entries',
  tally: 'field_entries',
  receipt: 'receipts',
  lot: 'lots',
};
const auditEntityKey = `CASE a.entity_type ${Object.entries(auditTables)
  .map(([entity, table]) => `WHEN '${entity}' THEN ${keyIn(table, 'a.entity_id')}`)
  .join(' ')} ELSE 0 END`;

/** The rollups, key for id; they hold what the facts add up to and are checked by verify. */
function rollupCopies(): TableCopy[] {
  const site = keyIn('sites', 'r.site_id');
  const item = keyIn('items', 'r.item_id');
  const service = keyIn('service_types', 'r.service_type_id');
  const siteColumns =
    'encounters, anonymous_encounters, tallies, tally_contacts, secondary_encounters, secondary_people, collected_counted, collected_estimated, reversals';
  const itemColumns = 'units, units_in_kits, doses';
  const rollup = (table: string, columns: string, values: string): TableCopy => ({
    table,
    count: `SELECT count(*) AS n FROM old.${table}`,
    copy: `INSERT INTO ${table} (${columns}) SELECT ${values} FROM old.${table} r`,
  });
  return [
    rollup('daily_site_counts', `site_key, local_date, ${siteColumns}`, `${site}, r.local_date, ${siteColumns}`),
    rollup(
      'daily_item_units',
      `site_key, local_date, item_key, ${itemColumns}`,
      `${site}, r.local_date, ${item}, ${itemColumns}`,
    ),
    rollup(
      'daily_service_counts',
      'site_key, local_date, service_type_key, count',
      `${site}, r.local_date, ${service}, r.count`,
    ),
    rollup('daily_unmet_requests', 'site_key, local_date, item_key, count', `${site}, r.local_date, ${item}, r.count`),
    rollup('monthly_site_counts', `month, site_key, ${siteColumns}`, `r.month, ${site}, ${siteColumns}`),
    rollup(
      'monthly_item_units',
      `month, site_key, item_key, ${itemColumns}`,
      `r.month, ${site}, ${item}, ${itemColumns}`,
    ),
    rollup(
      'monthly_service_counts',
      'month, site_key, service_type_key, count',
      `r.month, ${site}, ${service}, r.count`,
    ),
    rollup('monthly_unmet_requests', 'month, site_key, item_key, count', `r.month, ${site}, ${item}, r.count`),
    rollup(
      'participant_site_days',
      'participant_key, site_key, local_date, encounters, first_ms',
      `${keyIn('participants', 'r.participant_id')}, ${site}, r.local_date, r.encounters, ${ms('r.first_at')}`,
    ),
    rollup(
      'period_participants',
      'period, site_key, participants',
      `r.period, CASE r.site_id WHEN '' THEN 0 ELSE ${site} END, r.participants`,
    ),
  ];
}

const copies: TableCopy[] = [
  sameRecord('device', 'id, created_at'),
  sameRecord('staff', 'id, display_name, role, active, origin_device_id, created_by, created_at, updated_at'),
  {
    table: 'program_settings',
    count: 'SELECT count(*) AS n FROM old.program_settings',
    copy: 'INSERT INTO program_settings SELECT * FROM old.program_settings',
  },
  sameRecord('sites', `id, name, site_type, active, ${recordColumns}, updated_at`),
  sameRecord(
    'items',
    `id, name, sku, category, unit, units_per_pack, naloxone_form, doses_per_unit, tracks_lots, is_kit, is_common, active, ${recordColumns}, updated_at`,
  ),
  sameRecord('kit_versions', `id, kit_item_id, version, ${recordColumns}`),
  {
    table: 'kit_components',
    count: 'SELECT count(*) AS n FROM old.kit_components',
    copy: 'INSERT INTO kit_components SELECT kit_version_id, component_item_id, units FROM old.kit_components',
  },
  sameRecord('lots', `id, item_id, lot_number, expires_on, kit_version_id, ${recordColumns}`),
  sameRecord('service_types', `id, name, kind, sort_order, active, ${recordColumns}, updated_at`),
  sameRecord('presets', `id, name, lines_json, sort_order, active, ${recordColumns}, updated_at`),
  // The insert trigger indexes each code's variants as the participants arrive.
  sameRecord(
    'participants',
    `id, code, formula, merged_into_id, canonical_id, first_seen_on, first_seen_site_id, ${recordColumns}, updated_at`,
  ),
  {
    table: 'participant_code_variants',
    count: 'SELECT count(*) AS n FROM old.participant_code_variants',
    copy: 'INSERT OR IGNORE INTO participant_code_variants SELECT variant, code FROM old.participant_code_variants',
  },
  sameRecord(
    'participant_merges',
    `id, kind, from_participant_id, into_participant_id, undoes_merge_id, reason, ${recordColumns}`,
  ),
  sameRecord(
    'receipts',
    `id, site_id, item_id, lot_id, source, packs, units_per_pack, units, received_at, local_date, note, ${recordColumns}`,
  ),
  // Where each entry's current revision is comes from the revision itself (the old columns were
  // a copy of it).
  {
    table: 'field_entries',
    count: 'SELECT count(*) AS n FROM old.field_entries',
    copy: `INSERT INTO field_entries (key, id, kind, status, current_revision, current_occurred_ms, current_site_key,
        current_local_date, origin_device_key, created_by_key, created_ms, updated_ms)
      SELECT e.rowid, e.id, ${entryKind('e.kind')}, e.status, e.current_revision, ${ms('r.occurred_at')},
        ${keyIn('sites', 'r.site_id')}, r.local_date, ${keyIn('device', 'e.origin_device_id')},
        ${keyIn('staff', 'e.created_by')}, ${ms('e.created_at')}, ${ms('e.updated_at')}
      FROM old.field_entries e
      JOIN old.field_entry_revisions r ON r.entry_id = e.id AND r.revision = e.current_revision
      WHERE ${between('e')}`,
    chunkedBy: chunk('field_entries'),
  },
  {
    table: 'field_entry_revisions',
    count: 'SELECT count(*) AS n FROM old.field_entry_revisions',
    copy: `INSERT INTO field_entry_revisions (key, id, entry_key, revision, replaces_revision_key, site_key, occurred_ms,
        local_date, contact_type, participant_key, contacts, on_behalf_of, collected_counted, collected_containers,
        collected_pounds, syringes_per_container, syringes_per_pound, collected_estimated, note, moves_stock,
        change_reason, origin_device_key, created_by_key, created_ms)
      SELECT r.rowid, r.id, ${keyIn('field_entries', 'r.entry_id')}, r.revision,
        ${keyIn('field_entry_revisions', 'r.replaces_revision_id')}, ${keyIn('sites', 'r.site_id')}, ${ms('r.occurred_at')},
        r.local_date, r.contact_type, ${keyIn('participants', 'r.participant_id')}, r.contacts, r.on_behalf_of,
        r.collected_counted, r.collected_containers, r.collected_pounds, r.syringes_per_container, r.syringes_per_pound,
        r.collected_estimated, r.note, r.moves_stock, r.change_reason, ${keyIn('device', 'r.origin_device_id')},
        ${keyIn('staff', 'r.created_by')}, ${ms('r.created_at')}
      FROM old.field_entry_revisions r WHERE ${between('r')}`,
    chunkedBy: chunk('field_entry_revisions'),
  },
  {
    table: 'field_entry_lines',
    count: 'SELECT count(*) AS n FROM old.field_entry_lines',
    copy: `INSERT INTO field_entry_lines (revision_key, line_no, item_key, units, lot_key, kit_version_key, doses_per_unit)
      SELECT ${keyIn('field_entry_revisions', 'l.revision_id')}, l.line_no, ${keyIn('items', 'l.item_id')}, l.units,
        ${keyIn('lots', 'l.lot_id')}, ${keyIn('kit_versions', 'l.kit_version_id')}, l.doses_per_unit
      FROM old.field_entry_lines l WHERE ${between('l')}`,
    chunkedBy: chunk('field_entry_lines'),
  },
  {
    table: 'field_entry_services',
    count: 'SELECT count(*) AS n FROM old.field_entry_services',
    copy: `INSERT INTO field_entry_services (revision_key, service_type_key)
      SELECT ${keyIn('field_entry_revisions', 's.revision_id')}, ${keyIn('service_types', 's.service_type_id')}
      FROM old.field_entry_services s`,
  },
  {
    table: 'field_entry_reversals',
    count: 'SELECT count(*) AS n FROM old.field_entry_reversals',
    copy: `INSERT INTO field_entry_reversals (revision_key, reversal_no, outcome, doses_used, note)
      SELECT ${keyIn('field_entry_revisions', 'x.revision_id')},
        row_number() OVER (PARTITION BY x.revision_id ORDER BY x.rowid), x.outcome, x.doses_used, x.note
      FROM old.field_entry_reversals x`,
  },
  {
    table: 'field_entry_unmet_requests',
    count: 'SELECT count(*) AS n FROM old.field_entry_unmet_requests',
    copy: `INSERT INTO field_entry_unmet_requests (revision_key, request_no, item_key, reason, units)
      SELECT ${keyIn('field_entry_revisions', 'u.revision_id')},
        row_number() OVER (PARTITION BY u.revision_id ORDER BY u.rowid), ${keyIn('items', 'u.item_id')}, u.reason, u.units
      FROM old.field_entry_unmet_requests u`,
  },
  {
    table: 'field_entry_voids',
    count: 'SELECT count(*) AS n FROM old.field_entry_voids',
    copy: `INSERT INTO field_entry_voids (key, id, entry_key, kind, reason, ${recordColumns})
      SELECT v.rowid, v.id, ${keyIn('field_entries', 'v.entry_id')}, v.kind, v.reason, v.origin_device_id, v.created_by,
        v.created_at
      FROM old.field_entry_voids v`,
  },
  {
    table: 'stock_movements',
    count: 'SELECT count(*) AS n FROM old.stock_movements',
    copy: `INSERT INTO stock_movements (key, kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date,
        source_type, source_key, source_revision_key, reverses_movement_key, origin_device_key, created_by_key, created_ms)
      SELECT m.rowid, ${codeOf('m.kind', movementKinds)}, ${keyIn('sites', 'm.site_id')}, ${keyIn('items', 'm.item_id')},
        ${keyIn('lots', 'm.lot_id')}, m.units, m.shortfall, ${ms('m.occurred_at')}, m.local_date,
        ${codeOf('m.source_type', movementSources)},
        CASE m.source_type WHEN 'field_entry' THEN ${keyIn('field_entries', 'm.source_id')}
          WHEN 'receipt' THEN ${keyIn('receipts', 'm.source_id')} END,
        ${keyIn('field_entry_revisions', 'm.source_revision_id')}, ${keyIn('stock_movements', 'm.reverses_movement_id')},
        ${keyIn('device', 'm.origin_device_id')}, ${keyIn('staff', 'm.created_by')}, ${ms('m.created_at')}
      FROM old.stock_movements m WHERE ${between('m')}`,
    chunkedBy: chunk('stock_movements'),
  },
  {
    table: 'stock_balances',
    count: 'SELECT count(*) AS n FROM old.stock_balances',
    copy: `INSERT INTO stock_balances (site_key, item_key, lot_key, units)
      SELECT ${keyIn('sites', 'b.site_id')}, ${keyIn('items', 'b.item_id')}, coalesce(${keyIn('lots', 'b.lot_id')}, 0), b.units
      FROM old.stock_balances b`,
  },
  // Each old row is checked against the old chain as it is copied (a broken chain stops the
  // conversion: re-chaining must never launder a changed row), and chained anew in the new form.
  {
    table: 'audit_log',
    count: 'SELECT count(*) AS n FROM old.audit_log',
    copy: `INSERT INTO audit_log (seq, at_ms, staff_key, device_key, action, entity_type, entity_key, before_json,
        after_json, after_digest, hash)
      SELECT seq, at_ms, staff_key, device_key, action, entity_type, entity_key, before_json, after_json, NULL,
        audit_rechain(seq, at_ms, staff_key, device_key, action, entity_type, entity_key, before_json, after_json,
          old_id, old_at, old_staff_id, old_device_id, old_entity_id, old_prev_hash, old_hash)
      FROM (SELECT a.seq, ${ms('a.at')} AS at_ms, ${keyIn('staff', 'a.staff_id')} AS staff_key,
          ${keyIn('device', 'a.device_id')} AS device_key, a.action, a.entity_type, ${auditEntityKey} AS entity_key,
          a.before_json, a.after_json, a.id AS old_id, a.at AS old_at, a.staff_id AS old_staff_id,
          a.device_id AS old_device_id, a.entity_id AS old_entity_id, a.prev_hash AS old_prev_hash, a.hash AS old_hash
        FROM old.audit_log a WHERE ${between('a')} ORDER BY a.seq)`,
    chunkedBy: chunk('audit_log'),
    // The conversion adds its own row after the copied ones.
    expect: `SELECT count(*) AS n FROM audit_log
      WHERE NOT (action = 'system.convert' AND seq = (SELECT max(seq) FROM audit_log))`,
  },
  ...rollupCopies(),
];

/** How schema 8 chained its audit rows (frozen here: the live code chains the new form). */
function oldAuditHash(prevHash: string, fields: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, ...fields]))
    .digest('hex');
}

/**
 * The audit log is chained anew in the new form. `audit_rechain(...)`, called once per old row in
 * sequence order, checks the row against the old chain and returns its new hash. A chain found
 * broken is not mended in silence: the conversion's own row (`audit_conversion_hash`, last)
 * records whether the old chain held and where it first did not, and the old file is kept.
 * State lives in the closure, so each conversion gets a fresh one.
 */
function auditRechain() {
  let previousOld = '0'.repeat(64);
  let previousNew: Uint8Array = genesisHash;
  let rows = 0;
  let brokenAtSeq: number | null = null;
  const chain = (row: Omit<AuditLogRow, 'hash'>): Buffer => {
    previousNew = auditHash(previousNew, row);
    return Buffer.from(previousNew);
  };
  return {
    audit_rechain: (...values: (string | number | null)[]): Buffer => {
      const [seq, atMs, staffKey, deviceKey, action, entityType, entityKey, beforeJson, afterJson] = values;
      const [oldId, oldAt, oldStaffId, oldDeviceId, oldEntityId, oldPrevHash, oldHash] = values.slice(9);
      const fields = [oldId, oldAt, oldStaffId, oldDeviceId, action, entityType, oldEntityId, beforeJson, afterJson];
      rows += 1;
      if (brokenAtSeq === null && (oldPrevHash !== previousOld || oldAuditHash(previousOld, fields) !== oldHash)) {
        brokenAtSeq = Number(seq);
      }
      previousOld = String(oldHash);
      return chain({
        seq: Number(seq),
        at_ms: Number(atMs),
        staff_key: staffKey === null ? null : Number(staffKey),
        device_key: Number(deviceKey),
        action: action as AuditLogRow['action'],
        entity_type: entityType as AuditLogRow['entity_type'],
        entity_key: Number(entityKey),
        before_json: beforeJson === null ? null : String(beforeJson),
        after_json: afterJson === null ? null : String(afterJson),
        after_digest: null,
      });
    },
    /** What the old chain was found to be, for the conversion's own row. */
    audit_conversion_note: (): string =>
      JSON.stringify({
        converted: '0009_compact_file',
        oldRows: rows,
        oldChainIntact: brokenAtSeq === null,
        brokenAtSeq,
      }),
    audit_conversion_hash: (seq: number, atMs: number, deviceKey: number, afterJson: string): Buffer =>
      chain({
        seq,
        at_ms: atMs,
        staff_key: null,
        device_key: deviceKey,
        action: 'system.convert',
        entity_type: 'database',
        entity_key: 0,
        before_json: null,
        after_json: afterJson,
        after_digest: null,
      }),
  };
}

/** The item filter's index, from the facts: the items each entry's current revision holds. */
const itemTimes = `INSERT INTO field_entry_item_times (item_key, kind, occurred_ms, entry_key)
  SELECT DISTINCT l.item_key, e.kind, r.occurred_ms, e.key
  FROM field_entries e
  JOIN field_entry_revisions r ON r.entry_key = e.key AND r.revision = e.current_revision
  JOIN field_entry_lines l ON l.revision_key = r.key`;

/** The conversion's own audit row, chained last: when, on which device, and what the old chain was. */
const conversionRow = `INSERT INTO audit_log (seq, at_ms, staff_key, device_key, action, entity_type, entity_key, after_json, hash)
  SELECT seq, at_ms, NULL, device_key, 'system.convert', 'database', 0, note,
    audit_conversion_hash(seq, at_ms, device_key, note)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
      CAST(round(unixepoch('now', 'subsec') * 1000) AS INTEGER) AS at_ms,
      (SELECT min(key) FROM device) AS device_key, audit_conversion_note() AS note)
  WHERE device_key IS NOT NULL`;

export const conversion: Conversion = {
  name: '0009_compact_file',
  schema,
  copies,
  finish: [itemTimes, conversionRow],
  functions: auditRechain,
};
