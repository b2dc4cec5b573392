/**
 * Realistic synthetic data for trying Outpost and for benchmarks: sites of every type with their
 * opening patterns, weekday and seasonal rhythms, growth over the years, returning and new
 * participants, anonymous walk-ins, secondary distribution, naloxone with lots and expiry,
 * syringes collected (at encounters, and from kiosks, drop boxes and sweeps), services and
 * referrals, reversal reports, unmet requests, tallies for street outreach, and a few voids and
 * corrections. Deterministic: the same seed and "today" give the
 * same database, ids and keys included.
 *
 * It writes rows in bulk through prepared statements (20 sites x 5 years is about two million
 * encounters), but writes what the core writes for each save: the compact rows, a stock movement
 * per allocation of every supply line (first-expiry-first-out, from the program's stock start,
 * which it sets to the first day of history), the participant a first visit creates, and the
 * audit rows dispatch appends, chained with the audit log's own hash. Rollups, list paths and
 * balances it then computes from the facts with the very queries `verify` checks against. It is
 * only ever run on a separate demo database, never a program's real one.
 */
import { written, type RecordChange } from '../access/operations';
import { auditHash, factDigest, genesisHash } from '../platform/audit-chain';
import type { AuditAction, AuditEntity } from '../contract/audit';
import { dayStartMs, localDate } from '../contract/calendar';
import type { Actor } from '../contract/envelope';
import { collectionView } from '../collections/collections';
import { estimatedSyringes } from '../contract/field-entries';
import type {
  CollectionSource,
  ContactType,
  FieldEntryKind,
  ItemCategory,
  ServiceKind,
  SiteType,
} from '../contract/vocabulary';
import { defaultItems } from '../catalog/default-catalog';
import type { SetupInput } from '../contract/system';
import { bulkWrite } from '../dispatch/bulk';
import { perform, type CoreContext } from '../dispatch/dispatch';
import { rebuildListPaths } from '../field-entries/list-paths';
import { entryView } from '../field-entries/read';
import { allocateFirstExpiryFirst, type ShelfLot as AllocatableLot } from '../inventory/first-expiry-first-out';
import { isoOf } from '../platform/instants';
import { keyOfExisting } from '../platform/keys';
import type { AuditLogRow, ItemRow } from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { rebuildRollups } from '../reports/rollups';
import { generateStockRoomActivity, type StockRoomSummary } from './stock-room';
import { isSetUp } from '../system/setup';
import { readSettings } from '../settings/settings';

export interface DemoOptions {
  sites?: number;
  years?: number;
  seed?: number;
  /** The last day of data is the day before this; defaults to the database clock. */
  today?: Date;
  /**
   * Stock is counted from this many days before the last (older history moves none, as for any
   * entry dated before the program's stock start); by default from the first day of history.
   */
  stockDays?: number;
  /** The program's time zone, when the demo sets the program up (America/Los_Angeles by default). */
  timeZone?: string;
}

export const demoTimeZone = 'America/Los_Angeles';

export interface DemoSummary {
  sites: number;
  participants: number;
  encounters: number;
  tallies: number;
  supplyLines: number;
  stockMovements: number;
  voided: number;
  corrected: number;
  /** Kiosks and drop boxes emptied, and community sweeps. */
  collections: number;
  /** Items' GTINs, and the last week's scanned delivery, transfers, adjustments and hold, saved through the core. */
  stockRoom: StockRoomSummary;
}

const dayMs = 86_400_000;
const hourMs = 3_600_000;

interface DemoStaff {
  id: string;
  key: number;
  name: string;
}
interface DemoParticipant {
  id: string;
  key: number;
  code: string;
  /** Created by the visit about to be saved: its save audits the creation. */
  isNew: boolean;
}
interface DemoSite {
  id: string;
  key: number;
  name: string;
  siteType: SiteType;
  regulars: DemoParticipant[];
  lean: number;
}
interface DemoService {
  id: string;
  key: number;
  name: string;
  kind: ServiceKind;
  sort_order: number;
}
interface ShelfLot extends AllocatableLot {
  lotId: string;
  key: number;
  lotNumber: string;
}
/** Stock at a site of one item: its lots in the ledger's allocation order, and the units held without a lot. */
interface Shelf {
  lots: ShelfLot[];
  loose: number;
}
/** What one distribution movement took off a shelf. */
interface Taken {
  key: number;
  item: ItemRow;
  shelf: Shelf;
  lot: ShelfLot | null;
  units: number;
}

/** SQLite's order for text (byte by byte), which ORDER BY gives the ledger and the reads. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const siteNames: Record<SiteType, string[]> = {
  fixed: ['Main office', 'Eastside office', 'Harbor health hub', 'Northgate office'],
  drop_in: ['Downtown drop-in', 'Mission drop-in', 'Riverside drop-in', 'Westend drop-in'],
  mobile_van: ['Van 1', 'Van 2', 'Van 3', 'Van 4'],
  street_outreach: ['Riverside outreach', 'Rail yard outreach', 'Old town outreach', 'Park loop outreach'],
  satellite: ['Clinic partner', 'Shelter partner', 'Library partner', 'Church partner'],
  mail_delivery: ['Mail and delivery', 'Rural delivery', 'Home delivery', 'County mail'],
};
const siteTypeCycle: SiteType[] = [
  'fixed',
  'drop_in',
  'mobile_van',
  'street_outreach',
  'drop_in',
  'mobile_van',
  'satellite',
  'mail_delivery',
];

/** Days a site of each type is usually open (0 = Sunday), and its daily volume relative to a drop-in. */
const schedules: Record<SiteType, { days: number[]; volume: number }> = {
  fixed: { days: [1, 2, 3, 4, 5], volume: 0.9 },
  drop_in: { days: [1, 2, 3, 4, 5, 6], volume: 1.2 },
  mobile_van: { days: [2, 3, 4, 5, 6], volume: 0.8 },
  street_outreach: { days: [1, 3, 5], volume: 0.25 },
  satellite: { days: [2, 4], volume: 0.5 },
  mail_delivery: { days: [1, 4], volume: 0.3 },
};

/** How likely a visit includes each kind of supply, and how many units. */
const supplyPatterns: { category: ItemCategory; chance: number; min: number; max: number; step: number }[] = [
  { category: 'syringe', chance: 0.62, min: 10, max: 100, step: 10 },
  { category: 'other', chance: 0.35, min: 5, max: 30, step: 5 },
  { category: 'fentanyl_test_strip', chance: 0.3, min: 2, max: 10, step: 1 },
  { category: 'xylazine_test_strip', chance: 0.12, min: 2, max: 6, step: 1 },
  { category: 'naloxone', chance: 0.11, min: 1, max: 2, step: 1 },
  { category: 'smoking', chance: 0.22, min: 1, max: 4, step: 1 },
  { category: 'safer_sex', chance: 0.18, min: 5, max: 20, step: 5 },
  { category: 'wound_care', chance: 0.07, min: 1, max: 2, step: 1 },
  { category: 'hygiene', chance: 0.08, min: 1, max: 2, step: 1 },
  { category: 'sharps_container', chance: 0.1, min: 1, max: 2, step: 1 },
];

export function generateDemoData(context: CoreContext, actor: Actor, options: DemoOptions = {}): DemoSummary {
  const { db } = context;
  const random = randomSource(options.seed ?? 20_261_122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (min: number, max: number, step = 1) =>
    min + step * Math.floor(random() * (Math.floor((max - min) / step) + 1));
  /** UUIDv7 layout (time-ordered) with the random bits from a seeded source. */
  const idsFrom =
    (source: () => number) =>
    (timeMs: number): string => {
      const hex = (bits: number, length: number) =>
        Math.floor(source() * 2 ** bits)
          .toString(16)
          .padStart(length, '0');
      const time = Math.max(0, Math.floor(timeMs)).toString(16).padStart(12, '0');
      const variant = (8 + Math.floor(source() * 4)).toString(16);
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(12, 3)}-${variant}${hex(12, 3)}-${hex(24, 6)}${hex(24, 6)}`;
    };
  const demoId = idsFrom(random);
  // Collections draw from a source of their own: adding them left every encounter as it was.
  const collectionRandom = randomSource((options.seed ?? 20_261_122) + 1);
  const collectionId = idsFrom(collectionRandom);

  const siteCount = options.sites ?? 4;
  const years = options.years ?? 1;
  const today = options.today ?? db.now();
  const settings = readSettings(db);
  // The codes generated are letters, mother's birth month and year (the starting formula); a
  // participant records the program's formula, as a save through the core does.
  const participantFormula = settings.participant_code_formula;
  const firstDay = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - Math.round(years * 365) * dayMs,
  );
  const lastDay = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - dayMs);
  /** The program's day of a generated day (each is written as the UTC day, read at its noon). */
  const dayOf = (time: number) => localDate(new Date(time + 12 * hourMs), settings.time_zone);
  const stockStart = dayOf(
    options.stockDays === undefined ? firstDay.getTime() : lastDay.getTime() - options.stockDays * dayMs,
  );
  const device = context.core.deviceId;
  const deviceKey = keyOfExisting(db, 'device', device);
  const encounterCode = storedCodes.entryKind.code('encounter');
  const tallyCode = storedCodes.entryKind.code('tally');
  const receiptKind = storedCodes.movementKind.code('receipt');
  const distributionKind = storedCodes.movementKind.code('distribution');
  const fromEntry = storedCodes.movementSource.code('field_entry');
  const fromReceipt = storedCodes.movementSource.code('receipt');
  const summary: DemoSummary = {
    sites: 0,
    participants: 0,
    encounters: 0,
    tallies: 0,
    supplyLines: 0,
    stockMovements: 0,
    voided: 0,
    corrected: 0,
    collections: 0,
    stockRoom: {
      gtins: 0,
      deliveries: 0,
      transfers: 0,
      inTransit: 0,
      adjustments: 0,
      lotsOnHold: 0,
      countsPosted: 0,
      countsOpen: 0,
    },
  };

  const sql = (text: string) => db.statement(text);
  /** The key SQLite gave the row just inserted (its INTEGER PRIMARY KEY). */
  const inserted = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);
  const insert = {
    site: sql(
      `INSERT INTO sites (id, name, site_type, active, origin_device_id, created_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)`,
    ),
    staff: sql(
      `INSERT INTO staff (id, display_name, role, active, origin_device_id, created_by, created_at, updated_at) VALUES (?, ?, 'outreach_worker', 1, ?, ?, ?, ?)`,
    ),
    participant: sql(
      `INSERT INTO participants (id, code, formula, merged_into_id, canonical_id, origin_device_id, created_by, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
    ),
    entry: sql(
      `INSERT INTO field_entries (id, kind, status, current_revision, current_occurred_ms, current_site_key, current_local_date,
        origin_device_key, created_by_key, created_ms, updated_ms) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    revision: sql(
      `INSERT INTO field_entry_revisions (id, entry_key, revision, replaces_revision_key, site_key, occurred_ms, local_date, contact_type,
        participant_key, contacts, on_behalf_of, collected_counted, collected_containers, collected_pounds, syringes_per_container,
        syringes_per_pound, collected_estimated, note, moves_stock, change_reason, origin_device_key, created_by_key, created_ms)
       VALUES (?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, NULL, ?, NULL, ?, ?, ?)`,
    ),
    line: sql(
      `INSERT INTO field_entry_lines (revision_key, line_no, item_key, units, lot_key, kit_version_key, doses_per_unit) VALUES (?, ?, ?, ?, NULL, ?, ?)`,
    ),
    service: sql(`INSERT INTO field_entry_services (revision_key, service_type_key) VALUES (?, ?)`),
    reversal: sql(
      `INSERT INTO field_entry_reversals (revision_key, reversal_no, outcome, doses_used, note) VALUES (?, ?, ?, ?, NULL)`,
    ),
    unmet: sql(
      `INSERT INTO field_entry_unmet_requests (revision_key, request_no, item_key, reason, units) VALUES (?, ?, ?, ?, NULL)`,
    ),
    void: sql(
      `INSERT INTO field_entry_voids (id, entry_key, kind, reason, origin_device_id, created_by, created_at) VALUES (?, ?, 'void', ?, ?, ?, ?)`,
    ),
    lot: sql(
      `INSERT INTO lots (id, item_id, lot_number, expires_on, kit_version_id, origin_device_id, created_by, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)`,
    ),
    receipt: sql(
      `INSERT INTO receipts (id, site_id, item_id, lot_id, source, packs, units_per_pack, units, received_at, local_date, note, origin_device_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    ),
    movement: sql(
      `INSERT INTO stock_movements (kind, site_key, item_key, lot_key, units, shortfall, occurred_ms, local_date, source_type, source_key,
        source_revision_key, reverses_movement_key, origin_device_key, created_by_key, created_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    collection: sql(
      `INSERT INTO collections (id, status, current_revision, current_site_key, current_local_date, form_key,
        origin_device_key, created_by_key, created_ms, updated_ms) VALUES (?, 'active', 1, ?, ?, NULL, ?, ?, ?, ?)`,
    ),
    collectionRevision: sql(
      `INSERT INTO collection_revisions (id, collection_key, revision, replaces_revision_key, site_key, local_date, source,
        collected_counted, collected_containers, collected_pounds, syringes_per_container, syringes_per_pound,
        collected_estimated, note, change_reason, origin_device_key, created_by_key, created_ms)
       VALUES (?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
    ),
    audit: sql(
      `INSERT INTO audit_log (seq, at_ms, staff_key, device_key, action, entity_type, entity_key, before_json, after_json, after_digest, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  const lastAudit = sql(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);

  const items = db.all(db.query.selectFrom('items').selectAll().where('active', '=', 1).orderBy('name'));
  const itemsByCategory = new Map<ItemCategory, ItemRow[]>();
  for (const item of items) {
    if (item.is_kit === 1 && item.category !== 'smoking') continue;
    itemsByCategory.set(item.category, [...(itemsByCategory.get(item.category) ?? []), item]);
  }
  // A kit handed out without a lot counts its components as the kit is defined today (its latest version).
  const kitVersionKey = new Map(
    db
      .all(db.query.selectFrom('kit_versions').select(['kit_item_id', 'key', 'version']).orderBy('version'))
      .map((version) => [version.kit_item_id, version.key]),
  );
  const services = db.all(
    db.query.selectFrom('service_types').select(['id', 'key', 'name', 'kind', 'sort_order']).where('active', '=', 1),
  );
  const startMs = firstDay.getTime();
  const actorRow = db.first(
    db.query.selectFrom('staff').select(['key', 'display_name']).where('id', '=', actor.staffId),
  );
  if (!actorRow) throw new Error(`No staff member has id ${actor.staffId}.`);
  const actorStaff: DemoStaff = { id: actor.staffId, key: actorRow.key, name: actorRow.display_name };

  // State the month-by-month writing shares: stock on the shelves, the participants so far, the audit chain's end.
  const shelves = new Map<string, Shelf>();
  let participantNumber = 0;
  const codes = new Set<string>();
  let lotSerial = 1000;
  let chainEnd: { seq: number; hash: Uint8Array } = { seq: 0, hash: genesisHash };

  const setup = bulkWrite(context, actor, 'demo.generate', () => {
    const staff = [actorStaff];
    const changes: RecordChange[] = [];
    for (const name of ['Alex R.', 'Sam T.', 'Jordan P.', 'Robin K.', 'Casey M.', 'Drew L.']) {
      const id = demoId(startMs);
      const key = inserted(
        insert.staff.run(id, name, device, actor.staffId, firstDay.toISOString(), firstDay.toISOString()),
      );
      staff.push({ id, key, name });
      changes.push({ entity: 'staff', id, after: { displayName: name, role: 'outreach_worker' } });
    }
    // The sites the demo's setup made, and any it lacks (a program set up with other sites).
    const sites = demoSites(siteCount).map(({ name, siteType }): DemoSite => {
      const existing = sql(`SELECT id, key FROM sites WHERE name = ?`).get(name) as
        { id: string; key: number } | undefined;
      let found = existing;
      if (!found) {
        const id = demoId(startMs);
        const key = inserted(
          insert.site.run(id, name, siteType, device, actor.staffId, firstDay.toISOString(), firstDay.toISOString()),
        );
        changes.push({ entity: 'site', id, after: { name, siteType } });
        found = { id, key };
      }
      return { ...found, name, siteType, regulars: [], lean: 0.8 + random() * 0.4 };
    });
    summary.sites = sites.length;
    // Stock is counted from the first day of history (or the last `stockDays`), so saves move stock as the core's do.
    db.run(db.query.updateTable('program_settings').set({ stock_start_date: stockStart, updated_at: db.nowIso() }));
    changes.push({
      entity: 'program_settings',
      id: 'program',
      before: { stockStartDate: settings.stock_start_date },
      after: { stockStartDate: stockStart },
    });
    return { value: { sites, staff }, changes };
  });
  const { sites, staff } = setup;

  /** One audit row, chained to the one before it, as appendAudit writes it. */
  const appendAuditRow = (change: Omit<AuditLogRow, 'seq' | 'hash'>) => {
    const fields = { seq: chainEnd.seq + 1, ...change };
    const hash = auditHash(chainEnd.hash, fields);
    insert.audit.run(
      fields.seq,
      fields.at_ms,
      fields.staff_key,
      fields.device_key,
      fields.action,
      fields.entity_type,
      fields.entity_key,
      fields.before_json,
      fields.after_json,
      fields.after_digest,
      hash,
    );
    chainEnd = { seq: fields.seq, hash };
  };
  /** The audit row of a change kept as a fact (a save, a void): the record's key and a digest of the result. */
  const auditFact = (
    atMs: number,
    by: DemoStaff,
    action: AuditAction,
    entity: AuditEntity,
    key: number,
    after: unknown,
  ) =>
    appendAuditRow({
      at_ms: atMs,
      staff_key: by.key,
      device_key: deviceKey,
      action,
      entity_type: entity,
      entity_key: key,
      before_json: null,
      after_json: null,
      after_digest: factDigest(after),
    });

  const writeMovement = (movement: {
    kind: number;
    siteKey: number;
    itemKey: number;
    lotKey: number | null;
    units: number;
    shortfall: number;
    atMs: number;
    day: string;
    sourceType: number;
    sourceKey: number;
    revisionKey: number | null;
    reverses: number | null;
    by: DemoStaff;
  }) => {
    summary.stockMovements += 1;
    return inserted(
      insert.movement.run(
        movement.kind,
        movement.siteKey,
        movement.itemKey,
        movement.lotKey,
        movement.units,
        movement.shortfall,
        movement.atMs,
        movement.day,
        movement.sourceType,
        movement.sourceKey,
        movement.revisionKey,
        movement.reverses,
        deviceKey,
        movement.by.key,
        movement.atMs,
      ),
    );
  };
  const shelfOf = (site: DemoSite, item: ItemRow): Shelf => {
    const key = `${site.key}|${item.key}`;
    let shelf = shelves.get(key);
    if (!shelf) {
      shelf = { lots: [], loose: 0 };
      shelves.set(key, shelf);
    }
    return shelf;
  };
  /** Puts a lot on its shelf in the ledger's order: first to expire first, then by lot number. */
  const shelve = (shelf: Shelf, lot: ShelfLot) => {
    shelf.lots.push(lot);
    shelf.lots.sort(
      (a, b) =>
        compareText(a.expiresOn ?? '9999-12-31', b.expiresOn ?? '9999-12-31') || compareText(a.lotNumber, b.lotNumber),
    );
  };
  const receive = (site: DemoSite, item: ItemRow, packs: number, atMs: number, day: string) => {
    const iso = isoOf(atMs);
    const units = packs * item.units_per_pack;
    let lot: ShelfLot | null = null;
    if (item.tracks_lots === 1) {
      const id = demoId(atMs);
      const lotNumber = `L${(lotSerial += 1)}`;
      const expiresOn = localDate(new Date(atMs + between(300, 720) * dayMs), settings.time_zone);
      const key = inserted(insert.lot.run(id, item.id, lotNumber, expiresOn, device, actor.staffId, iso));
      lot = { lotId: id, key, lotNumber, expiresOn, units };
    }
    const receiptId = demoId(atMs);
    const receiptKey = inserted(
      insert.receipt.run(
        receiptId,
        site.id,
        item.id,
        lot?.lotId ?? null,
        pick(['State grant', 'County health department', 'Donation', 'Purchased']),
        packs,
        item.units_per_pack,
        units,
        iso,
        day,
        device,
        actor.staffId,
        iso,
      ),
    );
    writeMovement({
      kind: receiptKind,
      siteKey: site.key,
      itemKey: item.key,
      lotKey: lot?.key ?? null,
      units,
      shortfall: 0,
      atMs,
      day,
      sourceType: fromReceipt,
      sourceKey: receiptKey,
      revisionKey: null,
      reverses: null,
      by: actorStaff,
    });
    const shelf = shelfOf(site, item);
    if (lot === null) shelf.loose += units;
    else shelve(shelf, lot);
  };
  /**
   * Takes a line's units off the shelf as the ledger's `allocate` does (first-expiry-first-out over
   * lots for items tracked by lot, else from the stock held without a lot), and writes a
   * distribution movement per allocation; returns what each took, for a void to put back.
   */
  const distribute = (
    site: DemoSite,
    item: ItemRow,
    units: number,
    atMs: number,
    day: string,
    entryKey: number,
    revisionKey: number,
    by: DemoStaff,
  ): Taken[] => {
    const shelf = shelfOf(site, item);
    const allocations = allocateFirstExpiryFirst(item.tracks_lots === 1 ? shelf.lots : [], shelf.loose, units, day);
    const taken = allocations.map((allocation): Taken => {
      const lot = allocation.lotId === null ? null : shelf.lots.find((entry) => entry.lotId === allocation.lotId)!;
      if (lot) lot.units -= allocation.units;
      else shelf.loose -= allocation.units;
      const key = writeMovement({
        kind: distributionKind,
        siteKey: site.key,
        itemKey: item.key,
        lotKey: lot?.key ?? null,
        units: -allocation.units,
        shortfall: allocation.shortfall,
        atMs,
        day,
        sourceType: fromEntry,
        sourceKey: entryKey,
        revisionKey,
        reverses: null,
        by,
      });
      return { key, item, shelf, lot, units: allocation.units };
    });
    // An emptied lot is never allocated again (unless a void puts units back): keep the walk short.
    shelf.lots = shelf.lots.filter((lot) => lot.units > 0);
    return taken;
  };

  /** A participant's first visit: created with their code by whoever saves the encounter, as the core does. */
  const newParticipant = (atMs: number, by: DemoStaff): DemoParticipant => {
    let code: string;
    do {
      const letters = String.fromCharCode(65 + Math.floor(random() * 26), 65 + Math.floor(random() * 26));
      code = `${letters}${String(between(1, 12)).padStart(2, '0')}${String(between(40, 99)).padStart(2, '0')}`;
      if (codes.has(code)) code = `${code}${String.fromCharCode(66 + Math.floor(random() * 24))}`;
    } while (codes.has(code));
    codes.add(code);
    const id = demoId(atMs);
    const iso = isoOf(atMs);
    const key = inserted(insert.participant.run(id, code, participantFormula, id, device, by.id, iso, iso));
    participantNumber += 1;
    return { id, key, code, isNew: true };
  };

  const writeEntry = (
    kind: FieldEntryKind,
    site: DemoSite,
    atMs: number,
    day: string,
    by: DemoStaff,
    content: {
      participant: DemoParticipant | null;
      contacts: number;
      onBehalfOf: number;
      counted: number;
      containers: number;
      lines: { item: ItemRow; units: number }[];
      services: DemoService[];
      reversals: number;
      unmet: ItemRow[];
    },
  ) => {
    const entryId = demoId(atMs);
    const revisionId = demoId(atMs);
    // "Entered twice": the copy voided is never the visit that created its participant (the first copy did).
    const voided = random() < 0.003 && content.participant?.isNew !== true;
    const movesStock = day >= stockStart;
    const contactType: ContactType | null =
      kind === 'encounter' ? pick(['in_person', 'in_person', 'in_person', 'delivery'] as const) : null;
    const estimated = estimatedSyringes(
      { containers: content.containers, pounds: 0 },
      { syringesPerContainer: settings.syringes_per_container, syringesPerPound: settings.syringes_per_pound },
    );
    // Voided minutes later ("entered twice"), by the person who saved it.
    const voidMs = voided ? atMs + between(2, 30) * 60_000 : atMs;
    const participant = content.participant;
    const entryKey = inserted(
      insert.entry.run(
        entryId,
        kind === 'encounter' ? encounterCode : tallyCode,
        voided ? 'voided' : 'active',
        atMs,
        site.key,
        day,
        deviceKey,
        by.key,
        atMs,
        voidMs,
      ),
    );
    const revisionKey = inserted(
      insert.revision.run(
        revisionId,
        entryKey,
        site.key,
        atMs,
        day,
        contactType,
        participant?.key ?? null,
        content.contacts,
        content.onBehalfOf,
        content.counted,
        content.containers,
        settings.syringes_per_container,
        settings.syringes_per_pound,
        estimated,
        movesStock ? 1 : 0,
        deviceKey,
        by.key,
        atMs,
      ),
    );
    const taken: Taken[] = [];
    content.lines.forEach((line, index) => {
      insert.line.run(
        revisionKey,
        index + 1,
        line.item.key,
        line.units,
        line.item.is_kit === 1 ? (kitVersionKey.get(line.item.id) ?? null) : null,
        line.item.category === 'naloxone' ? line.item.doses_per_unit : null,
      );
      summary.supplyLines += 1;
      if (movesStock) taken.push(...distribute(site, line.item, line.units, atMs, day, entryKey, revisionKey, by));
    });
    for (const service of content.services) insert.service.run(revisionKey, service.key);
    const reversals = Array.from({ length: content.reversals }, (_, index) => {
      const reversal = {
        outcome: pick(['survived', 'survived', 'survived', 'unknown', 'died'] as const),
        dosesUsed: between(1, 3),
      };
      insert.reversal.run(revisionKey, index + 1, reversal.outcome, reversal.dosesUsed);
      return reversal;
    });
    const unmet = content.unmet.map((item, index) => {
      const reason = pick(['out_of_stock', 'not_carried'] as const);
      insert.unmet.run(revisionKey, index + 1, item.key, reason);
      return { item, reason };
    });

    // The audit rows of the save, as dispatch appends the save's changes: the participant its code
    // created (first visit), then the entry with a digest of the view the save returned.
    const action = kind === 'encounter' ? 'encounters.log' : 'tallies.log';
    if (participant?.isNew) {
      participant.isNew = false;
      appendAuditRow({
        at_ms: atMs,
        staff_key: by.key,
        device_key: deviceKey,
        action,
        entity_type: 'participant',
        entity_key: participant.key,
        before_json: null,
        after_json: JSON.stringify({ code: participant.code, formula: participantFormula }),
        after_digest: null,
      });
    }
    // The view the save returned, shaped by the one function reads use: the digest is of its JSON.
    const view = entryView(
      {
        entry_id: entryId,
        kind: kind === 'encounter' ? encounterCode : tallyCode,
        status: 'active',
        logged_ms: atMs,
        revision_key: revisionKey,
        revision: 1,
        occurred_ms: atMs,
        local_date: day,
        contact_type: contactType,
        contacts: content.contacts,
        on_behalf_of: content.onBehalfOf,
        collected_counted: content.counted,
        collected_containers: content.containers,
        collected_pounds: 0,
        collected_estimated: estimated,
        note: null,
        moves_stock: movesStock ? 1 : 0,
        change_reason: null,
        changed_ms: atMs,
        site_id: site.id,
        site_name: site.name,
        logged_by: by.name,
        changed_by: by.name,
        participant_id: participant?.id ?? null,
        participant_code: participant?.code ?? null,
        void_kind: null,
        void_reason: null,
      },
      {
        lines: content.lines.map((line) => ({
          item_id: line.item.id,
          item_name: line.item.name,
          unit: line.item.unit,
          is_kit: line.item.is_kit,
          units: line.units,
          lot_id: null,
          lot_number: null,
        })),
        // In the order the reads give them: by sort order, then name.
        services: [...content.services]
          .sort((a, b) => a.sort_order - b.sort_order || compareText(a.name, b.name))
          .map((service) => ({ id: service.id, name: service.name, kind: service.kind })),
        reversals: reversals.map((reversal) => ({
          outcome: reversal.outcome,
          doses_used: reversal.dosesUsed,
          note: null,
        })),
        unmet: unmet.map((request) => ({
          item_id: request.item.id,
          item_name: request.item.name,
          reason: request.reason,
          units: null,
        })),
      },
    );
    auditFact(atMs, by, action, kind, entryKey, view);

    if (voided) {
      // Taken back as the core's void does: the void record, its stock returned, its own audit row.
      const voidIso = isoOf(voidMs);
      const voidDay = localDate(new Date(voidMs), settings.time_zone);
      const reason = 'entered twice';
      insert.void.run(demoId(voidMs), entryKey, reason, device, by.id, voidIso);
      // The negation of every movement the revision made, in the order they were written.
      for (const original of taken) {
        writeMovement({
          kind: distributionKind,
          siteKey: site.key,
          itemKey: original.item.key,
          lotKey: original.lot?.key ?? null,
          units: original.units,
          shortfall: 0,
          atMs: voidMs,
          day: voidDay,
          sourceType: fromEntry,
          sourceKey: entryKey,
          revisionKey,
          reverses: original.key,
          by,
        });
        if (original.lot === null) original.shelf.loose += original.units;
        else {
          original.lot.units += original.units;
          if (!original.shelf.lots.includes(original.lot)) shelve(original.shelf, original.lot);
        }
      }
      auditFact(voidMs, by, kind === 'encounter' ? 'encounters.void' : 'tallies.void', kind, entryKey, {
        status: 'voided',
        kind: 'void',
        reason,
      });
      summary.voided += 1;
    }
    if (kind === 'encounter') summary.encounters += 1;
    else summary.tallies += 1;
  };

  /**
   * A collection as collections.log writes it: the collection, its first revision with the
   * factors of the day and their estimate, and the save's audit row with the digest of its view.
   */
  const writeCollection = (
    site: DemoSite,
    day: string,
    atMs: number,
    by: DemoStaff,
    source: CollectionSource,
    collected: { counted: number; containers: number; pounds: number },
  ) => {
    const estimated = estimatedSyringes(collected, {
      syringesPerContainer: settings.syringes_per_container,
      syringesPerPound: settings.syringes_per_pound,
    });
    const id = collectionId(atMs);
    const key = inserted(insert.collection.run(id, site.key, day, deviceKey, by.key, atMs, atMs));
    insert.collectionRevision.run(
      collectionId(atMs),
      key,
      site.key,
      day,
      storedCodes.collectionSource.code(source),
      collected.counted,
      collected.containers,
      collected.pounds,
      settings.syringes_per_container,
      settings.syringes_per_pound,
      estimated,
      deviceKey,
      by.key,
      atMs,
    );
    const view = collectionView({
      id,
      status: 'active',
      revision: 1,
      site_id: site.id,
      site_name: site.name,
      local_date: day,
      source: storedCodes.collectionSource.code(source),
      collected_counted: collected.counted,
      collected_containers: collected.containers,
      collected_pounds: collected.pounds,
      collected_estimated: estimated,
      syringes_per_container: settings.syringes_per_container,
      syringes_per_pound: settings.syringes_per_pound,
      note: null,
      logged_by: by.name,
      logged_ms: atMs,
      changed_by: by.name,
      changed_ms: atMs,
      change_reason: null,
      void_reason: null,
    });
    auditFact(atMs, by, 'collections.log', 'collection', key, view);
    summary.collections += 1;
  };
  // A kiosk at the first fixed or drop-in site, emptied on Mondays and Thursdays; a drop box at
  // the next, emptied on Mondays; a sweep of the street outreach zone on a month's first Saturday.
  const withKiosk = sites.filter((site) => site.siteType === 'fixed' || site.siteType === 'drop_in');
  const [kioskSite, dropBoxSite] = withKiosk;
  const sweepSite = sites.find((site) => site.siteType === 'street_outreach');
  const collectionsOf = (time: number, day: string) => {
    const date = new Date(time);
    const weekday = date.getUTCDay();
    const draw = (min: number, max: number, step = 1) =>
      min + step * Math.floor(collectionRandom() * (Math.floor((max - min) / step) + 1));
    const loggedAt =
      dayStartMs(day, settings.time_zone, time) + 17 * hourMs + Math.floor(collectionRandom() * 3_600_000);
    const by = staff[Math.floor(collectionRandom() * staff.length)]!;
    if (kioskSite && (weekday === 1 || weekday === 4)) {
      const counted = collectionRandom() < 0.7;
      writeCollection(kioskSite, day, loggedAt, by, 'kiosk', {
        counted: counted ? draw(40, 240) : 0,
        containers: counted ? 0 : draw(1, 2),
        pounds: 0,
      });
    }
    if (dropBoxSite && weekday === 1) {
      const weighed = collectionRandom() < 0.5;
      writeCollection(dropBoxSite, day, loggedAt + 60_000, by, 'drop_box', {
        counted: 0,
        containers: weighed ? 0 : draw(1, 3),
        pounds: weighed ? draw(0.5, 3, 0.5) : 0,
      });
    }
    if (sweepSite && weekday === 6 && date.getUTCDate() <= 7) {
      writeCollection(sweepSite, day, loggedAt + 120_000, by, 'community_sweep', {
        counted: draw(10, 80),
        containers: 0,
        pounds: 0,
      });
    }
  };

  const supplies = (scale: number) => {
    const lines: { item: ItemRow; units: number }[] = [];
    for (const pattern of supplyPatterns) {
      const candidates = itemsByCategory.get(pattern.category);
      if (!candidates || random() >= pattern.chance) continue;
      const common = candidates.filter((item) => item.is_common === 1);
      const item = common.length > 0 && random() < 0.7 ? pick(common) : pick(candidates);
      if (lines.some((line) => line.item.id === item.id)) continue;
      lines.push({ item, units: Math.max(1, Math.round(between(pattern.min, pattern.max, pattern.step) * scale)) });
    }
    return lines;
  };

  /** Seasons (busiest in summer) and growth over the years: a day's volume relative to the usual. */
  const rhythmOf = (time: number) =>
    (1 + 0.12 * Math.sin(((new Date(time).getUTCMonth() - 3) / 12) * 2 * Math.PI)) *
    (1 + (0.08 * (time - startMs)) / (365 * dayMs));
  /** Units of each item a visit and a tally take on average, as `supplies` hands them out. */
  const perVisit = new Map<string, { visit: number; tally: number }>();
  for (const pattern of supplyPatterns) {
    const candidates = itemsByCategory.get(pattern.category) ?? [];
    const common = candidates.filter((item) => item.is_common === 1);
    for (const item of candidates) {
      const chosen =
        common.length > 0
          ? (item.is_common === 1 ? 0.7 / common.length : 0) + 0.3 / candidates.length
          : 1 / candidates.length;
      const units = pattern.chance * chosen * ((pattern.min + pattern.max) / 2);
      // Secondary distribution (one visit in seven or so) doubles what a visit takes.
      perVisit.set(item.id, { visit: units * 1.15, tally: units * 6 });
    }
  }
  /** What a site is expected to hand out of an item in a month from `time`. */
  const monthlyDemand = (site: DemoSite, item: ItemRow, time: number) => {
    const schedule = schedules[site.siteType];
    const share = perVisit.get(item.id) ?? { visit: 0, tally: 0 };
    const tallies = site.siteType === 'street_outreach' ? share.tally : 0;
    const visits = 84 * schedule.volume * site.lean * rhythmOf(time);
    return ((schedule.days.length * 31) / 7) * (visits * share.visit + tallies);
  };
  /** Units on a shelf usable on `day`: lots not yet expired, and what is held without a lot. */
  const onHand = (shelf: Shelf, day: string) =>
    shelf.lots.reduce(
      (sum, lot) => sum + (lot.expiresOn === null || lot.expiresOn >= day ? lot.units : 0),
      shelf.loose,
    );

  const monthMs = 31 * dayMs;
  // One transaction per month of data: a huge single transaction would grow the WAL to gigabytes.
  for (let chunkStart = firstDay.getTime(); chunkStart <= lastDay.getTime(); chunkStart += monthMs) {
    bulkWrite(context, actor, 'demo.generate', () => {
      // The chain goes on from the last row written, this generator's or dispatch's.
      chainEnd = (lastAudit.get() as typeof chainEnd | undefined) ?? { seq: 0, hash: genesisHash };
      for (let time = chunkStart; time <= Math.min(lastDay.getTime(), chunkStart + monthMs - dayMs); time += dayMs) {
        const date = new Date(time);
        const day = dayOf(time);
        // Hours of the program's own day: a drop-in opening at 9 opens at 9 where the program is.
        const midnight = dayStartMs(day, settings.time_zone, time);
        const weekday = date.getUTCDay();
        const rhythm = rhythmOf(time);

        if (day >= stockStart && (date.getUTCDate() === 1 || day === stockStart)) {
          // An opening delivery, then monthly ones that bring stock up to a month and a bit of
          // expected demand; now and then short, so counts get flagged.
          for (const site of sites) {
            // Kits arrive made up (a state naloxone program's, a supplier's hygiene kits), like any item.
            for (const item of items) {
              const wanted = 1.3 * monthlyDemand(site, item, time) - onHand(shelfOf(site, item), day);
              const packs = Math.round((Math.max(0, wanted) / item.units_per_pack) * (random() < 0.1 ? 0.4 : 1));
              if (packs > 0) receive(site, item, packs, midnight + 8 * hourMs, day);
            }
          }
        }

        for (const site of sites) {
          const schedule = schedules[site.siteType];
          if (!schedule.days.includes(weekday)) continue;
          const expected = 84 * schedule.volume * site.lean * rhythm;
          const visits = Math.max(0, Math.round(expected * (0.75 + random() * 0.5)));
          // Street outreach runs 4 to 11 PM, every visit within the day it is filed on.
          const opensAt = site.siteType === 'street_outreach' ? 16 : 9;
          if (site.siteType === 'street_outreach') {
            writeEntry('tally', site, midnight + (opensAt + 5) * hourMs, day, pick(staff), {
              participant: null,
              contacts: between(12, 45),
              onBehalfOf: 0,
              counted: 0,
              containers: random() < 0.5 ? between(1, 3) : 0,
              lines: supplies(6),
              services: [],
              reversals: random() < 0.05 ? 1 : 0,
              unmet: [],
            });
          }
          for (let n = 0; n < visits; n += 1) {
            const atMs = Math.floor(
              midnight + (opensAt + (n / Math.max(1, visits)) * 7) * hourMs + Math.floor(random() * 600_000),
            );
            const by = pick(staff);
            const roll = random();
            // About one visit in seven is an anonymous walk-in (no code).
            let participant: DemoParticipant | null;
            if (roll < 0.14) participant = null;
            else if (roll < 0.22 || site.regulars.length < 20) {
              participant = newParticipant(atMs, by);
              site.regulars.push(participant);
            } else {
              // Regulars come back often; a few visit other sites too.
              const pool = random() < 0.05 ? pick(sites).regulars : site.regulars;
              participant =
                pool.length > 0 ? pool[Math.floor(Math.pow(random(), 1.6) * pool.length)]! : newParticipant(atMs, by);
            }
            const lines = supplies(1);
            const onBehalfOf = random() < 0.15 ? between(1, 5) : 0;
            writeEntry('encounter', site, atMs, day, by, {
              participant,
              contacts: 1,
              onBehalfOf,
              counted: random() < 0.35 ? between(5, 120) : 0,
              containers: random() < 0.12 ? between(1, 2) : 0,
              lines: onBehalfOf > 0 ? lines.map((line) => ({ ...line, units: line.units * 2 })) : lines,
              services: random() < 0.1 && services.length > 0 ? [pick(services)] : [],
              reversals: random() < 0.006 ? 1 : 0,
              unmet: random() < 0.02 && items.length > 0 ? [pick(items)] : [],
            });
          }
        }
        collectionsOf(time, day);
      }
      return written(null);
    });
  }
  summary.participants = participantNumber;

  // Balances, rollups and list paths from the facts, with the very queries verify checks them against.
  bulkWrite(context, actor, 'demo.generate', ({ db: tx }) => {
    tx.statement('DELETE FROM stock_balances').run();
    tx.statement(
      `INSERT INTO stock_balances (site_key, item_key, lot_key, units)
       SELECT site_key, item_key, coalesce(lot_key, 0), sum(units) FROM stock_movements GROUP BY site_key, item_key, coalesce(lot_key, 0)`,
    ).run();
    rebuildRollups(tx);
    rebuildListPaths(tx);
    return written(null, {
      entity: 'database',
      id: device,
      after: { ...options, today: today.toISOString(), stockStart, ...summary },
    });
  });

  // A few corrections, made the ordinary way, so demo data shows revision histories too.
  const recent = db
    .statement(
      `SELECT e.id AS entry_id, s.id AS site_id, r.occurred_ms, p.code
       FROM current_revisions r
       JOIN field_entries e ON e.key = r.entry_key
       JOIN sites s ON s.key = r.site_key
       LEFT JOIN participants p ON p.key = r.participant_key
       WHERE r.kind = ? ORDER BY r.occurred_ms DESC, r.entry_key DESC LIMIT 200`,
    )
    .all(encounterCode) as { entry_id: string; site_id: string; occurred_ms: number; code: string | null }[];
  const linesOf = db.statement(
    `SELECT i.id AS item_id, l.units FROM field_entries e
     JOIN field_entry_revisions r ON r.entry_key = e.key AND r.revision = e.current_revision
     JOIN field_entry_lines l ON l.revision_key = r.key
     JOIN items i ON i.key = l.item_key
     WHERE e.id = ? ORDER BY l.line_no`,
  );
  for (const revision of recent.filter((_, index) => index % 20 === 7)) {
    const lines = linesOf.all(revision.entry_id) as { item_id: string; units: number }[];
    // A contact with no supplies has no quantity to correct.
    if (lines.length === 0) continue;
    perform(
      context,
      'encounters.correct',
      {
        id: revision.entry_id,
        expectedRevision: 1,
        reason: 'quantity corrected at end of shift',
        siteId: revision.site_id,
        occurredAt: isoOf(revision.occurred_ms),
        participantCode: revision.code,
        lines: lines.map((line) => ({ itemId: line.item_id, quantity: Math.max(1, line.units - 1) })),
      },
      actor,
    );
    summary.corrected += 1;
  }
  summary.stockRoom = generateStockRoomActivity(
    context,
    actor,
    sites.map((site) => site.id),
    lastDay.getTime(),
  );
  return summary;
}

/** Fills an empty demo database on first open (the app's "try with demo data"); otherwise does nothing. */
/** The demo's sites: a cycle of site types, each type's names in turn. */
function demoSites(count: number): { name: string; siteType: SiteType }[] {
  const perType = new Map<SiteType, number>();
  return Array.from({ length: count }, (_, index) => {
    const siteType = siteTypeCycle[index % siteTypeCycle.length]!;
    const nth = perType.get(siteType) ?? 0;
    perType.set(siteType, nth + 1);
    const base = siteNames[siteType][nth % 4]!;
    return { name: nth >= 4 ? `${base} ${Math.floor(nth / 4) + 1}` : base, siteType };
  });
}

/** What the demo answers on the first-run screen: its own sites, the whole catalog. */
export function demoSetup(options: DemoOptions = {}): SetupInput {
  return {
    programName: 'Demo harm reduction program',
    language: 'en',
    timeZone: options.timeZone ?? demoTimeZone,
    participantCodeFormula: 'mother_month_year',
    sites: demoSites(options.sites ?? 4),
    items: defaultItems.map((item) => item.name),
    syringesPerContainer: 100,
    syringesPerPound: 281,
  };
}

/**
 * Fills a new database with demo data, setting the program up first as demoSetup answers; a
 * database that already has encounters or tallies gets none (null).
 */
export function seedDemoData(context: CoreContext, actor: Actor, options: DemoOptions = {}): DemoSummary | null {
  const { db } = context;
  if (!isSetUp(db)) perform(context, 'system.setup', demoSetup(options), actor);
  else if (db.first(db.query.selectFrom('field_entries').select('id').limit(1))) return null;
  return generateDemoData(context, actor, options);
}
