/**
 * Daily rollups, so a month's report over years of data reads a few thousand rows, not millions.
 * Each is kept in the same transaction as the write that changes it: a revision that becomes
 * current adds its contribution (+1), one that stops being current (edited or voided) takes it
 * away (-1). The same figures computed straight from the facts (each definition's `raw`) are what
 * a rebuild writes; `verify` compares against them through ./rollup-checks.ts.
 */
import type { WritableDatabase } from '../platform/database';
import type { FieldEntryLinesTable, FieldEntryRevisionRow, KitComponentsTable } from '../platform/schema';
import type { FieldEntryKind } from '../contract/vocabulary';
import { rebuildPeriodParticipants, trackPeriodParticipants } from './period-participants';

type Sign = 1 | -1;

/** For each rollup table: its key columns, its value columns, and the query computing it from the facts. */
export const rollupDefinitions = {
  daily_site_counts: {
    monthly: 'monthly_site_counts',
    keys: ['site_id', 'local_date'],
    values: [
      'encounters',
      'anonymous_encounters',
      'tallies',
      'tally_contacts',
      'secondary_encounters',
      'secondary_people',
      'collected_counted',
      'collected_estimated',
      'reversals',
    ],
    raw: `SELECT r.site_id, r.local_date,
        sum(r.kind = 'encounter') AS encounters,
        sum(r.kind = 'encounter' AND r.participant_id IS NULL) AS anonymous_encounters,
        sum(r.kind = 'tally') AS tallies,
        sum(CASE WHEN r.kind = 'tally' THEN r.contacts ELSE 0 END) AS tally_contacts,
        sum(r.on_behalf_of > 0) AS secondary_encounters,
        sum(r.on_behalf_of) AS secondary_people,
        sum(r.collected_counted) AS collected_counted,
        sum(r.collected_estimated) AS collected_estimated,
        sum((SELECT count(*) FROM field_entry_reversals v WHERE v.revision_id = r.id)) AS reversals
      FROM current_revisions r GROUP BY r.site_id, r.local_date`,
  },
  daily_item_units: {
    monthly: 'monthly_item_units',
    keys: ['site_id', 'local_date', 'item_id'],
    values: ['units', 'units_in_kits', 'doses'],
    raw: `SELECT site_id, local_date, item_id, sum(units) AS units, sum(units_in_kits) AS units_in_kits, sum(doses) AS doses
      FROM (
        SELECT r.site_id, r.local_date, l.item_id, l.units AS units, 0 AS units_in_kits,
          coalesce(l.units * l.doses_per_unit, 0) AS doses
        FROM current_revisions r JOIN field_entry_lines l ON l.revision_id = r.id
        UNION ALL
        SELECT r.site_id, r.local_date, k.component_item_id, 0, l.units * k.units, 0
        FROM current_revisions r
        JOIN field_entry_lines l ON l.revision_id = r.id
        JOIN kit_components k ON k.kit_version_id = l.kit_version_id
      ) GROUP BY site_id, local_date, item_id`,
  },
  daily_service_counts: {
    monthly: 'monthly_service_counts',
    keys: ['site_id', 'local_date', 'service_type_id'],
    values: ['count'],
    raw: `SELECT r.site_id, r.local_date, s.service_type_id, count(*) AS count
      FROM current_revisions r JOIN field_entry_services s ON s.revision_id = r.id
      GROUP BY r.site_id, r.local_date, s.service_type_id`,
  },
  daily_unmet_requests: {
    monthly: 'monthly_unmet_requests',
    keys: ['site_id', 'local_date', 'item_id'],
    values: ['count'],
    raw: `SELECT r.site_id, r.local_date, u.item_id, count(*) AS count
      FROM current_revisions r JOIN field_entry_unmet_requests u ON u.revision_id = r.id
      GROUP BY r.site_id, r.local_date, u.item_id`,
  },
  participant_site_days: {
    keys: ['participant_id', 'site_id', 'local_date'],
    values: ['encounters', 'first_at'],
    raw: `SELECT p.canonical_id AS participant_id, r.site_id, r.local_date, count(*) AS encounters, min(r.occurred_at) AS first_at
      FROM current_revisions r JOIN participants p ON p.id = r.participant_id
      WHERE r.kind = 'encounter'
      GROUP BY p.canonical_id, r.site_id, r.local_date`,
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

/**
 * First-seen date and site of canonical participants, from participant_site_days (the earliest
 * day, then the earliest encounter that day). `canonicalIds` null means every participant.
 */
export function refreshFirstSeen(db: WritableDatabase, canonicalIds: readonly string[] | null): void {
  const first = `(SELECT d.%COLUMN% FROM participant_site_days d WHERE d.participant_id = participants.id
      ORDER BY d.local_date, d.first_at, d.site_id LIMIT 1)`;
  const scope = canonicalIds === null ? '' : `AND id IN (SELECT value FROM json_each(?))`;
  const params = canonicalIds === null ? [] : [JSON.stringify(canonicalIds)];
  db.statement(
    `UPDATE participants SET
         first_seen_on = CASE WHEN canonical_id = id THEN ${first.replace('%COLUMN%', 'local_date')} END,
         first_seen_site_id = CASE WHEN canonical_id = id THEN ${first.replace('%COLUMN%', 'site_id')} END
       WHERE 1 = 1 ${scope}`,
  ).run(...params);
}

function addTo(
  db: WritableDatabase,
  table: RollupTable,
  keyValues: Record<string, string>,
  deltas: Record<string, number>,
): void {
  const keys = Object.keys(keyValues);
  const columns = Object.keys(deltas).filter((column) => deltas[column] !== 0);
  if (columns.length === 0) return;
  const sqlText = `INSERT INTO ${table} (${[...keys, ...columns].join(', ')})
    VALUES (${[...keys, ...columns].map(() => '?').join(', ')})
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${columns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`;
  db.statement(sqlText).run(...keys.map((key) => keyValues[key]), ...columns.map((column) => deltas[column]));
  const monthly = 'monthly' in rollupDefinitions[table] ? rollupDefinitions[table].monthly : null;
  if (monthly === null) return;
  const monthKeys = keys.map((key) => (key === 'local_date' ? 'month' : key));
  db.statement(
    `INSERT INTO ${monthly} (${[...monthKeys, ...columns].join(', ')})
     VALUES (${[...monthKeys, ...columns].map(() => '?').join(', ')})
     ON CONFLICT (${monthKeys.join(', ')}) DO UPDATE SET ${columns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
  ).run(
    ...keys.map((key) => (key === 'local_date' ? keyValues[key]!.slice(0, 7) : keyValues[key])),
    ...columns.map((column) => deltas[column]),
  );
}

/**
 * Adds (+1) or removes (-1) one revision's contribution to every rollup. Call after the entry's
 * state says whether the revision is current: recomputed minima read the current state.
 */
export function applyRevision(db: WritableDatabase, revisionId: string, sign: Sign): void {
  // Runs on every save, correction and void: fixed SQL through cached statements.
  const revision = db
    .statement(
      `SELECT r.*, e.kind FROM field_entry_revisions r JOIN field_entries e ON e.id = r.entry_id WHERE r.id = ?`,
    )
    .get(revisionId) as (FieldEntryRevisionRow & { kind: FieldEntryKind }) | undefined;
  if (!revision) throw new Error(`Revision ${revisionId} does not exist.`);
  const day = { site_id: revision.site_id, local_date: revision.local_date };
  const isEncounter = revision.kind === 'encounter';
  const reversals = db
    .statement(`SELECT count(*) AS n FROM field_entry_reversals WHERE revision_id = ?`)
    .get(revisionId) as {
    n: number;
  };

  addTo(db, 'daily_site_counts', day, {
    encounters: isEncounter ? sign : 0,
    anonymous_encounters: isEncounter && revision.participant_id === null ? sign : 0,
    tallies: isEncounter ? 0 : sign,
    tally_contacts: isEncounter ? 0 : sign * revision.contacts,
    secondary_encounters: revision.on_behalf_of > 0 ? sign : 0,
    secondary_people: sign * revision.on_behalf_of,
    collected_counted: sign * revision.collected_counted,
    collected_estimated: sign * revision.collected_estimated,
    reversals: sign * reversals.n,
  });

  const lines = db
    .statement(`SELECT item_id, units, kit_version_id, doses_per_unit FROM field_entry_lines WHERE revision_id = ?`)
    .all(revisionId) as Pick<FieldEntryLinesTable, 'item_id' | 'units' | 'kit_version_id' | 'doses_per_unit'>[];
  for (const line of lines) {
    addTo(
      db,
      'daily_item_units',
      { ...day, item_id: line.item_id },
      {
        units: sign * line.units,
        doses: sign * line.units * (line.doses_per_unit ?? 0),
      },
    );
    if (line.kit_version_id === null) continue;
    const components = db
      .statement(`SELECT component_item_id, units FROM kit_components WHERE kit_version_id = ?`)
      .all(line.kit_version_id) as Pick<KitComponentsTable, 'component_item_id' | 'units'>[];
    for (const component of components) {
      addTo(
        db,
        'daily_item_units',
        { ...day, item_id: component.component_item_id },
        {
          units_in_kits: sign * line.units * component.units,
        },
      );
    }
  }

  const services = db
    .statement(`SELECT service_type_id FROM field_entry_services WHERE revision_id = ?`)
    .all(revisionId) as { service_type_id: string }[];
  for (const service of services) {
    addTo(db, 'daily_service_counts', { ...day, service_type_id: service.service_type_id }, { count: sign });
  }
  const unmet = db
    .statement(`SELECT item_id FROM field_entry_unmet_requests WHERE revision_id = ?`)
    .all(revisionId) as { item_id: string }[];
  for (const request of unmet) addTo(db, 'daily_unmet_requests', { ...day, item_id: request.item_id }, { count: sign });

  if (isEncounter && revision.participant_id !== null) {
    const participant = db
      .statement(`SELECT canonical_id FROM participants WHERE id = ?`)
      .get(revision.participant_id) as { canonical_id: string } | undefined;
    if (participant) {
      refreshParticipantDay(
        db,
        participant.canonical_id,
        revision.site_id,
        revision.local_date,
        sign === 1 ? { occurredAt: revision.occurred_at } : undefined,
      );
    }
  }
}

/**
 * Keeps one canonical participant's row for a site and day, and their first-seen date, in step
 * with a revision that became current (+1: a cheap upsert) or stopped being current (-1: a recount).
 */
export function refreshParticipantDay(
  db: WritableDatabase,
  canonicalId: string,
  siteId: string,
  localDate: string,
  added?: { occurredAt: string },
): void {
  trackPeriodParticipants(db, [canonicalId], () => writeParticipantDay(db, canonicalId, siteId, localDate, added));
}

function writeParticipantDay(
  db: WritableDatabase,
  canonicalId: string,
  siteId: string,
  localDate: string,
  added?: { occurredAt: string },
): void {
  if (added) {
    db.statement(
      `INSERT INTO participant_site_days (participant_id, site_id, local_date, encounters, first_at) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (participant_id, site_id, local_date)
       DO UPDATE SET encounters = encounters + 1, first_at = min(first_at, excluded.first_at)`,
    ).run(canonicalId, siteId, localDate, added.occurredAt);
    const participant = db.statement(`SELECT first_seen_on FROM participants WHERE id = ?`).get(canonicalId) as
      { first_seen_on: string | null } | undefined;
    // Only an earlier (or same-day) visit can change the first-seen date.
    if (participant && (participant.first_seen_on === null || localDate <= participant.first_seen_on)) {
      refreshFirstSeen(db, [canonicalId]);
    }
    return;
  }
  const current = db
    .statement(
      `SELECT count(*) AS encounters, min(r.occurred_at) AS first_at
       FROM current_revisions r JOIN participants p ON p.id = r.participant_id
       WHERE p.canonical_id = ? AND r.site_id = ? AND r.local_date = ? AND r.kind = 'encounter'`,
    )
    .get(canonicalId, siteId, localDate) as { encounters: number; first_at: string | null };
  if (current.encounters === 0 || current.first_at === null) {
    db.statement(`DELETE FROM participant_site_days WHERE participant_id = ? AND site_id = ? AND local_date = ?`).run(
      canonicalId,
      siteId,
      localDate,
    );
  } else {
    db.statement(
      `INSERT INTO participant_site_days (participant_id, site_id, local_date, encounters, first_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (participant_id, site_id, local_date) DO UPDATE SET encounters = excluded.encounters, first_at = excluded.first_at`,
    ).run(canonicalId, siteId, localDate, current.encounters, current.first_at);
  }
  refreshFirstSeen(db, [canonicalId]);
}

/** After a merge or unmerge: recounts every day of the given canonical participants from the facts. */
export function rebuildParticipantDays(db: WritableDatabase, canonicalIds: readonly string[]): void {
  if (canonicalIds.length === 0) return;
  trackPeriodParticipants(db, canonicalIds, () => recountParticipantDays(db, canonicalIds));
}

function recountParticipantDays(db: WritableDatabase, canonicalIds: readonly string[]): void {
  const ids = JSON.stringify(canonicalIds);
  db.statement(`DELETE FROM participant_site_days WHERE participant_id IN (SELECT value FROM json_each(?))`).run(ids);
  db.statement(
    `INSERT INTO participant_site_days (participant_id, site_id, local_date, encounters, first_at)
       SELECT participant_id, site_id, local_date, encounters, first_at FROM (${rollupDefinitions.participant_site_days.raw})
       WHERE participant_id IN (SELECT value FROM json_each(?))`,
  ).run(ids);
  // Members of a group are never "first seen" themselves; their canonical participant is.
  db.statement(
    `UPDATE participants SET first_seen_on = NULL, first_seen_site_id = NULL
       WHERE canonical_id IN (SELECT value FROM json_each(?)) AND canonical_id <> id`,
  ).run(ids);
  refreshFirstSeen(db, canonicalIds);
}
