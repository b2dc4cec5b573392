/**
 * Data as earlier schemas held it, written with frozen raw SQL: migration tests seed the schema
 * before theirs with these and migrate on, so they keep testing the same thing however the
 * product code changes later. Never edit a seed to follow a new schema; add one instead.
 */
import { createHash } from 'node:crypto';
import { configureConnection } from '../../../../db/platform/connection';
import { runMigrations } from '../../../../db/platform/migrate';
import { SqliteDriver, type SqliteConnection } from '../../../../db/platform/sqlite-driver';
import { tempDatabasePath } from '../../../support/temp-files';

/** A new database file migrated to `target` (the schema before a migration's) and seeded as that schema held data. */
export async function seededAt(
  target: string,
  seed: (sqlite: SqliteConnection) => void,
): Promise<{ path: string; sqlite: SqliteConnection }> {
  const path = tempDatabasePath();
  const sqlite = new SqliteDriver(path);
  configureConnection(sqlite);
  await runMigrations(sqlite, { target });
  seed(sqlite);
  return { path, sqlite };
}

export const seeded = {
  device: '0190f5a0-0000-7000-8000-00000000d001',
  admin: '0190f5a0-0000-7000-8000-00000000a001',
  site: '0190f5a0-0000-7000-8000-00000000c001',
  item: '0190f5a0-0000-7000-8000-00000000b001',
  participant: '0190f5a0-0000-7000-8000-00000000f001',
  /** Two encounters at the same instant and one an hour earlier, all active. */
  tiedLow: '0190f5a0-0000-7000-8000-000000000e01',
  tiedHigh: '0190f5a0-0000-7000-8000-000000000e02',
  earlier: '0190f5a0-0000-7000-8000-000000000e03',
  /** Voided by the field screen's Undo, as versions before 0004 wrote it. */
  undone: '0190f5a0-0000-7000-8000-000000000e04',
  /** Voided with a reason someone typed. */
  voided: '0190f5a0-0000-7000-8000-000000000e05',
  at: '2026-11-20T18:00:00.000Z',
  hourEarlier: '2026-11-20T17:00:00.000Z',
} as const;

/** Tables as schema 0001 made them: a program with a site, an item, a participant and field work. */
export function seedSchema0001(sqlite: SqliteConnection): void {
  const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
  const { device, admin, site, item, participant, at } = seeded;
  run(`INSERT INTO device (id, created_at) VALUES (?, ?)`, device, at);
  run(
    `INSERT INTO staff (id, display_name, role, active, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, 'Sam', 'admin', 1, ?, NULL, ?, ?)`,
    admin,
    device,
    at,
    at,
  );
  run(
    `INSERT INTO program_settings (id, program_name, time_zone, participant_code_formula, syringes_per_container,
       syringes_per_pound, expiry_warning_days, small_cell_threshold, stock_start_date, default_language, updated_by, updated_at)
     VALUES ('program', 'Eastside program', 'America/Los_Angeles', 'mother_month_year', 100, 281, 60, 11, '2026-01-01', 'en', ?, ?)`,
    admin,
    at,
  );
  run(
    `INSERT INTO sites (id, name, site_type, active, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, 'Main site', 'fixed', 1, ?, ?, ?, ?)`,
    site,
    device,
    admin,
    at,
    at,
  );
  run(
    `INSERT INTO items (id, name, category, unit, units_per_pack, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, 'Syringe 1 mL 28G 1/2in', 'syringe', 'syringe', 100, ?, ?, ?, ?)`,
    item,
    device,
    admin,
    at,
    at,
  );
  run(
    `INSERT INTO participants (id, code, formula, canonical_id, first_seen_on, first_seen_site_id, origin_device_id,
       created_by, created_at, updated_at)
     VALUES (?, 'MG01', 'free', ?, '2026-11-20', ?, ?, ?, ?, ?)`,
    participant,
    participant,
    site,
    device,
    admin,
    at,
    at,
  );
  const encounter = (id: string, occurredAt: string, status: 'active' | 'voided', units: number) => {
    run(
      `INSERT INTO field_entries (id, kind, status, current_revision, origin_device_id, created_by, created_at, updated_at)
       VALUES (?, 'encounter', ?, 1, ?, ?, ?, ?)`,
      id,
      status,
      device,
      admin,
      occurredAt,
      occurredAt,
    );
    run(
      `INSERT INTO field_entry_revisions (id, entry_id, revision, site_id, occurred_at, local_date, contact_type,
         participant_id, contacts, syringes_per_container, syringes_per_pound, moves_stock, origin_device_id, created_by, created_at)
       VALUES (?, ?, 1, ?, ?, '2026-11-20', 'in_person', ?, 1, 100, 281, 1, ?, ?, ?)`,
      `${id.slice(0, -4)}r${id.slice(-3)}`,
      id,
      site,
      occurredAt,
      participant,
      device,
      admin,
      occurredAt,
    );
    run(
      `INSERT INTO field_entry_lines (id, revision_id, line_no, item_id, units) VALUES (?, ?, 1, ?, ?)`,
      `${id.slice(0, -4)}l${id.slice(-3)}`,
      `${id.slice(0, -4)}r${id.slice(-3)}`,
      item,
      units,
    );
  };
  encounter(seeded.tiedLow, at, 'active', 10);
  encounter(seeded.tiedHigh, at, 'active', 20);
  encounter(seeded.earlier, seeded.hourEarlier, 'active', 30);
  encounter(seeded.undone, at, 'voided', 40);
  encounter(seeded.voided, at, 'voided', 50);
  const voidOf = (entryId: string, reason: string) =>
    run(
      `INSERT INTO field_entry_voids (id, entry_id, reason, origin_device_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      `${entryId.slice(0, -4)}v${entryId.slice(-3)}`,
      entryId,
      reason,
      device,
      admin,
      at,
    );
  voidOf(seeded.undone, 'undone');
  voidOf(seeded.voided, 'entered twice');
  // One audit row as 0001-era code wrote it: its own action words, and a hash of its content.
  run(
    `INSERT INTO audit_log (id, at, staff_id, device_id, action, entity_type, entity_id, before_json, after_json, prev_hash, hash)
     VALUES ('0190f5a0-0000-7000-8000-0000000aa001', ?, ?, ?, 'encounter.void', 'encounter', ?, NULL,
       '{"status":"voided","reason":"undone"}', ?, ?)`,
    at,
    admin,
    device,
    seeded.undone,
    '0'.repeat(64),
    'f'.repeat(64),
  );
}

/** Presets as schema 0002 added them. */
export function seedSchema0002(sqlite: SqliteConnection): void {
  seedSchema0001(sqlite);
  sqlite
    .prepare(
      `INSERT INTO presets (id, name, lines_json, sort_order, active, origin_device_id, created_by, created_at, updated_at)
       VALUES ('0190f5a0-0000-7000-8000-0000000bb001', 'Standard kit', ?, 0, 1, ?, ?, ?, ?)`,
    )
    .run(JSON.stringify([{ itemId: seeded.item, quantity: 10 }]), seeded.device, seeded.admin, seeded.at, seeded.at);
}

/** Every row of every table but the migration bookkeeping, to prove a migration changed none of them. */
export function allRows(sqlite: SqliteConnection, tables: readonly string[]): Record<string, unknown[]> {
  return Object.fromEntries(
    tables.map((table) => [table, sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]),
  );
}

export const tablesOf0001 = [
  'device',
  'staff',
  'program_settings',
  'sites',
  'items',
  'participants',
  'field_entries',
  'field_entry_revisions',
  'field_entry_lines',
  'field_entry_voids',
  'audit_log',
] as const;

/** What schema 0004 adds to the seed: a second site and item, and an entry corrected onto them. */
export const seeded0004 = {
  otherSite: '0190f5a0-0000-7000-8000-00000000c002',
  otherItem: '0190f5a0-0000-7000-8000-00000000b002',
  /** Logged at the main site with syringes, then corrected to the van, a day later, with naloxone. */
  corrected: '0190f5a0-0000-7000-8000-000000000e06',
  correctedAt: '2026-11-21T19:30:00.000Z',
} as const;

export function seedSchema0004(sqlite: SqliteConnection): void {
  seedSchema0002(sqlite);
  const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
  const { device, admin, site, item, at } = seeded;
  const { otherSite, otherItem, corrected, correctedAt } = seeded0004;
  run(
    `INSERT INTO sites (id, name, site_type, active, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, 'Van', 'mobile_van', 1, ?, ?, ?, ?)`,
    otherSite,
    device,
    admin,
    at,
    at,
  );
  run(
    `INSERT INTO items (id, name, category, unit, units_per_pack, naloxone_form, doses_per_unit, origin_device_id,
       created_by, created_at, updated_at)
     VALUES (?, 'Naloxone nasal 4 mg', 'naloxone', 'box', 1, 'nasal', 2, ?, ?, ?, ?)`,
    otherItem,
    device,
    admin,
    at,
    at,
  );
  run(
    `INSERT INTO field_entries (id, kind, status, current_revision, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, 'encounter', 'active', 2, ?, ?, ?, ?)`,
    corrected,
    device,
    admin,
    at,
    correctedAt,
  );
  const revision = (number: 1 | 2, siteId: string, occurredAt: string, localDate: string, itemId: string) => {
    const revisionId = `${corrected.slice(0, -4)}r${number}06`;
    run(
      `INSERT INTO field_entry_revisions (id, entry_id, revision, site_id, occurred_at, local_date, contact_type,
         contacts, syringes_per_container, syringes_per_pound, moves_stock, change_reason, origin_device_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'in_person', 1, 100, 281, 1, ?, ?, ?, ?)`,
      revisionId,
      corrected,
      number,
      siteId,
      occurredAt,
      localDate,
      number === 2 ? 'wrong site and day' : null,
      device,
      admin,
      occurredAt,
    );
    // Two lines of the same item: the item is listed once.
    for (const lineNo of [1, 2]) {
      run(
        `INSERT INTO field_entry_lines (id, revision_id, line_no, item_id, units) VALUES (?, ?, ?, ?, 1)`,
        `${corrected.slice(0, -4)}l${number}${lineNo}6`,
        revisionId,
        lineNo,
        itemId,
      );
    }
  };
  revision(1, site, at, '2026-11-20', item);
  revision(2, otherSite, correctedAt, '2026-11-21', otherItem);
}

/**
 * Rollups as schema 0006 kept them for the entries above: two days at the main site (one of them
 * in December), a day at the van, and the one participant seen on two days and at two sites.
 */
export function seedSchema0006(sqlite: SqliteConnection): void {
  seedSchema0004(sqlite);
  const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
  const { site, item, participant } = seeded;
  const { otherSite, otherItem } = seeded0004;
  run(
    `INSERT INTO daily_site_counts (site_id, local_date, encounters, tallies, tally_contacts) VALUES (?, '2026-11-20', 3, 0, 0)`,
    site,
  );
  run(
    `INSERT INTO daily_site_counts (site_id, local_date, encounters, tallies, tally_contacts) VALUES (?, '2026-11-02', 0, 1, 7)`,
    site,
  );
  run(`INSERT INTO daily_site_counts (site_id, local_date, encounters) VALUES (?, '2026-12-01', 1)`, site);
  run(`INSERT INTO daily_site_counts (site_id, local_date, encounters) VALUES (?, '2026-11-21', 1)`, otherSite);
  run(`INSERT INTO daily_item_units (site_id, local_date, item_id, units) VALUES (?, '2026-11-20', ?, 60)`, site, item);
  run(`INSERT INTO daily_item_units (site_id, local_date, item_id, units) VALUES (?, '2026-11-02', ?, 4)`, site, item);
  run(
    `INSERT INTO daily_item_units (site_id, local_date, item_id, units, doses) VALUES (?, '2026-11-21', ?, 2, 4)`,
    otherSite,
    otherItem,
  );
  run(
    `INSERT INTO daily_unmet_requests (site_id, local_date, item_id, count) VALUES (?, '2026-11-21', ?, 1)`,
    otherSite,
    item,
  );
  for (const [siteId, day] of [
    [site, '2026-11-20'],
    [site, '2026-12-01'],
    [otherSite, '2026-11-21'],
  ] as const) {
    run(
      `INSERT INTO participant_site_days (participant_id, site_id, local_date, encounters, first_at) VALUES (?, ?, ?, 1, ?)`,
      participant,
      siteId,
      day,
      `${day}T18:00:00.000Z`,
    );
  }
}

/** What schema 0008 adds to the seed, written after migrating the 0004 seed on to 0008. */
export const seeded0008 = {
  serviceType: '0190f5a0-0000-7000-8000-00000000a501',
  lot: '0190f5a0-0000-7000-8000-00000000a601',
  receipt: '0190f5a0-0000-7000-8000-00000000a701',
  tally: '0190f5a0-0000-7000-8000-000000000e07',
} as const;

/**
 * Stock, services and a tally as schema 0008 held them: naloxone received by lot at the van, the
 * corrected entry's stock moved by its first revision and put back when it was corrected, a
 * service, a reversal report and an unmet request on the first encounter, and a street tally.
 */
export function seedSchema0008(sqlite: SqliteConnection): void {
  const run = (sqlText: string, ...values: unknown[]) => sqlite.prepare(sqlText).run(...values);
  const { device, admin, site, item, at, tiedLow } = seeded;
  const { otherSite, otherItem, corrected, correctedAt } = seeded0004;
  const { serviceType, lot, receipt, tally } = seeded0008;
  const record = [device, admin, at];
  run(
    `INSERT INTO service_types (id, name, kind, sort_order, active, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, 'Wound care', 'service', 1, 1, ?, ?, ?, ?)`,
    serviceType,
    ...record,
    at,
  );
  run(
    `INSERT INTO lots (id, item_id, lot_number, expires_on, origin_device_id, created_by, created_at)
     VALUES (?, ?, 'NX-24', '2027-06-30', ?, ?, ?)`,
    lot,
    otherItem,
    ...record,
  );
  run(
    `INSERT INTO receipts (id, site_id, item_id, lot_id, source, packs, units_per_pack, units, received_at, local_date,
       origin_device_id, created_by, created_at)
     VALUES (?, ?, ?, ?, 'County', 2, 12, 24, ?, '2026-11-20', ?, ?, ?)`,
    receipt,
    otherSite,
    otherItem,
    lot,
    at,
    ...record,
  );
  const movement = (
    number: number,
    kind: string,
    siteId: string,
    itemId: string,
    lotId: string | null,
    units: number,
    occurredAt: string,
    sourceType: string,
    sourceId: string,
    sourceRevisionId: string | null,
    reverses: number | null,
  ) =>
    run(
      `INSERT INTO stock_movements (id, kind, site_id, item_id, lot_id, units, shortfall, occurred_at, local_date,
         source_type, source_id, source_revision_id, reverses_movement_id, origin_device_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, substr(?, 1, 10), ?, ?, ?, ?, ?, ?, ?)`,
      `0190f5a0-0000-7000-8000-00000000a8${String(number).padStart(2, '0')}`,
      kind,
      siteId,
      itemId,
      lotId,
      units,
      occurredAt,
      occurredAt,
      sourceType,
      sourceId,
      sourceRevisionId,
      reverses === null ? null : `0190f5a0-0000-7000-8000-00000000a8${String(reverses).padStart(2, '0')}`,
      ...record,
    );
  const firstOf = (entryId: string) => `${entryId.slice(0, -4)}r${entryId.slice(-3)}`;
  const correctedRevision = (number: 1 | 2) => `${corrected.slice(0, -4)}r${number}06`;
  movement(1, 'receipt', otherSite, otherItem, lot, 24, at, 'receipt', receipt, null, null);
  movement(2, 'distribution', site, item, null, -10, at, 'field_entry', tiedLow, firstOf(tiedLow), null);
  movement(3, 'distribution', site, item, null, -2, at, 'field_entry', corrected, correctedRevision(1), null);
  movement(4, 'distribution', site, item, null, 2, correctedAt, 'field_entry', corrected, correctedRevision(1), 3);
  movement(
    5,
    'distribution',
    otherSite,
    otherItem,
    lot,
    -2,
    correctedAt,
    'field_entry',
    corrected,
    correctedRevision(2),
    null,
  );
  run(`INSERT INTO stock_balances (site_id, item_id, lot_key, lot_id, units) VALUES (?, ?, '', NULL, -10)`, site, item);
  run(
    `INSERT INTO stock_balances (site_id, item_id, lot_key, lot_id, units) VALUES (?, ?, ?, ?, 22)`,
    otherSite,
    otherItem,
    lot,
    lot,
  );
  run(`INSERT INTO field_entry_services (revision_id, service_type_id) VALUES (?, ?)`, firstOf(tiedLow), serviceType);
  for (const [number, outcome] of [
    [1, 'survived'],
    [2, 'unknown'],
  ] as const) {
    run(
      `INSERT INTO field_entry_reversals (id, revision_id, outcome, doses_used, note) VALUES (?, ?, ?, 2, NULL)`,
      `0190f5a0-0000-7000-8000-00000000a90${number}`,
      firstOf(tiedLow),
      outcome,
    );
  }
  run(
    `INSERT INTO field_entry_unmet_requests (id, revision_id, item_id, reason, units) VALUES (?, ?, ?, 'out_of_stock', 3)`,
    '0190f5a0-0000-7000-8000-00000000aa01',
    firstOf(tiedLow),
    otherItem,
  );
  run(
    `INSERT INTO field_entries (id, kind, status, current_revision, origin_device_id, created_by, created_at, updated_at,
       current_occurred_at, current_site_id, current_local_date)
     VALUES (?, 'tally', 'active', 1, ?, ?, ?, ?, ?, ?, '2026-11-20')`,
    tally,
    ...record,
    at,
    at,
    site,
  );
  run(
    `INSERT INTO field_entry_revisions (id, entry_id, revision, site_id, occurred_at, local_date, contacts,
       syringes_per_container, syringes_per_pound, collected_containers, collected_estimated, moves_stock,
       origin_device_id, created_by, created_at)
     VALUES (?, ?, 1, ?, ?, '2026-11-20', 7, 100, 281, 0.5, 50, 1, ?, ?, ?)`,
    firstOf(tally),
    tally,
    site,
    at,
    ...record,
  );
}

/** How schema 0008 chained its audit rows, frozen: for seeds whose chain must hold. */
export function auditHash0008(prevHash: string, fields: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, ...fields]))
    .digest('hex');
}

/** A closed database file at schema 0008, as the last shape before the compact file held data. */
export async function seededAt0008(): Promise<string> {
  const { path, sqlite } = await seededAt('0004_void_kinds', seedSchema0004);
  await runMigrations(sqlite, { target: '0008_visits_by_time' });
  seedSchema0008(sqlite);
  sqlite.close();
  return path;
}

export const seeded0009 = {
  entry: '0190f5a0-0000-7000-8000-000000000e09',
  at: Date.parse('2026-11-20T18:00:00.000Z'),
} as const;

/** Schema 0009's compact tables: who wrote, a site, and one encounter (by key, instants in ms). */
export function seedSchema0009(sqlite: SqliteConnection): void {
  const created = '2026-11-01T00:00:00.000Z';
  sqlite.prepare(`INSERT INTO device (key, id, created_at) VALUES (1, ?, ?)`).run(seeded.device, created);
  sqlite
    .prepare(
      `INSERT INTO staff (key, id, display_name, role, active, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, ?, 'Admin', 'admin', 1, ?, NULL, ?, ?)`,
    )
    .run(seeded.admin, seeded.device, created, created);
  sqlite
    .prepare(
      `INSERT INTO sites (key, id, name, site_type, active, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, ?, 'Main site', 'fixed', 1, ?, ?, ?, ?)`,
    )
    .run(seeded.site, seeded.device, seeded.admin, created, created);
  sqlite
    .prepare(
      `INSERT INTO field_entries (key, id, kind, status, current_revision, current_occurred_ms, current_site_key,
         current_local_date, origin_device_key, created_by_key, created_ms, updated_ms)
       VALUES (1, ?, 1, 'active', 1, ?, 1, '2026-11-20', 1, 1, ?, ?)`,
    )
    .run(seeded0009.entry, seeded0009.at, seeded0009.at, seeded0009.at);
}

export const seeded0010 = {
  entry: '0190f5a0-0000-7000-8000-000000000e10',
  /** The form the encounter was saved from (0010). */
  formKey: Buffer.alloc(16, 10),
  at: Date.parse('2026-11-20T18:00:00.000Z'),
} as const;

/** Schema 0010's tables: who wrote, a site, one encounter saved from a form that collected 40 syringes, and its rollup. */
export function seedSchema0010(sqlite: SqliteConnection): void {
  const created = '2026-11-01T00:00:00.000Z';
  const { entry, formKey, at } = seeded0010;
  sqlite.prepare(`INSERT INTO device (key, id, created_at) VALUES (1, ?, ?)`).run(seeded.device, created);
  sqlite
    .prepare(
      `INSERT INTO staff (key, id, display_name, role, active, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, ?, 'Admin', 'admin', 1, ?, NULL, ?, ?)`,
    )
    .run(seeded.admin, seeded.device, created, created);
  sqlite
    .prepare(
      `INSERT INTO program_settings (id, program_name, time_zone, participant_code_formula, syringes_per_container,
         syringes_per_pound, expiry_warning_days, small_cell_threshold, stock_start_date, default_language, updated_by, updated_at)
       VALUES ('program', 'Eastside program', 'America/Los_Angeles', 'mother_month_year', 100, 281, 60, 11, '2026-01-01', 'en', ?, ?)`,
    )
    .run(seeded.admin, created);
  sqlite
    .prepare(
      `INSERT INTO sites (key, id, name, site_type, active, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, ?, 'Main site', 'fixed', 1, ?, ?, ?, ?)`,
    )
    .run(seeded.site, seeded.device, seeded.admin, created, created);
  sqlite
    .prepare(
      `INSERT INTO field_entries (key, id, kind, status, current_revision, current_occurred_ms, current_site_key,
         current_local_date, origin_device_key, created_by_key, created_ms, updated_ms, form_key)
       VALUES (1, ?, 1, 'active', 1, ?, 1, '2026-11-20', 1, 1, ?, ?, ?)`,
    )
    .run(entry, at, at, at, formKey);
  sqlite
    .prepare(
      `INSERT INTO field_entry_revisions (key, id, entry_key, revision, site_key, occurred_ms, local_date, contact_type,
         contacts, collected_counted, syringes_per_container, syringes_per_pound, moves_stock, origin_device_key,
         created_by_key, created_ms)
       VALUES (1, '0190f5a0-0000-7000-8000-000000000f10', 1, 1, 1, ?, '2026-11-20', 'in_person', 1, 40, 100, 281, 1, 1, 1, ?)`,
    )
    .run(at, at);
  sqlite
    .prepare(
      `INSERT INTO daily_site_counts (site_key, local_date, encounters, anonymous_encounters, collected_counted)
       VALUES (1, '2026-11-20', 1, 1, 40)`,
    )
    .run();
  sqlite
    .prepare(
      `INSERT INTO monthly_site_counts (month, site_key, encounters, anonymous_encounters, collected_counted)
       VALUES ('2026-11', 1, 1, 1, 40)`,
    )
    .run();
}

export const seeded0011 = {
  naloxone: '0190f5a0-0000-7000-8000-00000000b111',
  kit: '0190f5a0-0000-7000-8000-00000000b112',
  kitVersion: '0190f5a0-0000-7000-8000-00000000b113',
  lot: '0190f5a0-0000-7000-8000-00000000b114',
} as const;

/** Schema 0011's catalog: who wrote, a loose nasal naloxone item with a lot, and a kit holding it. */
export function seedSchema0011(sqlite: SqliteConnection): void {
  const created = '2026-11-01T00:00:00.000Z';
  const { naloxone, kit, kitVersion, lot } = seeded0011;
  sqlite.prepare(`INSERT INTO device (key, id, created_at) VALUES (1, ?, ?)`).run(seeded.device, created);
  sqlite
    .prepare(
      `INSERT INTO staff (key, id, display_name, role, active, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, ?, 'Admin', 'admin', 1, ?, NULL, ?, ?)`,
    )
    .run(seeded.admin, seeded.device, created, created);
  const item = sqlite.prepare(
    `INSERT INTO items (key, id, name, sku, category, unit, units_per_pack, naloxone_form, doses_per_unit, tracks_lots,
       is_kit, is_common, active, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, ?, ?, NULL, ?, ?, 1, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?)`,
  );
  item.run(
    1,
    naloxone,
    'Naloxone nasal 4 mg',
    'naloxone',
    'box',
    'nasal',
    2,
    1,
    0,
    seeded.device,
    seeded.admin,
    created,
    created,
  );
  item.run(
    2,
    kit,
    'Overdose response kit',
    'other',
    'kit',
    null,
    null,
    0,
    1,
    seeded.device,
    seeded.admin,
    created,
    created,
  );
  sqlite
    .prepare(
      `INSERT INTO kit_versions (key, id, kit_item_id, version, origin_device_id, created_by, created_at)
       VALUES (1, ?, ?, 1, ?, ?, ?)`,
    )
    .run(kitVersion, kit, seeded.device, seeded.admin, created);
  sqlite
    .prepare(`INSERT INTO kit_components (kit_version_id, component_item_id, units) VALUES (?, ?, 1)`)
    .run(kitVersion, naloxone);
  sqlite
    .prepare(
      `INSERT INTO lots (key, id, item_id, lot_number, expires_on, kit_version_id, origin_device_id, created_by, created_at)
       VALUES (1, ?, ?, 'NX2611', '2028-06-30', NULL, ?, ?, ?)`,
    )
    .run(lot, naloxone, seeded.device, seeded.admin, created);
}

export const seeded0012 = {
  van: '0190f5a0-0000-7000-8000-00000000c012',
  naloxone: '0190f5a0-0000-7000-8000-00000000b121',
  lot: '0190f5a0-0000-7000-8000-00000000b122',
  receipt: '0190f5a0-0000-7000-8000-00000000b123',
  at: Date.parse('2026-11-20T18:00:00.000Z'),
} as const;

/** Schema 0012's stock: a program with a drop-in and a van, nasal naloxone tracked by lot, 12 units received into one lot at the drop-in. */
export function seedSchema0012(sqlite: SqliteConnection): void {
  const created = '2026-11-01T00:00:00.000Z';
  const { van, naloxone, lot, receipt, at } = seeded0012;
  sqlite.prepare(`INSERT INTO device (key, id, created_at) VALUES (1, ?, ?)`).run(seeded.device, created);
  sqlite
    .prepare(
      `INSERT INTO staff (key, id, display_name, role, active, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, ?, 'Admin', 'admin', 1, ?, NULL, ?, ?)`,
    )
    .run(seeded.admin, seeded.device, created, created);
  sqlite
    .prepare(
      `INSERT INTO program_settings (id, program_name, time_zone, participant_code_formula, syringes_per_container,
         syringes_per_pound, expiry_warning_days, small_cell_threshold, stock_start_date, default_language, updated_by, updated_at)
       VALUES ('program', 'Eastside program', 'America/Los_Angeles', 'mother_month_year', 100, 281, 60, 11, '2026-01-01', 'en', ?, ?)`,
    )
    .run(seeded.admin, created);
  const site = sqlite.prepare(
    `INSERT INTO sites (key, id, name, site_type, active, origin_device_id, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  site.run(1, seeded.site, 'Main site', 'fixed', seeded.device, seeded.admin, created, created);
  site.run(2, van, 'Van 1', 'mobile_van', seeded.device, seeded.admin, created, created);
  sqlite
    .prepare(
      `INSERT INTO items (key, id, name, sku, category, unit, units_per_pack, naloxone_form, doses_per_unit, tracks_lots,
         is_kit, is_common, active, origin_device_id, created_by, created_at, updated_at)
       VALUES (1, ?, 'Naloxone nasal 4 mg', NULL, 'naloxone', 'box', 12, 'nasal', 2, 1, 0, 1, 1, ?, ?, ?, ?)`,
    )
    .run(naloxone, seeded.device, seeded.admin, created, created);
  sqlite
    .prepare(
      `INSERT INTO lots (key, id, item_id, lot_number, expires_on, kit_version_id, origin_device_id, created_by, created_at)
       VALUES (1, ?, ?, 'NX2611', '2028-06-30', NULL, ?, ?, ?)`,
    )
    .run(lot, naloxone, seeded.device, seeded.admin, created);
  sqlite
    .prepare(
      `INSERT INTO receipts (key, id, site_id, item_id, lot_id, source, packs, units_per_pack, units, received_at,
         local_date, note, origin_device_id, created_by, created_at)
       VALUES (1, ?, ?, ?, ?, 'State grant', 1, 12, 12, ?, '2026-11-20', NULL, ?, ?, ?)`,
    )
    .run(receipt, seeded.site, naloxone, lot, new Date(at).toISOString(), seeded.device, seeded.admin, created);
  sqlite
    .prepare(
      `INSERT INTO stock_movements (key, kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date,
         source_type, source_key, source_revision_key, reverses_movement_key, origin_device_key, created_by_key, created_ms)
       VALUES (1, 1, 1, 1, 1, 12, 0, ?, '2026-11-20', 2, 1, NULL, NULL, 1, 1, ?)`,
    )
    .run(at, at);
  sqlite.prepare(`INSERT INTO stock_balances (site_key, item_key, lot_key, units) VALUES (1, 1, 1, 12)`).run();
}

export const seeded0013 = {
  transfer: '0190f5a0-0000-7000-8000-00000000d131',
} as const;

/** Schema 0013's stock room: schema 0012's stock, 5 units of it sent from the drop-in to the van and still in transit. */
export function seedSchema0013(sqlite: SqliteConnection): void {
  seedSchema0012(sqlite);
  const { at } = seeded0012;
  sqlite
    .prepare(
      `INSERT INTO transfers (key, id, from_site_key, to_site_key, sent_ms, sent_local_date, reference, note, status,
         form_key, origin_device_key, created_by_key, created_ms)
       VALUES (1, ?, 1, 2, ?, '2026-11-20', 'TR-1', NULL, 'in_transit', NULL, 1, 1, ?)`,
    )
    .run(seeded0013.transfer, at + 60_000, at + 60_000);
  sqlite
    .prepare(`INSERT INTO transfer_lines (transfer_key, line, item_key, lot_key, units) VALUES (1, 1, 1, 1, 5)`)
    .run();
  sqlite
    .prepare(
      `INSERT INTO stock_movements (key, kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date,
         source_type, source_key, source_revision_key, reverses_movement_key, origin_device_key, created_by_key, created_ms)
       VALUES (2, 3, 1, 1, 1, -5, 0, ?, '2026-11-20', 3, 1, NULL, NULL, 1, 1, ?)`,
    )
    .run(at + 60_000, at + 60_000);
  sqlite.prepare(`UPDATE stock_balances SET units = 7 WHERE site_key = 1 AND item_key = 1 AND lot_key = 1`).run();
}
