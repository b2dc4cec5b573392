/**
 * Re-filing entries after the program's time zone changes. An entry is filed on the day its
 * instant falls on in the program's zone when it is saved (./save.ts), and a new
 * zone does not rewrite the past (settings.update). When the zone was wrong (a fresh database
 * reports in the zone of the computer that made it, UTC on many), entries already logged stay on
 * the wrong days until someone re-files them here, in one audited step.
 *
 * Every entry is stored with its instant, tallies too (the moment a shift's tally was saved):
 * none is typed as a bare date, so the day of every entry is its instant's day and each one may
 * move. Voided entries count in no figure and stay as they are: nothing is written on top of a
 * void. Stock receipts also keep the day they were filed on: a receipt is a fact without
 * revisions (it could only move by a schema change), and no figure counts receipts by day.
 *
 * An entry moves by a revision of its own, a copy of its current one on the new day with the
 * reason saying why, so every day it was ever filed on stays in its history; its stock movements
 * move with it (db/inventory/ledger.ts `refileMovements`), and the rollups, participants' days and
 * period counts move in one pass for all of them (`moveRevisions`, from the same sums a correction
 * moves).
 */
import type { Operations, WriteScope } from '../access/operations';
import { written } from '../access/operations';
import type { ParsedInput } from '../contract';
import { dayAfter, dayStartMs, localDate } from '../contract/calendar';
import { OutpostError } from '../contract/errors';
import type { RefilePreview, RefileSummary } from '../contract/settings';
import { refileMovements } from '../inventory/ledger';
import type { ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { isoOf } from '../platform/instants';
import { insertedKey, writerKeys } from '../platform/keys';
import { storedCodes } from '../platform/stored-codes';
import { moveRevisions } from '../reports/rollups';
import { readSettings } from '../settings/settings';

/** An active entry whose filed day is not its instant's day in the program's zone. */
interface Misfiled {
  key: number;
  kind: number;
  occurredMs: number;
  filedOn: string;
  refiledOn: string;
}

const examplesShown = 5;

/** Every zone's offset is a whole number of quarter hours (since 1972): a day never ends inside one. */
const quarterHourMs = 15 * 60_000;

/**
 * The day of an instant in `timeZone`, found once per quarter hour: a whole database's entries
 * fall in far fewer quarter hours than there are entries. A quarter hour whose first and last
 * moments fall on different days (an older rule) is worked out instant by instant.
 */
function dayFinder(timeZone: string): (ms: number) => string {
  const days = new Map<number, string | null>();
  return (ms) => {
    const quarter = Math.floor(ms / quarterHourMs);
    let day = days.get(quarter);
    if (day === undefined) {
      const first = localDate(new Date(quarter * quarterHourMs), timeZone);
      day = first === localDate(new Date(quarter * quarterHourMs + quarterHourMs - 1), timeZone) ? first : null;
      days.set(quarter, day);
    }
    return day ?? localDate(new Date(ms), timeZone);
  };
}

/**
 * The days active entries are filed on, in order, from the date index: one seek from each day to
 * the next, so a day of thousands of entries costs what a day of one does.
 */
const filedDays = `WITH RECURSIVE filed (day) AS (
    SELECT min(current_local_date) FROM field_entries INDEXED BY field_entries_by_date_time WHERE status = 'active'
    UNION ALL
    SELECT (SELECT min(current_local_date) FROM field_entries INDEXED BY field_entries_by_date_time
        WHERE status = 'active' AND current_local_date > filed.day)
    FROM filed WHERE filed.day IS NOT NULL)
  SELECT day FROM filed WHERE day IS NOT NULL`;

/**
 * Active entries outside the instants of the day they are filed on, given as [day, its first
 * instant, the next day's first] in a JSON array: two ranges of the date index a day, all in one
 * statement (thousands of calls would cost more than the reading).
 */
const outsideTheirDays = `WITH days AS (
    SELECT value ->> 0 AS day, value ->> 1 AS start_ms, value ->> 2 AS end_ms FROM json_each(?))
  SELECT e.key, e.kind, e.current_occurred_ms AS occurredMs, e.current_local_date AS filedOn
  FROM days d JOIN field_entries e INDEXED BY field_entries_by_date_time
    ON e.status = 'active' AND e.current_local_date = d.day AND e.current_occurred_ms < d.start_ms
  UNION ALL
  SELECT e.key, e.kind, e.current_occurred_ms AS occurredMs, e.current_local_date AS filedOn
  FROM days d JOIN field_entries e INDEXED BY field_entries_by_date_time
    ON e.status = 'active' AND e.current_local_date = d.day AND e.current_occurred_ms >= d.end_ms`;

/**
 * Each of `days` (in order) with its first instant in `timeZone` and the next day's. Each start
 * is guessed from the last one found, whole days of 24 hours on, and the guess checked: it is
 * wrong only across a change of clocks, and then found afresh.
 */
function dayBounds(days: readonly string[], timeZone: string): [string, number, number][] {
  let last: { day: string; startMs: number } | null = null;
  const startOf = (day: string): number => {
    if (last?.day === day) return last.startMs;
    const guess = last === null ? undefined : last.startMs + Date.parse(day) - Date.parse(last.day);
    last = { day, startMs: dayStartMs(day, timeZone, guess) };
    return last.startMs;
  };
  return days.map((day) => [day, startOf(day), startOf(dayAfter(day))]);
}

/**
 * Active entries filed on another day than their instant's in `timeZone`, for the preview and
 * the re-file alike, so the two always agree. A day's instants run from its first to the next
 * day's first, so the entries misfiled on a day are those filed on it with an instant before the
 * one or from the other on; no entry filed on its own day is read.
 */
function misfiledEntries(db: ReadableDatabase, timeZone: string): Misfiled[] {
  const days = db.statement(filedDays).pluck().all() as string[];
  const rows = db.statement(outsideTheirDays).iterate(JSON.stringify(dayBounds(days, timeZone))) as Iterable<
    Omit<Misfiled, 'refiledOn'>
  >;
  const dayOf = dayFinder(timeZone);
  const misfiled: Misfiled[] = [];
  for (const row of rows) {
    const refiledOn = dayOf(row.occurredMs);
    if (refiledOn !== row.filedOn) misfiled.push({ ...row, refiledOn });
  }
  return misfiled;
}

/** The first and last of some days (YYYY-MM-DD sorts as text), without sorting them all. */
function spanOf(days: Iterable<string>): { firstDate: string | null; lastDate: string | null } {
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const day of days) {
    if (firstDate === null || day < firstDate) firstDate = day;
    if (lastDate === null || day > lastDate) lastDate = day;
  }
  return { firstDate, lastDate };
}

/** The `count` earliest entries, in time order, found in one pass. */
function earliest(misfiled: readonly Misfiled[], count: number): Misfiled[] {
  const before = (a: Misfiled, b: Misfiled) => a.occurredMs - b.occurredMs || a.key - b.key;
  const kept: Misfiled[] = [];
  for (const entry of misfiled) {
    if (kept.length === count && before(entry, kept[count - 1]!) >= 0) continue;
    kept.splice(kept.length === count ? count - 1 : kept.length, 1, entry);
    kept.sort(before);
  }
  return kept;
}

/**
 * The zone the program had before its time zone was last changed, from the audit log: entries
 * logged before that change were filed in it (or in a zone before it, if it changed twice).
 */
function previousTimeZone(db: ReadableDatabase, timeZone: string): string | null {
  const rows = db
    .statement(
      `SELECT before_json, after_json FROM audit_log
       WHERE action = 'settings.update' AND entity_type = 'program_settings' ORDER BY seq DESC`,
    )
    .iterate() as Iterable<{ before_json: string | null; after_json: string | null }>;
  for (const row of rows) {
    const before = JSON.parse(row.before_json ?? '{}') as { timeZone?: string };
    const after = JSON.parse(row.after_json ?? '{}') as { timeZone?: string };
    if (before.timeZone !== undefined && before.timeZone !== after.timeZone && before.timeZone !== timeZone)
      return before.timeZone;
  }
  return null;
}

/**
 * Closed months among `months`. Month close does not exist yet, so none is: the issue that adds
 * it answers here, and re-filing is then refused (and not offered) while any month an entry
 * leaves or joins is closed, since it would change that month's figures.
 */
function closedMonthsAmong(_db: ReadableDatabase, _months: ReadonlySet<string>): string[] {
  return [];
}

/** The months an entry leaves and joins. */
function monthsOf(misfiled: readonly Misfiled[]): Set<string> {
  return new Set(misfiled.flatMap((entry) => [entry.filedOn.slice(0, 7), entry.refiledOn.slice(0, 7)]));
}

function summaryOf(db: ReadableDatabase, timeZone: string, misfiled: readonly Misfiled[]): RefileSummary {
  const encounter = storedCodes.entryKind.code('encounter');
  const encounters = misfiled.filter((entry) => entry.kind === encounter).length;
  return {
    timeZone,
    previousTimeZone: misfiled.length === 0 ? null : previousTimeZone(db, timeZone),
    entries: misfiled.length,
    encounters,
    tallies: misfiled.length - encounters,
    ...spanOf(misfiled.flatMap((entry) => [entry.filedOn, entry.refiledOn])),
  };
}

function previewRefile(db: ReadableDatabase): RefilePreview {
  const timeZone = readSettings(db).time_zone;
  const misfiled = misfiledEntries(db, timeZone);
  return {
    ...summaryOf(db, timeZone, misfiled),
    examples: earliest(misfiled, examplesShown).map((entry) => ({
      id: db.statement('SELECT id FROM field_entries WHERE key = ?').pluck().get(entry.key) as string,
      kind: storedCodes.entryKind.value(entry.kind),
      occurredAt: isoOf(entry.occurredMs),
      filedOn: entry.filedOn,
      refiledOn: entry.refiledOn,
    })),
    closedMonths: closedMonthsAmong(db, monthsOf(misfiled)),
  };
}

/** Every column of a revision but its key: the copy takes all of them, some replaced. */
const revisionCopy = `INSERT INTO field_entry_revisions (id, entry_key, revision, replaces_revision_key, site_key,
    occurred_ms, local_date, contact_type, participant_key, contacts, on_behalf_of, collected_counted,
    collected_containers, collected_pounds, syringes_per_container, syringes_per_pound, collected_estimated, note,
    moves_stock, change_reason, origin_device_key, created_by_key, created_ms)
  SELECT ?, entry_key, revision + 1, key, site_key, occurred_ms, ?, contact_type, participant_key, contacts,
    on_behalf_of, collected_counted, collected_containers, collected_pounds, syringes_per_container,
    syringes_per_pound, collected_estimated, note, moves_stock, ?, ?, ?, ?
  FROM field_entry_revisions WHERE entry_key = ? AND revision = ?`;

/** A revision's details, copied to the revision that replaces it. */
const detailCopies = [
  `INSERT INTO field_entry_lines (revision_key, line_no, item_key, units, lot_key, kit_version_key, doses_per_unit)
   SELECT ?, line_no, item_key, units, lot_key, kit_version_key, doses_per_unit FROM field_entry_lines WHERE revision_key = ?`,
  `INSERT INTO field_entry_services (revision_key, service_type_key)
   SELECT ?, service_type_key FROM field_entry_services WHERE revision_key = ?`,
  `INSERT INTO field_entry_reversals (revision_key, reversal_no, outcome, doses_used, note)
   SELECT ?, reversal_no, outcome, doses_used, note FROM field_entry_reversals WHERE revision_key = ?`,
  `INSERT INTO field_entry_unmet_requests (revision_key, request_no, item_key, reason, units)
   SELECT ?, request_no, item_key, reason, units FROM field_entry_unmet_requests WHERE revision_key = ?`,
];

/**
 * Files one entry on its instant's day: a new current revision, the same in all but its day and
 * its reason, and answers which revision replaced which (the figures move for all at once, in
 * `moveRevisions`). Everything else the revision was saved with stays, its factors and whether it
 * moved stock among them: re-filing changes when an entry counts, never what it holds.
 */
function refileEntry(
  { db, writer }: WriteScope,
  who: { deviceKey: number; staffKey: number },
  entry: Misfiled,
  reason: string,
): { from: number; to: number } {
  const previous = db
    .statement(
      `SELECT r.key, r.revision FROM field_entries e
       JOIN field_entry_revisions r ON r.entry_key = e.key AND r.revision = e.current_revision WHERE e.key = ?`,
    )
    .get(entry.key) as { key: number; revision: number };
  const now = db.nowMs();
  db.statement(
    `UPDATE field_entries SET current_revision = ?, current_local_date = ?, updated_ms = ? WHERE key = ?`,
  ).run(previous.revision + 1, entry.refiledOn, now, entry.key);
  db.statement(revisionCopy).run(
    newId(),
    entry.refiledOn,
    reason,
    who.deviceKey,
    who.staffKey,
    now,
    entry.key,
    previous.revision,
  );
  const revisionKey = insertedKey(db);
  for (const copy of detailCopies) db.statement(copy).run(revisionKey, previous.key);
  refileMovements(db, writer, {
    sourceKey: entry.key,
    fromRevisionKey: previous.key,
    toRevisionKey: revisionKey,
    localDate: entry.refiledOn,
  });
  // The item index keys entries by instant, which has not changed: it needs nothing.
  return { from: previous.key, to: revisionKey };
}

/** The reason each re-filed revision carries, in the words of a correction's reason. */
function reasonFor(summary: RefileSummary): string {
  const from = summary.previousTimeZone === null ? 'another time zone' : summary.previousTimeZone;
  return `Re-filed on its day in the program's time zone (${from} to ${summary.timeZone}).`;
}

function refile(scope: WriteScope, input: ParsedInput<'settings.refile'>) {
  const { db, writer } = scope;
  const timeZone = readSettings(db).time_zone;
  if (input.timeZone !== timeZone) throw new OutpostError('refile_time_zone_changed', { field: 'timeZone' });
  const misfiled = misfiledEntries(db, timeZone);
  const summary = summaryOf(db, timeZone, misfiled);
  if (misfiled.length === 0) return written(summary);
  if (closedMonthsAmong(db, monthsOf(misfiled)).length > 0) throw new OutpostError('refile_month_closed');
  const who = writerKeys(db, writer);
  const reason = reasonFor(summary);
  moveRevisions(
    db,
    misfiled.map((entry) => refileEntry(scope, who, entry, reason)),
  );
  return written(summary, {
    entity: 'program_settings',
    id: 'program',
    before: { filedIn: summary.previousTimeZone, ...spanOf(misfiled.map((entry) => entry.filedOn)) },
    after: {
      filedIn: timeZone,
      ...spanOf(misfiled.map((entry) => entry.refiledOn)),
      entries: summary.entries,
      encounters: summary.encounters,
      tallies: summary.tallies,
    },
  });
}

export const refileOperations: Operations<'settings.refilePreview' | 'settings.refile'> = {
  'settings.refilePreview': ({ db }) => previewRefile(db),
  'settings.refile': refile,
};
