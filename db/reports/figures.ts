/**
 * A period's figures, as reports and dashboards read them: sums from the monthly rollups, and
 * distinct participants from period_participants, exact for any calendar month, quarter or year.
 * Five years of monthly figures read a few thousand rows, each query in its table's key order.
 * The rollups name sites, items and service types by key; the figures by id, as the contract does.
 */
import type { ReadableDatabase } from '../platform/database';
import { keyOf } from '../platform/keys';

export interface PeriodFigures {
  /** A month (2026-03), a quarter (2026-Q1) or a year (2026). */
  period: string;
  encounters: number;
  anonymousEncounters: number;
  tallies: number;
  tallyContacts: number;
  secondaryEncounters: number;
  secondaryPeople: number;
  syringesCollected: { counted: number; estimated: number };
  reversals: number;
  /** Distinct people seen in the period, however often. */
  participants: number;
  items: { itemId: string; units: number; unitsInKits: number; doses: number }[];
  services: { serviceTypeId: string; count: number }[];
  unmetRequests: { itemId: string; count: number }[];
}

/** The months a period covers, as a range of month keys. */
function monthRange(period: string): [from: string, to: string] {
  if (/^\d{4}$/.test(period)) return [`${period}-01`, `${period}-12`];
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const last = Number(quarter[2]) * 3;
    const month = (value: number) => `${quarter[1]}-${String(value).padStart(2, '0')}`;
    return [month(last - 2), month(last)];
  }
  if (/^\d{4}-\d{2}$/.test(period)) return [period, period];
  throw new Error(`"${period}" is not a month, a quarter or a year.`);
}

function emptyFigures(period: string): PeriodFigures {
  return {
    period,
    encounters: 0,
    anonymousEncounters: 0,
    tallies: 0,
    tallyContacts: 0,
    secondaryEncounters: 0,
    secondaryPeople: 0,
    syringesCollected: { counted: 0, estimated: 0 },
    reversals: 0,
    participants: 0,
    items: [],
    services: [],
    unmetRequests: [],
  };
}

/**
 * Figures for each period of `periods` (all months, or quarters, or years), at one site or all
 * (`siteId` omitted). `periodOfMonth` maps a month to the period it counts toward.
 */
function figuresFor(
  db: ReadableDatabase,
  periods: string[],
  [from, to]: [string, string],
  periodOfMonth: (month: string) => string,
  siteId: string | undefined,
): PeriodFigures[] {
  const byPeriod = new Map(periods.map((period) => [period, emptyFigures(period)]));
  // A site that is not in the file has no figures: key -1 is no site's, as 0 is every site's.
  const siteKey = siteId === undefined ? undefined : (keyOf(db, 'sites', siteId) ?? -1);
  const site = siteKey === undefined ? '' : 'AND m.site_key = ?';
  const params = siteKey === undefined ? [from, to] : [from, to, siteKey];
  const figuresOf = (month: string) => byPeriod.get(periodOfMonth(month));

  const counts = db
    .statement(
      `SELECT month, sum(encounters) AS encounters, sum(anonymous_encounters) AS anonymous, sum(tallies) AS tallies,
         sum(tally_contacts) AS contacts, sum(secondary_encounters) AS secondary, sum(secondary_people) AS people,
         sum(collected_counted) AS counted, sum(collected_estimated) AS estimated, sum(reversals) AS reversals
       FROM monthly_site_counts m WHERE month BETWEEN ? AND ? ${site} GROUP BY month`,
    )
    .all(...params) as Record<string, number | string>[];
  for (const row of counts) {
    const figures = figuresOf(String(row['month']));
    if (!figures) continue;
    const number = (column: string) => Number(row[column]);
    figures.encounters += number('encounters');
    figures.anonymousEncounters += number('anonymous');
    figures.tallies += number('tallies');
    figures.tallyContacts += number('contacts');
    figures.secondaryEncounters += number('secondary');
    figures.secondaryPeople += number('people');
    figures.syringesCollected.counted += number('counted');
    figures.syringesCollected.estimated += number('estimated');
    figures.reversals += number('reversals');
  }

  /**
   * A per-item (or per-service) monthly table summed into each period by id: for a period, its
   * rows sorted by id, leaving out those that sum to nothing (a figure added then taken back).
   */
  const sumsById = (sqlText: string, columns: readonly string[]) => {
    const sums = new Map<string, Map<string, number[]>>();
    for (const row of db.statement(sqlText).all(...params) as Record<string, string | number>[]) {
      const period = periodOfMonth(String(row['month']));
      if (!byPeriod.has(period)) continue;
      const ofPeriod = sums.get(period) ?? new Map<string, number[]>();
      sums.set(period, ofPeriod);
      const id = String(row['id']);
      const had = ofPeriod.get(id) ?? columns.map(() => 0);
      columns.forEach((column, index) => (had[index]! += Number(row[column])));
      ofPeriod.set(id, had);
    }
    return (period: string): [string, number[]][] =>
      [...(sums.get(period) ?? [])]
        .filter(([, values]) => values.some((value) => value !== 0))
        .sort(([a], [b]) => (a < b ? -1 : 1));
  };
  const items = sumsById(
    `SELECT m.month, i.id, sum(m.units) AS units, sum(m.units_in_kits) AS kits, sum(m.doses) AS doses
     FROM monthly_item_units m JOIN items i ON i.key = m.item_key
     WHERE m.month BETWEEN ? AND ? ${site} GROUP BY m.month, m.item_key`,
    ['units', 'kits', 'doses'],
  );
  const services = sumsById(
    `SELECT m.month, t.id, sum(m.count) AS count
     FROM monthly_service_counts m JOIN service_types t ON t.key = m.service_type_key
     WHERE m.month BETWEEN ? AND ? ${site} GROUP BY m.month, m.service_type_key`,
    ['count'],
  );
  const unmet = sumsById(
    `SELECT m.month, i.id, sum(m.count) AS count
     FROM monthly_unmet_requests m JOIN items i ON i.key = m.item_key
     WHERE m.month BETWEEN ? AND ? ${site} GROUP BY m.month, m.item_key`,
    ['count'],
  );
  for (const [period, figures] of byPeriod) {
    figures.items = items(period).map(([itemId, [units, unitsInKits, doses]]) => ({
      itemId,
      units: units!,
      unitsInKits: unitsInKits!,
      doses: doses!,
    }));
    figures.services = services(period).map(([serviceTypeId, [count]]) => ({ serviceTypeId, count: count! }));
    figures.unmetRequests = unmet(period).map(([itemId, [count]]) => ({ itemId, count: count! }));
  }

  const people = db
    .statement(
      `SELECT period, participants FROM period_participants WHERE site_key = ? AND period IN (SELECT value FROM json_each(?))`,
    )
    .all(siteKey ?? 0, JSON.stringify(periods)) as { period: string; participants: number }[];
  for (const row of people) byPeriod.get(row.period)!.participants = row.participants;

  return periods.map((period) => byPeriod.get(period)!);
}

/** One month's, quarter's or year's figures, at a site or at all sites. */
export function periodFigures(db: ReadableDatabase, period: string, siteId?: string): PeriodFigures {
  return figuresFor(db, [period], monthRange(period), () => period, siteId)[0]!;
}

/** Every month from `fromMonth` to `toMonth` (2022-01 to 2026-12), in order, at a site or at all sites. */
export function monthlySeries(
  db: ReadableDatabase,
  fromMonth: string,
  toMonth: string,
  siteId?: string,
): PeriodFigures[] {
  monthRange(fromMonth);
  monthRange(toMonth);
  const months: string[] = [];
  for (let month = fromMonth; month <= toMonth; month = nextMonth(month)) months.push(month);
  return figuresFor(db, months, [fromMonth, toMonth], (month) => month, siteId);
}

function nextMonth(month: string): string {
  const [year, number] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
