/**
 * Daily rollups, so a month's report over years of data reads a few thousand rows, not millions.
 * Each is kept in the same transaction as the write that changes it: a revision that becomes
 * current adds its contribution (+1), one that stops being current (edited or voided) takes it
 * away (-1). The same figures computed straight from the facts (each definition's `raw`) are what
 * a rebuild writes; `verify` compares against them through ./rollup-checks.ts. Rollups name sites,
 * items, service types and participants by key (0009); participants' first-seen site stays an id.
 */
import type { WritableDatabase } from '../platform/database';
import type { CollectionRevisionRow, FieldEntryLinesTable, FieldEntryRevisionRow } from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { moveDayPeriods, rebuildPeriodParticipants, trackPeriodParticipants } from './period-participants';

type Sign = 1 | -1;

const encounter = storedCodes.entryKind.code('encounter');
const tally = storedCodes.entryKind.code('tally');

/**
 * Canonical participants' visit days from the facts; `only` narrows it to some participants (a
 * merge's recount), which the planner then reaches through their codes' visits, not every visit.
 */
function participantDays(only = ''): string {
  return `SELECT c.key AS participant_key, r.site_key, r.local_date, count(*) AS encounters, min(r.occurred_ms) AS first_ms
      FROM current_revisions r
      JOIN participants p ON p.key = r.participant_key
      JOIN participants c ON c.id = p.canonical_id
      WHERE r.kind = ${encounter} ${only}
      GROUP BY c.key, r.site_key, r.local_date`;
}

const siteCountValues = [
  'encounters',
  'anonymous_encounters',
  'tallies',
  'tally_contacts',
  'secondary_encounters',
  'secondary_people',
  'collected_counted',
  'collected_estimated',
  'reversals',
] as const;

/** For each rollup table: its key columns, its value columns, and the query computing it from the facts. */
export const rollupDefinitions = {
  daily_site_counts: {
    monthly: 'monthly_site_counts',
    keys: ['site_key', 'local_date'],
    values: siteCountValues,
    // Syringes collected come from encounters and tallies, and from collections (0011).
    raw: `SELECT site_key, local_date, ${siteCountValues.map((value) => `sum(${value}) AS ${value}`).join(', ')}
      FROM (SELECT r.site_key, r.local_date,
        sum(r.kind = ${encounter}) AS encounters,
        sum(r.kind = ${encounter} AND r.participant_key IS NULL) AS anonymous_encounters,
        sum(r.kind = ${tally}) AS tallies,
        sum(CASE WHEN r.kind = ${tally} THEN r.contacts ELSE 0 END) AS tally_contacts,
        sum(r.on_behalf_of > 0) AS secondary_encounters,
        sum(r.on_behalf_of) AS secondary_people,
        sum(r.collected_counted) AS collected_counted,
        sum(r.collected_estimated) AS collected_estimated,
        sum((SELECT count(*) FROM field_entry_reversals v WHERE v.revision_key = r.key)) AS reversals
      FROM current_revisions r GROUP BY r.site_key, r.local_date
      UNION ALL
      SELECT c.site_key, c.local_date, 0, 0, 0, 0, 0, 0, sum(c.collected_counted), sum(c.collected_estimated), 0
      FROM current_collections c GROUP BY c.site_key, c.local_date)
      GROUP BY site_key, local_date`,
  },
  daily_item_units: {
    monthly: 'monthly_item_units',
    keys: ['site_key', 'local_date', 'item_key'],
    values: ['units', 'units_in_kits', 'doses'],
    // Kit components still name their kit version and item by id: joined through both to their keys.
    raw: `SELECT site_key, local_date, item_key, sum(units) AS units, sum(units_in_kits) AS units_in_kits, sum(doses) AS doses
      FROM (
        SELECT r.site_key, r.local_date, l.item_key, l.units AS units, 0 AS units_in_kits,
          coalesce(l.units * l.doses_per_unit, 0) AS doses
        FROM current_revisions r JOIN field_entry_lines l ON l.revision_key = r.key
        UNION ALL
        SELECT r.site_key, r.local_date, c.key, 0, l.units * k.units, 0
        FROM current_revisions r
        JOIN field_entry_lines l ON l.revision_key = r.key
        JOIN kit_versions v ON v.key = l.kit_version_key
        JOIN kit_components k ON k.kit_version_id = v.id
        JOIN items c ON c.id = k.component_item_id
      ) GROUP BY site_key, local_date, item_key`,
  },
  daily_service_counts: {
    monthly: 'monthly_service_counts',
    keys: ['site_key', 'local_date', 'service_type_key'],
    values: ['count'],
    raw: `SELECT r.site_key, r.local_date, s.service_type_key, count(*) AS count
      FROM current_revisions r JOIN field_entry_services s ON s.revision_key = r.key
      GROUP BY r.site_key, r.local_date, s.service_type_key`,
  },
  daily_unmet_requests: {
    monthly: 'monthly_unmet_requests',
    keys: ['site_key', 'local_date', 'item_key'],
    values: ['count'],
    raw: `SELECT r.site_key, r.local_date, u.item_key, count(*) AS count
      FROM current_revisions r JOIN field_entry_unmet_requests u ON u.revision_key = r.key
      GROUP BY r.site_key, r.local_date, u.item_key`,
  },
  // A visit counts for the canonical participant of the code it was logged under.
  participant_site_days: {
    keys: ['participant_key', 'site_key', 'local_date'],
    values: ['encounters', 'first_ms'],
    raw: participantDays(),
  },
} as const;

export type RollupTable = keyof typeof rollupDefinitions;

/** The daily rollups that have a monthly twin (0007): the same sums, keyed by month. */
export type DailyWithMonthly = Extract<
  RollupTable,
  'daily_site_counts' | 'daily_item_units' | 'daily_service_counts' | 'daily_unmet_requests'
>;
export const dailyWithMonthly: DailyWithMonthly[] = [
  'daily_site_counts',
  'daily_item_units',
  'daily_service_counts',
  'daily_unmet_requests',
];

/** A monthly twin's key columns: the daily ones with the month in place of the day. */
function monthlyKeys(table: DailyWithMonthly): string[] {
  return rollupDefinitions[table].keys.map((key) => (key === 'local_date' ? 'month' : key));
}

function upsertSql(table: string, keys: readonly string[], values: readonly string[]): string {
  const columns = [...keys, ...values];
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.map((value) => `${value} = ${value} + excluded.${value}`).join(', ')}`;
}

/**
 * Each daily table's upsert and its monthly twin's, built once: every save runs them, with every
 * value column (adding zero to a column changes nothing, and a new row's columns start at zero).
 */
const upserts = Object.fromEntries(
  dailyWithMonthly.map((table) => {
    const { monthly, keys, values } = rollupDefinitions[table];
    return [table, { daily: upsertSql(table, keys, values), monthly: upsertSql(monthly, monthlyKeys(table), values) }];
  }),
) as Record<DailyWithMonthly, { daily: string; monthly: string }>;

/** Recomputes every rollup from the facts (after a bulk load, or to repair), inside the caller's write. */
export function rebuildRollups(db: WritableDatabase): void {
  for (const table of Object.keys(rollupDefinitions) as RollupTable[]) {
    const { keys, values, raw } = rollupDefinitions[table];
    const columns = [...keys, ...values].join(', ');
    db.statement(`DELETE FROM ${table}`).run();
    db.statement(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM (${raw})`).run();
  }
  for (const table of dailyWithMonthly) {
    const { monthly, keys, values } = rollupDefinitions[table];
    const groups = keys.map((key) => (key === 'local_date' ? 'substr(local_date, 1, 7)' : key));
    db.statement(`DELETE FROM ${monthly}`).run();
    db.statement(
      `INSERT INTO ${monthly} (${[...monthlyKeys(table), ...values].join(', ')})
       SELECT ${[...groups, ...values.map((value) => `sum(${value})`)].join(', ')} FROM ${table} GROUP BY ${groups.join(', ')}`,
    ).run();
  }
  rebuildPeriodParticipants(db);
  refreshFirstSeen(db, null);
}

/** The earliest day of a participant (then the earliest visit that day, then the site's id), from participant_site_days. */
const firstSeen = (column: 'd.local_date' | 's.id') => `(SELECT ${column}
      FROM participant_site_days d JOIN sites s ON s.key = d.site_key
      WHERE d.participant_key = participants.key
      ORDER BY d.local_date, d.first_ms, s.id LIMIT 1)`;
const setFirstSeen = `UPDATE participants SET
         first_seen_on = CASE WHEN canonical_id = id THEN ${firstSeen('d.local_date')} END,
         first_seen_site_id = CASE WHEN canonical_id = id THEN ${firstSeen('s.id')} END`;

/**
 * First-seen date and site of canonical participants, from participant_site_days (the earliest
 * day, then the earliest encounter that day). `canonicalIds` null means every participant.
 */
export function refreshFirstSeen(db: WritableDatabase, canonicalIds: readonly string[] | null): void {
  if (canonicalIds === null) {
    db.statement(setFirstSeen).run();
    return;
  }
  db.statement(`${setFirstSeen} WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(canonicalIds));
}

/** The same for one participant by key: what every save with a participant may need. */
function refreshFirstSeenOf(db: WritableDatabase, participantKey: number): void {
  db.statement(`${setFirstSeen} WHERE key = ?`).run(participantKey);
}

/** The key values of one row of a daily table, by column. */
type RowKey = Record<string, string | number>;

function addTo(db: WritableDatabase, table: DailyWithMonthly, keyValues: RowKey, deltas: Record<string, number>): void {
  const { keys, values } = rollupDefinitions[table];
  const amounts = values.map((value) => deltas[value] ?? 0);
  if (amounts.every((amount) => amount === 0)) return;
  const keyed = keys.map((key) => keyValues[key]!);
  db.statement(upserts[table].daily).run(...keyed, ...amounts);
  db.statement(upserts[table].monthly).run(
    ...keys.map((key, index) => (key === 'local_date' ? String(keyed[index]).slice(0, 7) : keyed[index]!)),
    ...amounts,
  );
}

/**
 * Adds (+1) or removes (-1) one collection revision's syringes to its day and site: a collection
 * counts in syringes collected like any return, counted and estimated apart.
 */
export function applyCollectionRevision(db: WritableDatabase, revisionKey: number, sign: Sign): void {
  const revision = db
    .statement(
      `SELECT site_key, local_date, collected_counted, collected_estimated FROM collection_revisions WHERE key = ?`,
    )
    .get(revisionKey) as
    Pick<CollectionRevisionRow, 'site_key' | 'local_date' | 'collected_counted' | 'collected_estimated'> | undefined;
  if (!revision) throw new Error(`Collection revision ${revisionKey} does not exist.`);
  addTo(
    db,
    'daily_site_counts',
    { site_key: revision.site_key, local_date: revision.local_date },
    {
      collected_counted: sign * revision.collected_counted,
      collected_estimated: sign * revision.collected_estimated,
    },
  );
}

/** A canonical participant, by both names: the key the rollups use and the id the record is known by. */
interface Canonical {
  key: number;
  id: string;
}

/**
 * Adds (+1) or removes (-1) one revision's contribution to every rollup. Call after the entry's
 * state says whether the revision is current: recomputed minima read the current state.
 */
export function applyRevision(db: WritableDatabase, revisionKey: number, sign: Sign): void {
  const revision = addRevisionSums(db, revisionKey, sign, (table, keyValues, deltas) =>
    addTo(db, table, keyValues, deltas),
  );
  if (revision.kind === encounter && revision.participant_key !== null) {
    const canonical = db
      .statement(`SELECT c.key, c.id FROM participants p JOIN participants c ON c.id = p.canonical_id WHERE p.key = ?`)
      .get(revision.participant_key) as Canonical | undefined;
    if (canonical) {
      keepParticipantDay(
        db,
        canonical,
        revision.site_key,
        revision.local_date,
        sign === 1 ? { occurredMs: revision.occurred_ms } : undefined,
      );
    }
  }
}

/** Where a revision's sums go, row by row: straight into the tables, or added up first. */
type SumSink = (table: DailyWithMonthly, keyValues: RowKey, deltas: Record<string, number>) => void;

/** Hands one revision's signed sums to `add`, and answers the revision as read. */
function addRevisionSums(
  db: WritableDatabase,
  revisionKey: number,
  sign: Sign,
  add: SumSink,
): FieldEntryRevisionRow & { kind: number } {
  // Runs on every save, correction and void: fixed SQL through cached statements.
  const revision = db
    .statement(
      `SELECT r.*, e.kind FROM field_entry_revisions r JOIN field_entries e ON e.key = r.entry_key WHERE r.key = ?`,
    )
    .get(revisionKey) as (FieldEntryRevisionRow & { kind: number }) | undefined;
  if (!revision) throw new Error(`Revision ${revisionKey} does not exist.`);
  const day = { site_key: revision.site_key, local_date: revision.local_date };
  const isEncounter = revision.kind === encounter;
  const reversals = db
    .statement(`SELECT count(*) AS n FROM field_entry_reversals WHERE revision_key = ?`)
    .get(revisionKey) as {
    n: number;
  };

  add('daily_site_counts', day, {
    encounters: isEncounter ? sign : 0,
    anonymous_encounters: isEncounter && revision.participant_key === null ? sign : 0,
    tallies: isEncounter ? 0 : sign,
    tally_contacts: isEncounter ? 0 : sign * revision.contacts,
    secondary_encounters: revision.on_behalf_of > 0 ? sign : 0,
    secondary_people: sign * revision.on_behalf_of,
    collected_counted: sign * revision.collected_counted,
    collected_estimated: sign * revision.collected_estimated,
    reversals: sign * reversals.n,
  });

  const lines = db
    .statement(`SELECT item_key, units, kit_version_key, doses_per_unit FROM field_entry_lines WHERE revision_key = ?`)
    .all(revisionKey) as Pick<FieldEntryLinesTable, 'item_key' | 'units' | 'kit_version_key' | 'doses_per_unit'>[];
  for (const line of lines) {
    add(
      'daily_item_units',
      { ...day, item_key: line.item_key },
      {
        units: sign * line.units,
        doses: sign * line.units * (line.doses_per_unit ?? 0),
      },
    );
    if (line.kit_version_key === null) continue;
    const components = db
      .statement(
        `SELECT c.key AS item_key, k.units FROM kit_versions v
         JOIN kit_components k ON k.kit_version_id = v.id
         JOIN items c ON c.id = k.component_item_id
         WHERE v.key = ?`,
      )
      .all(line.kit_version_key) as { item_key: number; units: number }[];
    for (const component of components) {
      add(
        'daily_item_units',
        { ...day, item_key: component.item_key },
        {
          units_in_kits: sign * line.units * component.units,
        },
      );
    }
  }

  const services = db
    .statement(`SELECT service_type_key FROM field_entry_services WHERE revision_key = ?`)
    .all(revisionKey) as { service_type_key: number }[];
  for (const service of services) {
    add('daily_service_counts', { ...day, service_type_key: service.service_type_key }, { count: sign });
  }
  const unmet = db
    .statement(`SELECT item_key FROM field_entry_unmet_requests WHERE revision_key = ?`)
    .all(revisionKey) as { item_key: number }[];
  for (const request of unmet) {
    add('daily_unmet_requests', { ...day, item_key: request.item_key }, { count: sign });
  }
  return revision;
}

/**
 * Moves many revisions' contributions to the revisions that replace them (`from` to `to`, each
 * already current), at once: a re-filing moves thousands. Each rollup row touched moves once, by
 * the sum of its deltas; each participant day a move left or joined is recounted from the facts,
 * and the participant's period counts move by what that changed, as after a merge.
 */
export function moveRevisions(db: WritableDatabase, moves: readonly { from: number; to: number }[]): void {
  const pending = new Map<string, { table: DailyWithMonthly; keyValues: RowKey; deltas: Record<string, number> }>();
  const addUp: SumSink = (table, keyValues, deltas) => {
    const id = [table, ...rollupDefinitions[table].keys.map((key) => keyValues[key])].join('\u0000');
    let row = pending.get(id);
    if (!row) pending.set(id, (row = { table, keyValues, deltas: {} }));
    for (const [column, amount] of Object.entries(deltas)) row.deltas[column] = (row.deltas[column] ?? 0) + amount;
  };
  /** By participant (as logged): the site and day of each visit a move took away or added. */
  const touched = new Map<number, Map<string, { siteKey: number; localDate: string }>>();
  const touch = (revision: FieldEntryRevisionRow & { kind: number }) => {
    if (revision.kind !== encounter || revision.participant_key === null) return;
    let days = touched.get(revision.participant_key);
    if (!days) touched.set(revision.participant_key, (days = new Map()));
    days.set(`${revision.site_key}\u0000${revision.local_date}`, {
      siteKey: revision.site_key,
      localDate: revision.local_date,
    });
  };
  for (const move of moves) {
    touch(addRevisionSums(db, move.from, -1, addUp));
    touch(addRevisionSums(db, move.to, 1, addUp));
  }
  for (const row of pending.values()) addTo(db, row.table, row.keyValues, row.deltas);

  // Codes merged into one person count as that person: their days are gathered under them.
  const byCanonical = new Map<
    number,
    { canonical: Canonical; days: Map<string, { siteKey: number; localDate: string }> }
  >();
  for (const [participantKey, days] of touched) {
    const canonical = db
      .statement(`SELECT c.key, c.id FROM participants p JOIN participants c ON c.id = p.canonical_id WHERE p.key = ?`)
      .get(participantKey) as Canonical | undefined;
    if (!canonical) continue;
    const gathered = byCanonical.get(canonical.key) ?? { canonical, days: new Map() };
    byCanonical.set(canonical.key, gathered);
    for (const [id, day] of days) gathered.days.set(id, day);
  }
  for (const { canonical, days } of byCanonical.values()) {
    trackPeriodParticipants(db, [canonical.key], () => {
      for (const day of days.values()) writeParticipantDay(db, canonical, day.siteKey, day.localDate);
    });
  }
}

/**
 * Keeps one canonical participant's row for a site and day, and their first-seen date, in step
 * with a revision that became current (+1: a cheap upsert) or stopped being current (-1: a
 * recount). Their period counts move only when the day itself appeared or went: another visit on
 * a day already counted changes no period.
 */
function keepParticipantDay(
  db: WritableDatabase,
  canonical: Canonical,
  siteKey: number,
  localDate: string,
  added?: { occurredMs: number },
): void {
  if (writeParticipantDay(db, canonical, siteKey, localDate, added)) {
    moveDayPeriods(db, canonical.key, { site_key: siteKey, local_date: localDate }, added ? 1 : -1);
  }
}

/** Writes the day's row; true when that made the day appear (a first visit) or go (its last visit taken back). */
function writeParticipantDay(
  db: WritableDatabase,
  canonical: Canonical,
  siteKey: number,
  localDate: string,
  added?: { occurredMs: number },
): boolean {
  if (added) {
    // An update raises encounters past 1: a row that holds 1 has just been inserted.
    const { encounters } = db
      .statement(
        `INSERT INTO participant_site_days (participant_key, site_key, local_date, encounters, first_ms) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (participant_key, site_key, local_date)
         DO UPDATE SET encounters = encounters + 1, first_ms = min(first_ms, excluded.first_ms)
         RETURNING encounters`,
      )
      .get(canonical.key, siteKey, localDate, added.occurredMs) as { encounters: number };
    const participant = db.statement(`SELECT first_seen_on FROM participants WHERE key = ?`).get(canonical.key) as
      { first_seen_on: string | null } | undefined;
    // Only an earlier (or same-day) visit can change the first-seen date.
    if (participant && (participant.first_seen_on === null || localDate <= participant.first_seen_on)) {
      refreshFirstSeenOf(db, canonical.key);
    }
    return encounters === 1;
  }
  const current = db
    .statement(
      `SELECT count(*) AS encounters, min(r.occurred_ms) AS first_ms
       FROM current_revisions r JOIN participants p ON p.key = r.participant_key
       WHERE p.canonical_id = ? AND r.site_key = ? AND r.local_date = ? AND r.kind = ${encounter}`,
    )
    .get(canonical.id, siteKey, localDate) as { encounters: number; first_ms: number | null };
  let gone = false;
  if (current.encounters === 0 || current.first_ms === null) {
    gone =
      db
        .statement(`DELETE FROM participant_site_days WHERE participant_key = ? AND site_key = ? AND local_date = ?`)
        .run(canonical.key, siteKey, localDate).changes > 0;
  } else {
    db.statement(
      `INSERT INTO participant_site_days (participant_key, site_key, local_date, encounters, first_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (participant_key, site_key, local_date) DO UPDATE SET encounters = excluded.encounters, first_ms = excluded.first_ms`,
    ).run(canonical.key, siteKey, localDate, current.encounters, current.first_ms);
  }
  refreshFirstSeenOf(db, canonical.key);
  return gone;
}

/** After a merge or unmerge: recounts every day of the given canonical participants from the facts. */
export function rebuildParticipantDays(db: WritableDatabase, canonicalIds: readonly string[]): void {
  if (canonicalIds.length === 0) return;
  const keys = db
    .statement(`SELECT key FROM participants WHERE id IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(JSON.stringify(canonicalIds)) as number[];
  trackPeriodParticipants(db, keys, () => recountParticipantDays(db, canonicalIds, keys));
}

function recountParticipantDays(db: WritableDatabase, canonicalIds: readonly string[], keys: readonly number[]): void {
  const ids = JSON.stringify(canonicalIds);
  const participantKeys = JSON.stringify(keys);
  db.statement(`DELETE FROM participant_site_days WHERE participant_key IN (SELECT value FROM json_each(?))`).run(
    participantKeys,
  );
  db.statement(
    `INSERT INTO participant_site_days (participant_key, site_key, local_date, encounters, first_ms)
       ${participantDays('AND c.key IN (SELECT value FROM json_each(?))')}`,
  ).run(participantKeys);
  // Members of a group are never "first seen" themselves; their canonical participant is.
  db.statement(
    `UPDATE participants SET first_seen_on = NULL, first_seen_site_id = NULL
       WHERE canonical_id IN (SELECT value FROM json_each(?)) AND canonical_id <> id`,
  ).run(ids);
  refreshFirstSeen(db, canonicalIds);
}
