/**
 * The stock room's own records: transfers between sites with stock in transit, and adjustments.
 *
 * Transfers between sites, with stock in transit. A transfer is a fact (from, to, when it was sent,
 * its lines by item and lot), and so is everything that happens to it after: a receipt at the
 * other site (all or part of what was sent), a cancellation before any receipt (the stock goes
 * back), or a write-off of what never arrived, with its reason (short, damaged, lost). On two
 * laptops the sending and the receiving are written apart and meet after sync, so each is its own
 * record with its own id. What is in transit is what was sent less what those events account for;
 * `status` caches where the transfer stands, for the lists, and `verify` recomputes it.
 *
 * The ledger already knows transfers: sending appends `transfer_sent` movements at the sending
 * site (source `transfer`, its key), a receipt `transfer_received` at the receiving one, and a
 * cancellation reverses the sent movements. A write-off moves no stock: it left the sending site
 * when it was sent. reason is a position in transferWriteOffReasons (from 1).
 *
 * An adjustment changes a site's stock for a reason: one of Outpost's own (reason, a position in
 * adjustmentReasons from 1) or one the program added (custom_reason_key), never both. Its lines are
 * signed units, appended to the ledger as `adjustment` movements (source `adjustment`). An
 * adjustment is a fact: a wrong one is set right by another.
 *
 * A lot is put on hold (a recall, a quality question) and released by facts in lot_holds;
 * lots.on_hold caches the latest, read by every allocation: a held lot is never handed out or sent
 * first-expiry-first-out, and cannot be picked by hand for either.
 *
 * The stock card reads a site's movements of an item in time order, newest first, a page at a time,
 * with the balance after each row: stock_movements_by_site_item_time gives that order and, holding
 * lot and units, the sum after any row without reading the table. Frozen.
 */
import { sql, type Kysely } from 'kysely';

const isoDate = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const written = `
    origin_device_key INTEGER NOT NULL REFERENCES device (key),
    created_by_key INTEGER NOT NULL REFERENCES staff (key),
    created_ms INTEGER NOT NULL`;

const statements = [
  `CREATE INDEX stock_movements_by_site_item_time ON stock_movements (site_key, item_key, occurred_ms, lot_key, units)`,

  `CREATE TABLE transfers (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    from_site_key INTEGER NOT NULL REFERENCES sites (key),
    to_site_key INTEGER NOT NULL REFERENCES sites (key),
    sent_ms INTEGER NOT NULL,
    sent_local_date TEXT NOT NULL ${isoDate('sent_local_date')},
    reference TEXT CHECK (reference IS NULL OR length(reference) <= 120),
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    status TEXT NOT NULL DEFAULT 'in_transit'
      CHECK (status IN ('in_transit', 'received', 'cancelled', 'written_off')),
    form_key BLOB CHECK (form_key IS NULL OR length(form_key) = 16),
    ${written},
    CHECK (from_site_key <> to_site_key)
  ) STRICT`,
  `CREATE INDEX transfers_in_transit ON transfers (to_site_key, sent_ms) WHERE status = 'in_transit'`,
  `CREATE INDEX transfers_by_date ON transfers (sent_local_date, key)`,
  `CREATE UNIQUE INDEX transfers_by_form_key ON transfers (form_key) WHERE form_key IS NOT NULL`,

  // One line per item and lot sent: lot_key is null for items not tracked by lot.
  `CREATE TABLE transfer_lines (
    transfer_key INTEGER NOT NULL REFERENCES transfers (key),
    line INTEGER NOT NULL CHECK (line >= 1),
    item_key INTEGER NOT NULL REFERENCES items (key),
    lot_key INTEGER REFERENCES lots (key),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 10000000),
    PRIMARY KEY (transfer_key, line)
  ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE transfer_events (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    transfer_key INTEGER NOT NULL REFERENCES transfers (key),
    kind TEXT NOT NULL CHECK (kind IN ('received', 'cancelled', 'written_off')),
    occurred_ms INTEGER NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    ${written}
  ) STRICT`,
  `CREATE INDEX transfer_events_by_transfer ON transfer_events (transfer_key)`,

  // What an event accounts for on each line it touches; reason only on a write-off.
  `CREATE TABLE transfer_event_lines (
    event_key INTEGER NOT NULL REFERENCES transfer_events (key),
    line INTEGER NOT NULL CHECK (line >= 1),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 10000000),
    reason INTEGER CHECK (reason BETWEEN 1 AND 3),
    PRIMARY KEY (event_key, line)
  ) STRICT, WITHOUT ROWID`,

  // Reasons the program adds beside Outpost's own; renamed or retired in place, never deleted.
  `CREATE TABLE adjustment_reasons (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    direction TEXT NOT NULL CHECK (direction IN ('remove', 'add', 'either')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin_device_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE UNIQUE INDEX adjustment_reasons_by_name ON adjustment_reasons (lower(name))`,

  `CREATE TABLE adjustments (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    site_key INTEGER NOT NULL REFERENCES sites (key),
    reason INTEGER CHECK (reason BETWEEN 1 AND 8),
    custom_reason_key INTEGER REFERENCES adjustment_reasons (key),
    occurred_ms INTEGER NOT NULL,
    local_date TEXT NOT NULL ${isoDate('local_date')},
    note TEXT CHECK (note IS NULL OR length(note) <= 500),
    form_key BLOB CHECK (form_key IS NULL OR length(form_key) = 16),
    ${written},
    CHECK ((reason IS NULL) <> (custom_reason_key IS NULL))
  ) STRICT`,
  `CREATE INDEX adjustments_by_site_date ON adjustments (site_key, local_date)`,
  `CREATE UNIQUE INDEX adjustments_by_form_key ON adjustments (form_key) WHERE form_key IS NOT NULL`,

  `CREATE TABLE adjustment_lines (
    adjustment_key INTEGER NOT NULL REFERENCES adjustments (key),
    line INTEGER NOT NULL CHECK (line >= 1),
    item_key INTEGER NOT NULL REFERENCES items (key),
    lot_key INTEGER REFERENCES lots (key),
    units INTEGER NOT NULL CHECK (units <> 0 AND units BETWEEN -10000000 AND 10000000),
    PRIMARY KEY (adjustment_key, line)
  ) STRICT, WITHOUT ROWID`,

  `ALTER TABLE lots ADD COLUMN on_hold INTEGER NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1))`,
  `CREATE TABLE lot_holds (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    lot_key INTEGER NOT NULL REFERENCES lots (key),
    held INTEGER NOT NULL CHECK (held IN (0, 1)),
    reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    occurred_ms INTEGER NOT NULL,
    ${written}
  ) STRICT`,
  `CREATE INDEX lot_holds_by_lot ON lot_holds (lot_key, occurred_ms)`,

  ...[
    'lot_holds',
    'transfer_lines',
    'transfer_events',
    'transfer_event_lines',
    'adjustments',
    'adjustment_lines',
  ].flatMap((table) => [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never changed (record what happened next instead)'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are facts: they are never deleted (record what happened next instead)'); END`,
  ]),
  // Only where the transfer stands may change, never what was sent.
  `CREATE TRIGGER transfers_only_status_changes BEFORE UPDATE ON transfers
   WHEN NEW.id IS NOT OLD.id OR NEW.from_site_key IS NOT OLD.from_site_key OR NEW.to_site_key IS NOT OLD.to_site_key
     OR NEW.sent_ms IS NOT OLD.sent_ms OR NEW.sent_local_date IS NOT OLD.sent_local_date
     OR NEW.reference IS NOT OLD.reference OR NEW.note IS NOT OLD.note OR NEW.form_key IS NOT OLD.form_key
     OR NEW.origin_device_key IS NOT OLD.origin_device_key OR NEW.created_by_key IS NOT OLD.created_by_key
     OR NEW.created_ms IS NOT OLD.created_ms
   BEGIN SELECT RAISE(ABORT, 'a transfer is a fact: only its status changes'); END`,
  `CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers
   BEGIN SELECT RAISE(ABORT, 'transfers rows are never deleted (cancel or write off instead)'); END`,
  `CREATE TRIGGER adjustment_reasons_no_delete BEFORE DELETE ON adjustment_reasons
   BEGIN SELECT RAISE(ABORT, 'adjustment_reasons rows are never deleted (retire them instead)'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
