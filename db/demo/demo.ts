/**
 * Realistic synthetic data for trying Outpost and for benchmarks: sites of every type with their
 * opening patterns, weekday and seasonal rhythms, growth over the years, returning and new
 * participants, anonymous walk-ins, secondary distribution, naloxone with lots and expiry,
 * syringes collected, services and referrals, reversal reports, unmet requests, tallies for street
 * outreach, and a few voids and corrections. Deterministic: the same seed and "today" give the
 * same database, ids included.
 *
 * It writes rows in bulk through prepared statements (20 sites x 5 years is about two million
 * encounters), then computes rollups and balances from the facts with the very queries `verify`
 * checks against, so the result is as consistent as data entered one encounter at a time. It is
 * only ever run on a separate demo database, never a program's real one.
 */
import { written, type RecordChange } from '../access/operations';
import { localDate } from '../contract/calendar';
import type { Actor } from '../contract/envelope';
import type { ItemCategory, SiteType } from '../contract/vocabulary';
import { bulkWrite } from '../dispatch/bulk';
import { perform, type CoreContext } from '../dispatch/dispatch';
import { allocateFirstExpiryFirst } from '../inventory/first-expiry-first-out';
import type { ItemRow } from '../platform/schema';
import { rebuildRollups } from '../reports/rollups';
import { rebuildListPaths } from '../field-entries/list-paths';
import { readSettings } from '../settings/settings';

export interface DemoOptions {
  sites?: number;
  years?: number;
  seed?: number;
  /** The last day of data is the day before this; defaults to the database clock. */
  today?: Date;
  /** Stock is tracked for the last this-many days (older history moves none). */
  stockDays?: number;
}

export interface DemoSummary {
  sites: number;
  participants: number;
  encounters: number;
  tallies: number;
  supplyLines: number;
  stockMovements: number;
  voided: number;
  corrected: number;
}

const dayMs = 86_400_000;

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
  /** UUIDv7 layout (time-ordered) with the random bits from the seeded source. */
  const demoId = (timeMs: number): string => {
    const hex = (bits: number, length: number) =>
      Math.floor(random() * 2 ** bits)
        .toString(16)
        .padStart(length, '0');
    const time = Math.max(0, Math.floor(timeMs)).toString(16).padStart(12, '0');
    const variant = (8 + Math.floor(random() * 4)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(12, 3)}-${variant}${hex(12, 3)}-${hex(24, 6)}${hex(24, 6)}`;
  };

  const siteCount = options.sites ?? 4;
  const years = options.years ?? 1;
  const today = options.today ?? db.now();
  const settings = readSettings(db);
  const firstDay = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - Math.round(years * 365) * dayMs,
  );
  const lastDay = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - dayMs);
  const stockStart = localDate(new Date(lastDay.getTime() - (options.stockDays ?? 180) * dayMs), settings.time_zone);
  const device = context.core.deviceId;
  const summary: DemoSummary = {
    sites: 0,
    participants: 0,
    encounters: 0,
    tallies: 0,
    supplyLines: 0,
    stockMovements: 0,
    voided: 0,
    corrected: 0,
  };

  const sql = (text: string) => db.statement(text);
  const insert = {
    site: sql(
      `INSERT INTO sites (id, name, site_type, active, origin_device_id, created_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)`,
    ),
    staff: sql(
      `INSERT INTO staff (id, display_name, role, active, origin_device_id, created_by, created_at, updated_at) VALUES (?, ?, 'outreach_worker', 1, ?, ?, ?, ?)`,
    ),
    participant: sql(
      `INSERT INTO participants (id, code, formula, merged_into_id, canonical_id, origin_device_id, created_by, created_at, updated_at) VALUES (?, ?, 'mother_month_year', NULL, ?, ?, ?, ?, ?)`,
    ),
    entry: sql(
      `INSERT INTO field_entries (id, kind, status, current_revision, origin_device_id, created_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)`,
    ),
    revision: sql(
      `INSERT INTO field_entry_revisions (id, entry_id, revision, site_id, occurred_at, local_date, contact_type, participant_id, contacts,
        on_behalf_of, collected_counted, collected_containers, collected_pounds, syringes_per_container, syringes_per_pound,
        collected_estimated, note, moves_stock, change_reason, origin_device_id, created_by, created_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, NULL, ?, NULL, ?, ?, ?)`,
    ),
    line: sql(
      `INSERT INTO field_entry_lines (id, revision_id, line_no, item_id, units, lot_id, kit_version_id, doses_per_unit) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
    ),
    service: sql(`INSERT INTO field_entry_services (revision_id, service_type_id) VALUES (?, ?)`),
    reversal: sql(
      `INSERT INTO field_entry_reversals (id, revision_id, outcome, doses_used, note) VALUES (?, ?, ?, ?, NULL)`,
    ),
    unmet: sql(
      `INSERT INTO field_entry_unmet_requests (id, revision_id, item_id, reason, units) VALUES (?, ?, ?, ?, NULL)`,
    ),
    void: sql(
      `INSERT INTO field_entry_voids (id, entry_id, reason, origin_device_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    lot: sql(
      `INSERT INTO lots (id, item_id, lot_number, expires_on, kit_version_id, origin_device_id, created_by, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)`,
    ),
    receipt: sql(
      `INSERT INTO receipts (id, site_id, item_id, lot_id, source, packs, units_per_pack, units, received_at, local_date, note, origin_device_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    ),
    movement: sql(
      `INSERT INTO stock_movements (id, kind, site_id, item_id, lot_id, units, shortfall, occurred_at, local_date, source_type, source_id,
        source_revision_id, reverses_movement_id, origin_device_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  const items = db.all(db.query.selectFrom('items').selectAll().where('active', '=', 1).orderBy('name'));
  const itemsByCategory = new Map<ItemCategory, ItemRow[]>();
  for (const item of items) {
    if (item.is_kit === 1 && item.category !== 'smoking') continue;
    itemsByCategory.set(item.category, [...(itemsByCategory.get(item.category) ?? []), item]);
  }
  const kitVersion = new Map(
    db
      .all(db.query.selectFrom('kit_versions').select(['kit_item_id', 'id', 'version']).orderBy('version'))
      .map((version) => [version.kit_item_id, version.id]),
  );
  const services = db.all(db.query.selectFrom('service_types').select('id').where('active', '=', 1));
  const startMs = firstDay.getTime();

  // State the month-by-month writing shares: stock on the shelves and the participants so far.
  const shelves = new Map<string, { lotId: string | null; expiresOn: string | null; units: number }[]>();
  let participantNumber = 0;
  const codes = new Set<string>();
  let lotSerial = 1000;

  const setup = bulkWrite(context, actor, 'demo.generate', () => {
    const staffIds = [actor.staffId];
    const changes: RecordChange[] = [];
    for (const name of ['Alex R.', 'Sam T.', 'Jordan P.', 'Robin K.', 'Casey M.', 'Drew L.']) {
      const id = demoId(startMs);
      insert.staff.run(id, name, device, actor.staffId, firstDay.toISOString(), firstDay.toISOString());
      staffIds.push(id);
      changes.push({ entity: 'staff', id, after: { displayName: name, role: 'outreach_worker' } });
    }
    const perType = new Map<SiteType, number>();
    const sites = Array.from({ length: siteCount }, (_, index) => {
      const siteType = siteTypeCycle[index % siteTypeCycle.length]!;
      const nth = perType.get(siteType) ?? 0;
      perType.set(siteType, nth + 1);
      const base = siteNames[siteType][nth % 4]!;
      const name = nth >= 4 ? `${base} ${Math.floor(nth / 4) + 1}` : base;
      const id = demoId(startMs);
      insert.site.run(id, name, siteType, device, actor.staffId, firstDay.toISOString(), firstDay.toISOString());
      changes.push({ entity: 'site', id, after: { name, siteType } });
      return { id, siteType, regulars: [] as string[], lean: 0.8 + random() * 0.4 };
    });
    summary.sites = sites.length;

    return { value: { sites, staffIds }, changes };
  });

  // One transaction per month of data: a huge single transaction would grow the WAL to gigabytes.
  const { sites, staffIds } = setup;
  // Stock on the shelf, per site and item (and lot for naloxone), first-expiry-first-out.
  const writeMovement = (
    kind: 'receipt' | 'distribution',
    siteId: string,
    itemId: string,
    lotId: string | null,
    units: number,
    shortfall: number,
    at: Date,
    day: string,
    sourceType: 'receipt' | 'field_entry',
    sourceId: string,
    revisionId: string | null,
  ) => {
    const id = demoId(at.getTime());
    insert.movement.run(
      id,
      kind,
      siteId,
      itemId,
      lotId,
      units,
      shortfall,
      at.toISOString(),
      day,
      sourceType,
      sourceId,
      revisionId,
      null,
      device,
      actor.staffId,
      at.toISOString(),
    );
    summary.stockMovements += 1;
    return id;
  };
  const receive = (siteId: string, item: ItemRow, packs: number, at: Date, day: string) => {
    let lotId: string | null = null;
    let expiresOn: string | null = null;
    if (item.tracks_lots === 1) {
      lotId = demoId(at.getTime());
      expiresOn = localDate(new Date(at.getTime() + between(300, 720) * dayMs), settings.time_zone);
      insert.lot.run(lotId, item.id, `L${(lotSerial += 1)}`, expiresOn, device, actor.staffId, at.toISOString());
    }
    const units = packs * item.units_per_pack;
    const receiptId = demoId(at.getTime());
    insert.receipt.run(
      receiptId,
      siteId,
      item.id,
      lotId,
      pick(['State grant', 'County health department', 'Donation', 'Purchased']),
      packs,
      item.units_per_pack,
      units,
      at.toISOString(),
      day,
      device,
      actor.staffId,
      at.toISOString(),
    );
    writeMovement('receipt', siteId, item.id, lotId, units, 0, at, day, 'receipt', receiptId, null);
    const key = `${siteId}|${item.id}`;
    const shelf = shelves.get(key) ?? [];
    const existing = shelf.find((entry) => entry.lotId === lotId);
    if (existing) existing.units += units;
    else shelf.push({ lotId, expiresOn, units });
    shelf.sort((a, b) => (a.expiresOn ?? '9999').localeCompare(b.expiresOn ?? '9999'));
    shelves.set(key, shelf);
  };
  const distribute = (
    siteId: string,
    item: ItemRow,
    units: number,
    at: Date,
    day: string,
    entryId: string,
    revisionId: string,
  ) => {
    const key = `${siteId}|${item.id}`;
    const shelf = shelves.get(key) ?? [];
    let loose = shelf.find((entry) => entry.lotId === null);
    for (const allocation of allocateFirstExpiryFirst(shelf, loose?.units ?? 0, units, day)) {
      const entry = allocation.lotId === null ? loose : shelf.find((lot) => lot.lotId === allocation.lotId);
      if (entry) entry.units -= allocation.units;
      else {
        loose = { lotId: null, expiresOn: null, units: -allocation.units };
        shelf.push(loose);
        shelves.set(key, shelf);
      }
      writeMovement(
        'distribution',
        siteId,
        item.id,
        allocation.lotId,
        -allocation.units,
        allocation.shortfall,
        at,
        day,
        'field_entry',
        entryId,
        revisionId,
      );
    }
  };

  const newParticipant = (at: Date) => {
    let code: string;
    do {
      const letters = String.fromCharCode(65 + Math.floor(random() * 26), 65 + Math.floor(random() * 26));
      code = `${letters}${String(between(1, 12)).padStart(2, '0')}${String(between(40, 99)).padStart(2, '0')}`;
      if (codes.has(code)) code = `${code}${String.fromCharCode(66 + Math.floor(random() * 24))}`;
    } while (codes.has(code));
    codes.add(code);
    const id = demoId(at.getTime());
    insert.participant.run(id, code, id, device, actor.staffId, at.toISOString(), at.toISOString());
    participantNumber += 1;
    return id;
  };

  const writeEntry = (
    kind: 'encounter' | 'tally',
    site: (typeof sites)[number],
    at: Date,
    day: string,
    staffId: string,
    content: {
      participantId: string | null;
      contacts: number;
      onBehalfOf: number;
      counted: number;
      containers: number;
      lines: { item: ItemRow; units: number }[];
      services: string[];
      reversals: number;
      unmet: ItemRow[];
    },
  ) => {
    const entryId = demoId(at.getTime());
    const revisionId = demoId(at.getTime());
    const voided = random() < 0.003;
    const iso = at.toISOString();
    const movesStock = day >= stockStart ? 1 : 0;
    insert.entry.run(entryId, kind, voided ? 'voided' : 'active', device, staffId, iso, iso);
    insert.revision.run(
      revisionId,
      entryId,
      site.id,
      iso,
      day,
      kind === 'encounter' ? pick(['in_person', 'in_person', 'in_person', 'delivery']) : null,
      content.participantId,
      content.contacts,
      content.onBehalfOf,
      content.counted,
      content.containers,
      settings.syringes_per_container,
      settings.syringes_per_pound,
      Math.round(content.containers * settings.syringes_per_container),
      movesStock,
      device,
      staffId,
      iso,
    );
    content.lines.forEach((line, index) => {
      insert.line.run(
        demoId(at.getTime()),
        revisionId,
        index + 1,
        line.item.id,
        line.units,
        line.item.is_kit === 1 ? (kitVersion.get(line.item.id) ?? null) : null,
        line.item.category === 'naloxone' ? line.item.doses_per_unit : null,
      );
      summary.supplyLines += 1;
      if (movesStock && !voided) distribute(site.id, line.item, line.units, at, day, entryId, revisionId);
    });
    for (const service of content.services) insert.service.run(revisionId, service);
    for (let n = 0; n < content.reversals; n += 1)
      insert.reversal.run(
        demoId(at.getTime()),
        revisionId,
        pick(['survived', 'survived', 'survived', 'unknown', 'died']),
        between(1, 3),
      );
    for (const item of content.unmet)
      insert.unmet.run(demoId(at.getTime()), revisionId, item.id, pick(['out_of_stock', 'not_carried']));
    if (voided) {
      // Voided the same day ("entered twice"); its stock never left, so no movements were written for it.
      insert.void.run(demoId(at.getTime()), entryId, 'entered twice', device, staffId, iso);
      summary.voided += 1;
    }
    if (kind === 'encounter') summary.encounters += 1;
    else summary.tallies += 1;
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

  const monthMs = 31 * dayMs;
  for (let chunkStart = firstDay.getTime(); chunkStart <= lastDay.getTime(); chunkStart += monthMs) {
    // Facts are audited once, as the generation itself (below): a row per encounter would double the file.
    bulkWrite(context, actor, 'demo.generate', () => {
      for (let time = chunkStart; time <= Math.min(lastDay.getTime(), chunkStart + monthMs - dayMs); time += dayMs) {
        const date = new Date(time);
        const day = localDate(new Date(time + 12 * 3_600_000), settings.time_zone);
        const weekday = date.getUTCDay();
        const yearsIn = (time - startMs) / (365 * dayMs);
        const season = 1 + 0.12 * Math.sin(((date.getUTCMonth() - 3) / 12) * 2 * Math.PI);
        const growth = 1 + 0.08 * yearsIn;

        if (day >= stockStart && date.getUTCDate() === 1) {
          // Monthly deliveries, sized to demand; now and then short, so counts get flagged.
          for (const site of sites) {
            for (const item of items) {
              if (item.is_kit === 1) continue;
              const packs = Math.max(
                1,
                Math.round(
                  ((schedules[site.siteType].volume * site.lean * 600) / Math.max(1, item.units_per_pack)) *
                    (random() < 0.1 ? 0.5 : 1.2),
                ),
              );
              receive(site.id, item, packs, new Date(time + 8 * 3_600_000), day);
            }
          }
        }

        for (const site of sites) {
          const schedule = schedules[site.siteType];
          if (!schedule.days.includes(weekday)) continue;
          const expected = 84 * schedule.volume * site.lean * season * growth;
          const visits = Math.max(0, Math.round(expected * (0.75 + random() * 0.5)));
          const opensAt = site.siteType === 'street_outreach' ? 17 : 9;
          if (site.siteType === 'street_outreach') {
            const at = new Date(time + (opensAt + 5) * 3_600_000);
            writeEntry('tally', site, at, day, pick(staffIds), {
              participantId: null,
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
            const at = new Date(
              time + (opensAt + (n / Math.max(1, visits)) * 7) * 3_600_000 + Math.floor(random() * 600_000),
            );
            const roll = random();
            // About one visit in seven is an anonymous walk-in (no code).
            let participantId: string | null;
            if (roll < 0.14) participantId = null;
            else if (roll < 0.22 || site.regulars.length < 20) {
              participantId = newParticipant(at);
              site.regulars.push(participantId);
            } else {
              // Regulars come back often; a few visit other sites too.
              const pool = random() < 0.05 ? pick(sites).regulars : site.regulars;
              participantId =
                pool.length > 0 ? pool[Math.floor(Math.pow(random(), 1.6) * pool.length)]! : newParticipant(at);
            }
            const lines = supplies(1);
            const onBehalfOf = random() < 0.15 ? between(1, 5) : 0;
            writeEntry('encounter', site, at, day, pick(staffIds), {
              participantId,
              contacts: 1,
              onBehalfOf,
              counted: random() < 0.35 ? between(5, 120) : 0,
              containers: random() < 0.12 ? between(1, 2) : 0,
              lines: onBehalfOf > 0 ? lines.map((line) => ({ ...line, units: line.units * 2 })) : lines,
              services: random() < 0.1 && services.length > 0 ? [pick(services).id] : [],
              reversals: random() < 0.006 ? 1 : 0,
              unmet: random() < 0.02 && items.length > 0 ? [pick(items)] : [],
            });
          }
        }
      }
      return written(null);
    });
  }
  summary.participants = participantNumber;

  // Balances and rollups from the facts, with the very queries verify checks them against.
  bulkWrite(context, actor, 'demo.generate', ({ db: tx }) => {
    tx.statement('DELETE FROM stock_balances').run();
    tx.statement(
      `INSERT INTO stock_balances (site_id, item_id, lot_key, lot_id, units)
      SELECT site_id, item_id, coalesce(lot_id, ''), lot_id, sum(units) FROM stock_movements GROUP BY site_id, item_id, lot_id`,
    ).run();
    const stockStartBefore = settings.stock_start_date;
    tx.run(tx.query.updateTable('program_settings').set({ stock_start_date: stockStart, updated_at: tx.nowIso() }));
    rebuildRollups(tx);
    rebuildListPaths(tx);
    return written(
      null,
      {
        entity: 'program_settings',
        id: 'program',
        before: { stockStartDate: stockStartBefore },
        after: { stockStartDate: stockStart },
      },
      { entity: 'database', id: device, after: { ...options, today: today.toISOString(), stockStart, ...summary } },
    );
  });

  // A few corrections, made the ordinary way, so demo data shows revision histories too.
  const recent = db.all(
    db.query
      .selectFrom('current_revisions')
      .select(['entry_id', 'site_id', 'occurred_at', 'participant_id'])
      .where('kind', '=', 'encounter')
      .orderBy('occurred_at', 'desc')
      .limit(200),
  );
  for (const revision of recent.filter((_, index) => index % 20 === 7)) {
    const code = revision.participant_id
      ? db.first(db.query.selectFrom('participants').select('code').where('id', '=', revision.participant_id))?.code
      : null;
    const lines = db.all(
      db.query
        .selectFrom('field_entry_lines as l')
        .innerJoin('field_entry_revisions as r', 'r.id', 'l.revision_id')
        .select(['l.item_id', 'l.units'])
        .where('r.entry_id', '=', revision.entry_id),
    );
    perform(
      context,
      'encounters.correct',
      {
        id: revision.entry_id,
        expectedRevision: 1,
        reason: 'quantity corrected at end of shift',
        siteId: revision.site_id,
        occurredAt: revision.occurred_at,
        participantCode: code ?? null,
        lines: lines.map((line) => ({ itemId: line.item_id, quantity: Math.max(1, line.units - 1) })),
      },
      actor,
    );
    summary.corrected += 1;
  }
  return summary;
}

/** Fills an empty demo database on first open (the app's "try with demo data"); otherwise does nothing. */
export function seedDemoData(context: CoreContext, actor: Actor, options: DemoOptions = {}): DemoSummary | null {
  const { db } = context;
  if (db.first(db.query.selectFrom('field_entries').select('id').limit(1))) return null;
  return generateDemoData(context, actor, options);
}
