/**
 * Distinct participants per calendar month, quarter and year, per site and for all sites together
 * (site ''), exactly: the same person seen twice in March counts once in March, once in the first
 * quarter and once in the year. Kept from participant_site_days: whenever a participant's days
 * change (a visit saved, corrected or voided, a merge or an unmerge), the periods they were seen
 * in before and after are compared, and each count moves by the difference.
 */
import type { ReadableDatabase, WritableDatabase } from '../platform/database';

/** The month (2026-03), quarter (2026-Q1) and year (2026) a day falls in. */
export function periodsOf(localDate: string): [month: string, quarter: string, year: string] {
  const year = localDate.slice(0, 4);
  const quarter = Math.floor((Number(localDate.slice(5, 7)) + 2) / 3);
  return [localDate.slice(0, 7), `${year}-Q${quarter}`, year];
}

/** One counted cell: a period at a site, or at every site (''). */
const cellKey = (period: string, siteId: string) => `${period}\u0000${siteId}`;

/** The cells a participant's days put them in. */
function cellsOf(days: Iterable<{ site_id: string; local_date: string }>): Set<string> {
  const cells = new Set<string>();
  for (const day of days) {
    for (const period of periodsOf(day.local_date)) {
      cells.add(cellKey(period, day.site_id));
      cells.add(cellKey(period, ''));
    }
  }
  return cells;
}

/** Each participant's cells, from their rows in participant_site_days. */
function cellsByParticipant(db: ReadableDatabase, participantIds: readonly string[]): Map<string, Set<string>> {
  const days = db
    .statement(
      `SELECT participant_id, site_id, local_date FROM participant_site_days
       WHERE participant_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(participantIds)) as { participant_id: string; site_id: string; local_date: string }[];
  return new Map(participantIds.map((id) => [id, cellsOf(days.filter((day) => day.participant_id === id))] as const));
}

function adjust(db: WritableDatabase, cell: string, delta: 1 | -1): void {
  const [period, siteId] = cell.split('\u0000') as [string, string];
  if (delta === 1) {
    db.statement(
      `INSERT INTO period_participants (period, site_id, participants) VALUES (?, ?, 1)
       ON CONFLICT (period, site_id) DO UPDATE SET participants = participants + 1`,
    ).run(period, siteId);
    return;
  }
  // A count that would reach zero goes: the table holds only periods someone was seen in.
  const lowered = db
    .statement(
      `UPDATE period_participants SET participants = participants - 1 WHERE period = ? AND site_id = ? AND participants > 1`,
    )
    .run(period, siteId);
  if (lowered.changes === 0) {
    db.statement(`DELETE FROM period_participants WHERE period = ? AND site_id = ?`).run(period, siteId);
  }
}

/**
 * Runs `change` (which rewrites some participants' days) and moves the period counts by what it
 * changed: a participant newly seen in a period adds one, one no longer seen there takes one away.
 */
export function trackPeriodParticipants(
  db: WritableDatabase,
  participantIds: readonly string[],
  change: () => void,
): void {
  const before = cellsByParticipant(db, participantIds);
  change();
  const after = cellsByParticipant(db, participantIds);
  for (const id of participantIds) {
    const was = before.get(id) ?? new Set<string>();
    const is = after.get(id) ?? new Set<string>();
    for (const cell of is) if (!was.has(cell)) adjust(db, cell, 1);
    for (const cell of was) if (!is.has(cell)) adjust(db, cell, -1);
  }
}

/**
 * Every cell's count from participant_site_days, walked in its key order (a participant's days
 * together): memory holds one participant's days and one count per cell, never the whole table.
 */
function countedFromDays(db: ReadableDatabase): Map<string, number> {
  const counts = new Map<string, number>();
  const addParticipant = (days: { site_id: string; local_date: string }[]) => {
    for (const cell of cellsOf(days)) counts.set(cell, (counts.get(cell) ?? 0) + 1);
  };
  let current: string | null = null;
  let days: { site_id: string; local_date: string }[] = [];
  const rows = db
    .statement(`SELECT participant_id, site_id, local_date FROM participant_site_days ORDER BY participant_id`)
    .iterate() as Iterable<{ participant_id: string; site_id: string; local_date: string }>;
  for (const row of rows) {
    if (row.participant_id !== current) {
      addParticipant(days);
      current = row.participant_id;
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
  const insert = db.statement(`INSERT INTO period_participants (period, site_id, participants) VALUES (?, ?, ?)`);
  for (const [cell, participants] of counts) insert.run(...cell.split('\u0000'), participants);
}

/** How many period counts differ from a recount of participant_site_days (either way). */
export function checkPeriodParticipants(db: ReadableDatabase): { rows: number; mismatches: number } {
  const expected = countedFromDays(db);
  let rows = 0;
  let mismatches = 0;
  const cached = db.statement(`SELECT period, site_id, participants FROM period_participants`).iterate() as Iterable<{
    period: string;
    site_id: string;
    participants: number;
  }>;
  for (const row of cached) {
    rows += 1;
    const cell = cellKey(row.period, row.site_id);
    if (expected.get(cell) !== row.participants) mismatches += 1;
    expected.delete(cell);
  }
  return { rows, mismatches: mismatches + expected.size };
}
