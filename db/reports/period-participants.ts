/**
 * Distinct participants per calendar month, quarter and year, per site and for all sites together
 * (site_key 0), exactly: the same person seen twice in March counts once in March, once in the first
 * quarter and once in the year. Kept from participant_site_days: a visit saved, corrected or
 * voided moves the counts only when it makes one day appear or go (`moveDayPeriods`); a merge or
 * an unmerge, which rewrites many days at once, compares the periods the participants were seen
 * in before and after, and each count moves by the difference (`trackPeriodParticipants`).
 */
import type { ReadableDatabase, WritableDatabase } from '../platform/database';

/** The month (2026-03), quarter (2026-Q1) and year (2026) a day falls in. */
export function periodsOf(localDate: string): [month: string, quarter: string, year: string] {
  const year = localDate.slice(0, 4);
  const quarter = Math.floor((Number(localDate.slice(5, 7)) + 2) / 3);
  return [localDate.slice(0, 7), `${year}-Q${quarter}`, year];
}

/** The site_key of a count over every site: no site has key 0. */
const allSites = 0;

/** One counted cell: a period at a site, or at every site (0). */
const cellKey = (period: string, siteKey: number) => `${period}\u0000${siteKey}`;

function cellOf(cell: string): [period: string, siteKey: number] {
  const [period, siteKey] = cell.split('\u0000') as [string, string];
  return [period, Number(siteKey)];
}

/** The cells a participant's days put them in. */
function cellsOf(days: Iterable<{ site_key: number; local_date: string }>): Set<string> {
  const cells = new Set<string>();
  for (const day of days) {
    for (const period of periodsOf(day.local_date)) {
      cells.add(cellKey(period, day.site_key));
      cells.add(cellKey(period, allSites));
    }
  }
  return cells;
}

/** Each participant's cells, from their rows in participant_site_days. */
function cellsByParticipant(db: ReadableDatabase, participantKeys: readonly number[]): Map<number, Set<string>> {
  const days = db
    .statement(
      `SELECT participant_key, site_key, local_date FROM participant_site_days
       WHERE participant_key IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(participantKeys)) as { participant_key: number; site_key: number; local_date: string }[];
  return new Map(
    participantKeys.map((key) => [key, cellsOf(days.filter((day) => day.participant_key === key))] as const),
  );
}

function adjust(db: WritableDatabase, cell: string, delta: 1 | -1): void {
  const [period, siteKey] = cellOf(cell);
  if (delta === 1) {
    db.statement(
      `INSERT INTO period_participants (period, site_key, participants) VALUES (?, ?, 1)
       ON CONFLICT (period, site_key) DO UPDATE SET participants = participants + 1`,
    ).run(period, siteKey);
    return;
  }
  // A count that would reach zero goes: the table holds only periods someone was seen in.
  const lowered = db
    .statement(
      `UPDATE period_participants SET participants = participants - 1 WHERE period = ? AND site_key = ? AND participants > 1`,
    )
    .run(period, siteKey);
  if (lowered.changes === 0) {
    db.statement(`DELETE FROM period_participants WHERE period = ? AND site_key = ?`).run(period, siteKey);
  }
}

/**
 * Runs `change` (which rewrites some participants' days) and moves the period counts by what it
 * changed: a participant newly seen in a period adds one, one no longer seen there takes one away.
 */
export function trackPeriodParticipants(
  db: WritableDatabase,
  participantKeys: readonly number[],
  change: () => void,
): void {
  const before = cellsByParticipant(db, participantKeys);
  change();
  const after = cellsByParticipant(db, participantKeys);
  for (const key of participantKeys) {
    const was = before.get(key) ?? new Set<string>();
    const is = after.get(key) ?? new Set<string>();
    for (const cell of is) if (!was.has(cell)) adjust(db, cell, 1);
    for (const cell of was) if (!is.has(cell)) adjust(db, cell, -1);
  }
}

/**
 * After one participant's day at one site appeared (+1) or went (-1), the only change a save,
 * correction or void makes: each period of that day, at that site and over every site, counts the
 * participant once more (or once less) unless another of their days that year already puts them
 * there. Reads only that year's other days, one index range per site.
 */
export function moveDayPeriods(
  db: WritableDatabase,
  participantKey: number,
  day: { site_key: number; local_date: string },
  delta: 1 | -1,
): void {
  const year = day.local_date.slice(0, 4);
  const others = db
    .statement(
      `SELECT site_key, local_date FROM participant_site_days
       WHERE participant_key = ? AND site_key IN (SELECT key FROM sites) AND local_date BETWEEN ? AND ?
         AND NOT (site_key = ? AND local_date = ?)`,
    )
    .all(participantKey, `${year}-01-01`, `${year}-12-31`, day.site_key, day.local_date) as {
    site_key: number;
    local_date: string;
  }[];
  const covered = cellsOf(others);
  for (const cell of cellsOf([day])) if (!covered.has(cell)) adjust(db, cell, delta);
}

/**
 * Every cell's count from participant_site_days, walked in its key order (a participant's days
 * together): memory holds one participant's days and one count per cell, never the whole table.
 */
function countedFromDays(db: ReadableDatabase): Map<string, number> {
  const counts = new Map<string, number>();
  const addParticipant = (days: { site_key: number; local_date: string }[]) => {
    for (const cell of cellsOf(days)) counts.set(cell, (counts.get(cell) ?? 0) + 1);
  };
  let current: number | null = null;
  let days: { site_key: number; local_date: string }[] = [];
  const rows = db
    .statement(`SELECT participant_key, site_key, local_date FROM participant_site_days ORDER BY participant_key`)
    .iterate() as Iterable<{ participant_key: number; site_key: number; local_date: string }>;
  for (const row of rows) {
    if (row.participant_key !== current) {
      addParticipant(days);
      current = row.participant_key;
      days = [];
    }
    days.push(row);
  }
  addParticipant(days);
  return counts;
}

/** Recounts every period from participant_site_days (after a bulk load, or to repair), in the caller's write. */
export function rebuildPeriodParticipants(db: WritableDatabase): void {
  const counts = countedFromDays(db);
  db.statement(`DELETE FROM period_participants`).run();
  const insert = db.statement(`INSERT INTO period_participants (period, site_key, participants) VALUES (?, ?, ?)`);
  for (const [cell, participants] of counts) insert.run(...cellOf(cell), participants);
}

/** How many period counts differ from a recount of participant_site_days (either way). */
export function checkPeriodParticipants(db: ReadableDatabase): { rows: number; mismatches: number } {
  const expected = countedFromDays(db);
  let rows = 0;
  let mismatches = 0;
  const cached = db.statement(`SELECT period, site_key, participants FROM period_participants`).iterate() as Iterable<{
    period: string;
    site_key: number;
    participants: number;
  }>;
  for (const row of cached) {
    rows += 1;
    const cell = cellKey(row.period, row.site_key);
    if (expected.get(cell) !== row.participants) mismatches += 1;
    expected.delete(cell);
  }
  return { rows, mismatches: mismatches + expected.size };
}
