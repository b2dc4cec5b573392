/**
 * Whether every rollup equals what the facts say, in bounded memory and with no sorting into
 * temporary files, however large the database: the facts are read once, in the order of the
 * revisions' date index (day, then site), and summed in memory one day and site at a time, which
 * is compared with the cached rows of that day and site found by key. Monthly twins, period
 * counts and first-seen dates are checked against the daily tables the same way.
 */
import type { ReadableDatabase } from '../platform/database';
import { storedCodes } from '../platform/stored-codes';
import { checkPeriodParticipants } from './period-participants';
import { dailyWithMonthly, rollupDefinitions, type DailyWithMonthly, type RollupTable } from './rollups';

export interface RollupCheck {
  table:
    | RollupTable
    | (typeof rollupDefinitions)[DailyWithMonthly]['monthly']
    | 'period_participants'
    | 'participants.first_seen';
  rows: number;
  mismatches: number;
}

/**
 * The current revisions of active entries, walked by day then site (field_entry_revisions_by_date),
 * with `also` (a table the facts come from) looked up for each, by `on`. Grouped by day and site,
 * the walk's own order does the grouping: nothing is sorted.
 */
function currentByDay(also = '', on = '', { byDay = false } = {}): string {
  return `FROM field_entry_revisions r INDEXED BY field_entry_revisions_by_date
    CROSS JOIN field_entries e ${also === '' ? '' : `CROSS JOIN ${also}`}
    WHERE e.key = r.entry_key AND e.current_revision = r.revision AND e.status = 'active' ${on === '' ? '' : `AND ${on}`}
    ${byDay ? 'GROUP BY r.local_date, r.site_key' : ''} ORDER BY r.local_date, r.site_key`;
}

/**
 * The current revisions of active collections, summed a day and site at a time as their date
 * index (collection_revisions_by_date) is walked: in the same order as the field entries' walk.
 */
function collectionsByDay(columns: string): string {
  return `SELECT r.local_date, r.site_key, ${columns}
    FROM collection_revisions r INDEXED BY collection_revisions_by_date
    CROSS JOIN collections c
    WHERE c.key = r.collection_key AND c.current_revision = r.revision AND c.status = 'active'
    GROUP BY r.local_date, r.site_key ORDER BY r.local_date, r.site_key`;
}

type FactRow = Record<string, number | string | null>;

/** Two walks in day-then-site order as one, still in that order (SQLite's own merge would sort each). */
function* byDayFrom(first: Iterable<FactRow>, second: Iterable<FactRow>): Generator<FactRow> {
  const before = (a: FactRow, b: FactRow) =>
    a['local_date']! < b['local_date']! ||
    (a['local_date'] === b['local_date'] && Number(a['site_key']) <= Number(b['site_key']));
  const left = first[Symbol.iterator]();
  const right = second[Symbol.iterator]();
  let a = left.next();
  let b = right.next();
  while (!a.done || !b.done) {
    if (b.done || (!a.done && before(a.value, b.value))) {
      yield a.value;
      a = left.next();
    } else {
      yield b.value;
      b = right.next();
    }
  }
}

const encounter = storedCodes.entryKind.code('encounter');
const tally = storedCodes.entryKind.code('tally');

type Values = (number | string)[];

/** How one daily table is worked out from the facts, a day and a site at a time. */
interface DailyRecipe {
  /** Every fact row that contributes, ordered by day then site: local_date, site_key, then the rest. */
  facts: string;
  /** More fact rows in the same order, from another table of facts. */
  moreFacts?: string;
  /** What one fact row adds: to which row of the day and site (its remaining key), and how much. */
  contributions(row: Record<string, number | string | null>): [sub: string, values: Values][];
  /** The cached rows of one day and site, keyed by the same remaining key. */
  cached: string;
  /** How two contributions to the same row combine (a sum, or the earliest instant). */
  combine?: (had: Values, more: Values) => Values;
}

const sum = (had: Values, more: Values): Values => had.map((value, index) => Number(value) + Number(more[index]));

function recipes(db: ReadableDatabase): Record<RollupTable, DailyRecipe> {
  // Kit components name their kit version and item by id; the lines and rollups by key.
  const kitComponents = new Map<number, { item_key: number; units: number }[]>();
  for (const row of db
    .statement(
      `SELECT v.key AS kit_version_key, c.key AS item_key, k.units FROM kit_components k
       JOIN kit_versions v ON v.id = k.kit_version_id JOIN items c ON c.id = k.component_item_id`,
    )
    .all() as { kit_version_key: number; item_key: number; units: number }[]) {
    kitComponents.set(row.kit_version_key, [...(kitComponents.get(row.kit_version_key) ?? []), row]);
  }
  const canonicalOf = new Map(
    (
      db
        .statement(
          `SELECT p.key AS member, c.key AS canonical FROM participants p JOIN participants c ON c.id = p.canonical_id
           WHERE p.canonical_id <> p.id`,
        )
        .all() as { member: number; canonical: number }[]
    ).map((row) => [row.member, row.canonical]),
  );
  const siteCounts = rollupDefinitions.daily_site_counts.values;
  return {
    daily_site_counts: {
      // One row a day and site, summed by SQLite as it walks.
      facts: `SELECT r.local_date, r.site_key,
          sum(e.kind = ${encounter}) AS encounters,
          sum(e.kind = ${encounter} AND r.participant_key IS NULL) AS anonymous_encounters,
          sum(e.kind = ${tally}) AS tallies,
          sum(CASE WHEN e.kind = ${tally} THEN r.contacts ELSE 0 END) AS tally_contacts,
          sum(r.on_behalf_of > 0) AS secondary_encounters,
          sum(r.on_behalf_of) AS secondary_people,
          sum(r.collected_counted) AS collected_counted, sum(r.collected_estimated) AS collected_estimated,
          sum((SELECT count(*) FROM field_entry_reversals v WHERE v.revision_key = r.key)) AS reversals
        ${currentByDay('', '', { byDay: true })}`,
      // Collections' syringes count in the same columns: a day and site with both comes as two rows in a row.
      moreFacts: collectionsByDay(`0 AS encounters, 0 AS anonymous_encounters, 0 AS tallies, 0 AS tally_contacts,
        0 AS secondary_encounters, 0 AS secondary_people, sum(r.collected_counted) AS collected_counted,
        sum(r.collected_estimated) AS collected_estimated, 0 AS reversals`),
      contributions: (row) => [['', siteCounts.map((column) => Number(row[column]))]],
      cached: `SELECT '' AS sub, ${siteCounts.join(', ')} FROM daily_site_counts WHERE site_key = ? AND local_date = ?`,
    },
    daily_item_units: {
      facts: `SELECT r.local_date, r.site_key, l.item_key, l.units, l.doses_per_unit, l.kit_version_key
        ${currentByDay('field_entry_lines l', 'l.revision_key = r.key')}`,
      contributions: (row) => {
        const units = Number(row['units']);
        const own: [string, Values] = [String(row['item_key']), [units, 0, units * Number(row['doses_per_unit'] ?? 0)]];
        const kit = row['kit_version_key'] === null ? [] : (kitComponents.get(Number(row['kit_version_key'])) ?? []);
        return [own, ...kit.map((part): [string, Values] => [String(part.item_key), [0, units * part.units, 0]])];
      },
      cached: `SELECT item_key AS sub, units, units_in_kits, doses FROM daily_item_units WHERE site_key = ? AND local_date = ?`,
    },
    daily_service_counts: {
      facts: `SELECT r.local_date, r.site_key, s.service_type_key
        ${currentByDay('field_entry_services s', 's.revision_key = r.key')}`,
      contributions: (row) => [[String(row['service_type_key']), [1]]],
      cached: `SELECT service_type_key AS sub, count FROM daily_service_counts WHERE site_key = ? AND local_date = ?`,
    },
    daily_unmet_requests: {
      facts: `SELECT r.local_date, r.site_key, u.item_key
        ${currentByDay('field_entry_unmet_requests u', 'u.revision_key = r.key')}`,
      contributions: (row) => [[String(row['item_key']), [1]]],
      cached: `SELECT item_key AS sub, count FROM daily_unmet_requests WHERE site_key = ? AND local_date = ?`,
    },
    // A merged participant's visits count for the group's canonical participant: the few merged
    // ones are mapped in memory, so the walk looks up no participant per visit.
    participant_site_days: {
      facts: `SELECT r.local_date, r.site_key, r.participant_key, r.occurred_ms
        ${currentByDay('', `r.participant_key IS NOT NULL AND e.kind = ${encounter}`)}`,
      contributions: (row) => {
        const member = Number(row['participant_key']);
        return [[String(canonicalOf.get(member) ?? member), [1, Number(row['occurred_ms'])]]];
      },
      cached: `SELECT participant_key AS sub, encounters, first_ms FROM participant_site_days WHERE site_key = ? AND local_date = ?`,
      combine: (had, more) => [Number(had[0]) + Number(more[0]), Math.min(Number(had[1]), Number(more[1]))],
    },
  };
}

const allZero = (values: Values) => values.every((value) => value === 0);

/** One daily table against the facts: a day and a site at a time, then the cached days no fact has. */
function checkDaily(db: ReadableDatabase, table: RollupTable, recipe: DailyRecipe): RollupCheck {
  const combine = recipe.combine ?? sum;
  const cachedOf = db.statement(recipe.cached);
  const seen = new Set<string>();
  let mismatches = 0;
  let day: { localDate: string; siteKey: number; rows: Map<string, Values> } | null = null;
  const settle = () => {
    if (!day) return;
    seen.add(`${day.localDate}\u0000${day.siteKey}`);
    const expected = day.rows;
    for (const row of cachedOf.all(day.siteKey, day.localDate) as Record<string, number | string>[]) {
      const { sub, ...rest } = row;
      const values = Object.values(rest);
      if (allZero(values)) continue;
      const want = expected.get(String(sub));
      if (!want || want.some((value, index) => value !== values[index])) mismatches += 1;
      expected.delete(String(sub));
    }
    for (const values of expected.values()) if (!allZero(values)) mismatches += 1;
  };
  const facts = db.statement(recipe.facts).iterate() as Iterable<FactRow>;
  const walk = recipe.moreFacts
    ? byDayFrom(facts, db.statement(recipe.moreFacts).iterate() as Iterable<FactRow>)
    : facts;
  for (const row of walk) {
    const localDate = String(row['local_date']);
    const siteKey = Number(row['site_key']);
    if (!day || day.localDate !== localDate || day.siteKey !== siteKey) {
      settle();
      day = { localDate, siteKey, rows: new Map() };
    }
    for (const [sub, values] of recipe.contributions(row)) {
      const had = day.rows.get(sub);
      day.rows.set(sub, had ? combine(had, values) : values);
    }
  }
  settle();

  const { values } = rollupDefinitions[table];
  const numeric = values.filter((column) => column !== 'first_ms');
  let rows = 0;
  const cachedRows = db
    .statement(`SELECT site_key, local_date, ${numeric.join(', ')} FROM ${table}`)
    .iterate() as Iterable<Record<string, number | string>>;
  for (const row of cachedRows) {
    if (numeric.every((column) => row[column] === 0)) continue;
    rows += 1;
    // A cached day no fact is on: every such row is wrong.
    if (!seen.has(`${row['local_date']}\u0000${row['site_key']}`)) mismatches += 1;
  }
  return { table, rows, mismatches };
}

/**
 * A monthly twin against its daily table summed by month. The daily table is walked in its key
 * order and summed in memory, one entry per monthly row (a few thousand), never sorted on disk.
 */
function checkMonthlyTwin(db: ReadableDatabase, table: DailyWithMonthly): RollupCheck {
  const { monthly, keys, values } = rollupDefinitions[table];
  const keyOf = (row: Record<string, unknown>, dayKey: 'local_date' | 'month') =>
    keys.map((key) => (key === 'local_date' ? String(row[dayKey]).slice(0, 7) : String(row[key]))).join('\u0000');
  const expected = new Map<string, number[]>();
  for (const row of db.statement(`SELECT * FROM ${table}`).iterate() as Iterable<Record<string, number>>) {
    const key = keyOf(row, 'local_date');
    const sums = expected.get(key) ?? values.map(() => 0);
    values.forEach((value, index) => (sums[index]! += row[value]!));
    expected.set(key, sums);
  }
  for (const [key, sums] of expected) if (sums.every((value) => value === 0)) expected.delete(key);
  let rows = 0;
  let mismatches = 0;
  for (const row of db.statement(`SELECT * FROM ${monthly}`).iterate() as Iterable<Record<string, number>>) {
    const sums = values.map((value) => row[value]!);
    if (sums.every((value) => value === 0)) continue;
    rows += 1;
    const key = keyOf(row, 'month');
    const want = expected.get(key);
    if (!want || want.some((value, index) => value !== sums[index])) mismatches += 1;
    expected.delete(key);
  }
  return { table: monthly, rows, mismatches: mismatches + expected.size };
}

/**
 * First-seen dates as participant_site_days says they are, on canonical participants only: one
 * walk of the participants, each looking up its own few days by key.
 */
function checkFirstSeen(db: ReadableDatabase): RollupCheck {
  const first = (column: 'd.local_date' | 's.id') => `(SELECT ${column}
      FROM participant_site_days d JOIN sites s ON s.key = d.site_key WHERE d.participant_key = p.key
      ORDER BY d.local_date, d.first_ms, s.id LIMIT 1)`;
  const count = (sqlText: string) => (db.statement(sqlText).get() as { n: number }).n;
  return {
    table: 'participants.first_seen',
    rows: count(`SELECT count(*) AS n FROM participants WHERE first_seen_on IS NOT NULL`),
    mismatches: count(`SELECT count(*) AS n FROM participants p WHERE CASE WHEN p.canonical_id = p.id
        THEN p.first_seen_on IS NOT ${first('d.local_date')} OR p.first_seen_site_id IS NOT ${first('s.id')}
        ELSE p.first_seen_on IS NOT NULL OR p.first_seen_site_id IS NOT NULL END`),
  };
}

/**
 * One check per rollup table against the facts, per monthly twin and for period counts against
 * the daily tables, and one for first-seen dates: each a step of its own, so a long verify can
 * report between them.
 */
export function rollupChecks(db: ReadableDatabase): (() => RollupCheck)[] {
  const recipeOf = recipes(db);
  const daily = (Object.keys(rollupDefinitions) as RollupTable[]).map(
    (table) => () => checkDaily(db, table, recipeOf[table]),
  );
  const monthly = dailyWithMonthly.map((table) => () => checkMonthlyTwin(db, table));
  const periods = (): RollupCheck => ({ table: 'period_participants', ...checkPeriodParticipants(db) });
  return [...daily, ...monthly, periods, () => checkFirstSeen(db)];
}

/** Every rollup against the same figures computed from the facts (and first-seen dates). */
export function checkRollups(db: ReadableDatabase): RollupCheck[] {
  return rollupChecks(db).map((check) => check());
}
