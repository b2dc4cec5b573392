/**
 * Count sessions, the barcodes items carry, and receipts of several lines.
 *
 * An item comes in packages, each with its own GTIN (a box and a case of the same syringes are two
 * GTINs with different units inside). item_gtins holds them, each GTIN-8, -12 or -13 stored padded
 * to 14 digits so a scan matches whatever length the label prints; a GTIN is retired, never deleted.
 *
 * Receipts gain what a delivery note carries: lines received together share delivery_id (the first
 * line's receipt id) and number themselves by delivery_line; reference is the supplier's or the
 * grant's number; gtin the package scanned, if one was; form_key (on the first line only) lets a
 * form sent twice make one delivery.
 *
 * A count is the shelf as it stood at one moment (counted_ms) at a site: every item there, one
 * category, or one lot. count_lines fix what it covers when it starts (one per item, or per lot
 * for items tracked by lot; lines found on the shelf are added after). count_entries are the
 * quantities counted, facts; the latest entry of a line is its count. Expected is not stored: it
 * is the ledger's balance at counted_ms, so an entry logged offline or back-dated to before the
 * count's moment moves it whenever it arrives. Posting (count_events) appends count_correction
 * movements at counted_ms; a movement that arrives later, dated before counted_ms, gets a
 * correction of its own so the balance at the count's moment stays what was counted, and
 * count_reviews lists it on the count for someone to look at. status caches where the count
 * stands, for the lists; verify recomputes it. Frozen.
 */
import { sql, type Kysely } from 'kysely';

const isoDate = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const written = `
    origin_device_key INTEGER NOT NULL REFERENCES device (key),
    created_by_key INTEGER NOT NULL REFERENCES staff (key),
    created_ms INTEGER NOT NULL`;
const facts = ['count_lines', 'count_entries', 'count_events', 'count_reviews'];

const statements = [
  `CREATE TABLE item_gtins (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    item_key INTEGER NOT NULL REFERENCES items (key),
    gtin TEXT NOT NULL UNIQUE CHECK (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'),
    units_per_pack INTEGER NOT NULL CHECK (units_per_pack BETWEEN 1 AND 100000),
    label TEXT CHECK (label IS NULL OR length(trim(label)) BETWEEN 1 AND 80),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX item_gtins_by_item ON item_gtins (item_key)`,
  `CREATE TRIGGER item_gtins_no_delete BEFORE DELETE ON item_gtins
   BEGIN SELECT RAISE(ABORT, 'item_gtins rows are never deleted (retire them instead)'); END`,
  `CREATE TRIGGER item_gtins_keep_gtin BEFORE UPDATE ON item_gtins
   WHEN NEW.gtin IS NOT OLD.gtin OR NEW.item_key IS NOT OLD.item_key OR NEW.id IS NOT OLD.id
   BEGIN SELECT RAISE(ABORT, 'a GTIN stays with its item (retire it and add another instead)'); END`,

  `ALTER TABLE receipts ADD COLUMN delivery_id TEXT`,
  `ALTER TABLE receipts ADD COLUMN delivery_line INTEGER CHECK (delivery_line IS NULL OR delivery_line >= 1)`,
  `ALTER TABLE receipts ADD COLUMN reference TEXT CHECK (reference IS NULL OR length(reference) <= 120)`,
  `ALTER TABLE receipts ADD COLUMN gtin TEXT CHECK (gtin IS NULL OR (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'))`,
  `ALTER TABLE receipts ADD COLUMN form_key BLOB CHECK (form_key IS NULL OR length(form_key) = 16)`,
  `CREATE UNIQUE INDEX receipts_by_delivery ON receipts (delivery_id, delivery_line) WHERE delivery_id IS NOT NULL`,
  `CREATE UNIQUE INDEX receipts_by_form_key ON receipts (form_key) WHERE form_key IS NOT NULL`,
  `CREATE INDEX receipts_by_date ON receipts (local_date, key)`,

  `CREATE TABLE counts (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    site_key INTEGER NOT NULL REFERENCES sites (key),
    scope TEXT NOT NULL CHECK (scope IN ('site', 'category', 'lot')),
    category TEXT,
    lot_key INTEGER REFERENCES lots (key),
    counted_ms INTEGER NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'posted', 'cancelled')),
    form_key BLOB CHECK (form_key IS NULL OR length(form_key) = 16),
    ${written},
    CHECK ((scope = 'category') = (category IS NOT NULL)),
    CHECK ((scope = 'lot') = (lot_key IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX counts_by_site ON counts (site_key, counted_ms)`,
  `CREATE INDEX counts_open ON counts (site_key) WHERE status = 'open'`,
  `CREATE UNIQUE INDEX counts_by_form_key ON counts (form_key) WHERE form_key IS NOT NULL`,

  // lot_key is null for an item not tracked by lot.
  `CREATE TABLE count_lines (
    count_key INTEGER NOT NULL REFERENCES counts (key),
    line INTEGER NOT NULL CHECK (line >= 1),
    item_key INTEGER NOT NULL REFERENCES items (key),
    lot_key INTEGER REFERENCES lots (key),
    ${written},
    PRIMARY KEY (count_key, line)
  ) STRICT, WITHOUT ROWID`,
  `CREATE UNIQUE INDEX count_lines_by_item ON count_lines (count_key, item_key, ifnull(lot_key, 0))`,

  `CREATE TABLE count_entries (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    count_key INTEGER NOT NULL REFERENCES counts (key),
    line INTEGER NOT NULL CHECK (line >= 1),
    counted_units INTEGER NOT NULL CHECK (counted_units BETWEEN 0 AND 10000000),
    ${written}
  ) STRICT`,
  `CREATE INDEX count_entries_by_line ON count_entries (count_key, line, key)`,

  `CREATE TABLE count_events (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    count_key INTEGER NOT NULL REFERENCES counts (key),
    kind TEXT NOT NULL CHECK (kind IN ('posted', 'cancelled')),
    occurred_ms INTEGER NOT NULL,
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    ${written}
  ) STRICT`,
  `CREATE UNIQUE INDEX count_events_one_per_count ON count_events (count_key)`,

  // A movement dated before a posted count's moment that arrived after it was posted, and the
  // correction that kept the balance at the count's moment what was counted.
  `CREATE TABLE count_reviews (
    key INTEGER PRIMARY KEY,
    count_key INTEGER NOT NULL REFERENCES counts (key),
    line INTEGER NOT NULL CHECK (line >= 1),
    movement_key INTEGER NOT NULL UNIQUE REFERENCES stock_movements (key),
    correction_key INTEGER NOT NULL UNIQUE REFERENCES stock_movements (key),
    ${written}
  ) STRICT`,
  `CREATE INDEX count_reviews_by_count ON count_reviews (count_key)`,

  ...facts.flatMap((table) => [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never changed (record what happened next instead)'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never deleted (record what happened next instead)'); END`,
  ]),
  `CREATE TRIGGER counts_only_status_changes BEFORE UPDATE ON counts
   WHEN NEW.id IS NOT OLD.id OR NEW.site_key IS NOT OLD.site_key OR NEW.scope IS NOT OLD.scope
     OR NEW.category IS NOT OLD.category OR NEW.lot_key IS NOT OLD.lot_key OR NEW.counted_ms IS NOT OLD.counted_ms
     OR NEW.local_date IS NOT OLD.local_date OR NEW.note IS NOT OLD.note OR NEW.form_key IS NOT OLD.form_key
     OR NEW.origin_device_key IS NOT OLD.origin_device_key OR NEW.created_by_key IS NOT OLD.created_by_key
     OR NEW.created_ms IS NOT OLD.created_ms
   BEGIN SELECT RAISE(ABORT, 'a count is a fact: only its status changes'); END`,
  `CREATE TRIGGER counts_no_delete BEFORE DELETE ON counts
   BEGIN SELECT RAISE(ABORT, 'counts rows are never deleted (cancel the count instead)'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
