/**
 * Likely duplicates: two codes that may be one person (MA0758 typed for MA0785), offered to a
 * coordinator to merge. A pair is two current codes (neither merged into another, so two
 * different people as the figures count them) that are near matches as the search finds them,
 * and that have visits at a same site.
 *
 * Most likely first: fewer edits first (a swapped pair or one typo is a likelier slip than two),
 * then the pair whose more recent code was seen on a later day (that person is still coming in,
 * staff can ask them, and it is this month's figures the second code inflates), then more sites
 * in common, then the other code's later last visit. That order lets the list be read from the
 * newest visits back, one day at a time, and stop once a day fills the page: a page never needs
 * every pair in the program, and each code is measured only against the codes the deletion index
 * puts within its reach. Within a day, visitors with more sites go first, and the day is left once
 * no visitor still to come could share as many sites as the pairs already filling the page.
 */
import type { Operations, ReadScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import { codeDistance, nearMatchLimit } from '../contract/participant-codes';
import type { DuplicateSide, LikelyDuplicate } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';
import { requireSite } from '../catalog/sites';
import { participantsWithinReach } from './search';
import { lastVisitWithSupplies, visitCount } from './visits';

const defaultDuplicateLimit = 50;
/** The most edits a near match allows (a whole code): the tiers of distance the list goes through. */
const distances = [1, 2] as const;

interface Code {
  key: number;
  code: string;
}

interface Pair {
  first: Code;
  second: Code;
  distance: number;
  sharedSiteKeys: number[];
  /** The last day each code was seen, at any site (or at the filtered site, for the first). */
  firstDay: string;
  secondDay: string;
}

/** What is read once per call: each code's sites with its last day there, by participant key. */
class Sightings {
  private readonly sitesByKey = new Map<number, Map<number, string>>();

  constructor(private readonly db: ReadableDatabase) {}

  /**
   * Reads the sites of those of `participantKeys` not read yet, in one statement: one range of
   * participant_site_days' key for each.
   */
  load(participantKeys: readonly number[]): void {
    const missing = participantKeys.filter((key) => !this.sitesByKey.has(key));
    if (missing.length === 0) return;
    for (const key of missing) this.sitesByKey.set(key, new Map());
    const rows = this.db
      .statement(
        `SELECT participant_key, site_key, max(local_date) FROM participant_site_days
         WHERE participant_key IN (SELECT value FROM json_each(?)) GROUP BY participant_key, site_key`,
      )
      .raw()
      .iterate(JSON.stringify(missing)) as Iterable<[number, number, string]>;
    for (const [participantKey, siteKey, lastDay] of rows) this.sitesByKey.get(participantKey)!.set(siteKey, lastDay);
  }

  /** Site key -> last day seen there, in the order of site keys. */
  sitesOf(participantKey: number): Map<number, string> {
    this.load([participantKey]);
    return this.sitesByKey.get(participantKey)!;
  }

  lastDayOf(participantKey: number): string {
    let last = '';
    for (const day of this.sitesOf(participantKey).values()) if (day > last) last = day;
    return last;
  }
}

/**
 * Canonical participants with a visit, a day at a time, newest day first (at `siteKey`, when
 * given), each day's in the order the days' date index holds them (participant_site_days holds
 * each group under its canonical participant, so a merged code never comes up on its own).
 */
function* daysNewestFirst(
  db: ReadableDatabase,
  siteKey: number | undefined,
): Generator<{ day: string; participantKeys: number[] }> {
  const rows = (
    siteKey === undefined
      ? db
          .statement(
            `SELECT participant_key AS participantKey, local_date AS day
             FROM participant_site_days INDEXED BY participant_site_days_by_date
             ORDER BY local_date DESC, site_key DESC, participant_key DESC`,
          )
          .iterate()
      : db
          .statement(
            `SELECT participant_key AS participantKey, local_date AS day
             FROM participant_site_days INDEXED BY participant_site_days_by_date WHERE site_key = ?
             ORDER BY local_date DESC, site_key DESC, participant_key DESC`,
          )
          .iterate(siteKey)
  ) as Iterable<{ participantKey: number; day: string }>;
  let current: { day: string; participantKeys: number[] } | undefined;
  for (const { participantKey, day } of rows) {
    if (current?.day !== day) {
      if (current) yield current;
      current = { day, participantKeys: [] };
    }
    current.participantKeys.push(participantKey);
  }
  if (current) yield current;
}

function byLikelihood(a: Pair, b: Pair): number {
  return (
    b.sharedSiteKeys.length - a.sharedSiteKeys.length ||
    (a.secondDay === b.secondDay ? 0 : a.secondDay > b.secondDay ? -1 : 1) ||
    (a.first.code < b.first.code ? -1 : a.first.code > b.first.code ? 1 : 0) ||
    (a.second.code < b.second.code ? -1 : 1)
  );
}

/**
 * The fewest sites in common a pair of this day may have and still be among the `wanted` first:
 * that of the `wanted`-th most shared of the pairs found so far (0 until there are that many).
 */
function sharedSitesNeeded(pairsBySharedSites: readonly number[], wanted: number): number {
  let atLeast = 0;
  for (let shared = pairsBySharedSites.length - 1; shared > 0; shared -= 1) {
    atLeast += pairsBySharedSites[shared] ?? 0;
    if (atLeast >= wanted) return shared;
  }
  return 0;
}

interface PairSearch {
  db: ReadableDatabase;
  sightings: Sightings;
  merged: ReadonlySet<number>;
  distance: number;
  siteKey: number | undefined;
}

/**
 * Which of `siteKeys` each of `participantKeys` was seen at, for those seen at `needed` of them or
 * more: a site at a time, one seek of participant_site_days' key for each participant still able
 * to reach `needed`.
 */
function sitesSeenAt(
  db: ReadableDatabase,
  participantKeys: readonly number[],
  siteKeys: readonly number[],
  needed: number,
): Map<number, number[]> {
  const seen = new Map(participantKeys.map((key) => [key, [] as number[]]));
  siteKeys.forEach((siteKey, index) => {
    const left = siteKeys.length - index;
    for (const [key, sites] of seen) if (sites.length + left < needed) seen.delete(key);
    if (seen.size === 0) return;
    const seenHere = db
      .statement(
        `SELECT value FROM json_each(?)
         WHERE EXISTS (SELECT 1 FROM participant_site_days WHERE participant_key = value AND site_key = ?)`,
      )
      .pluck()
      .all(JSON.stringify([...seen.keys()]), siteKey) as number[];
    for (const key of seenHere) seen.get(key)!.push(siteKey);
  });
  for (const [key, sites] of seen) if (sites.length < needed) seen.delete(key);
  return seen;
}

/**
 * The pairs a day's visitors make, found from the code walked first (the day's order in the date
 * index): each pair once, and never with a code walked on a later day, which was measured
 * against every code within its reach then. A pair has no more sites in common than either code
 * has sites, so the visitors are taken most sites first, and once the day holds `wanted` pairs
 * sharing more sites than the next visitor has, the rest of the day could only come after them.
 * The pairs returned are those that may be among the first `wanted`, not all of the day's: the
 * other code's last day, which orders pairs sharing as many sites, is read for those alone.
 */
function pairsOfDay(
  search: PairSearch,
  day: string,
  participantKeys: readonly number[],
  walked: Set<number>,
  wanted: number,
): Pair[] {
  const { db, sightings, merged, distance, siteKey } = search;
  const walkedAt = new Map<number, number>();
  for (const key of participantKeys) if (!walked.has(key) && !walkedAt.has(key)) walkedAt.set(key, walkedAt.size);
  const visitors = (
    db
      .statement(`SELECT key, code FROM participants WHERE key IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify([...walkedAt.keys()])) as Code[]
  ).filter((visitor) => !merged.has(visitor.key) && nearMatchLimit(visitor.code) >= distance);
  sightings.load(visitors.map((visitor) => visitor.key));
  const siteCount = (visitor: Code) => sightings.sitesOf(visitor.key).size;
  visitors.sort((a, b) => siteCount(b) - siteCount(a) || walkedAt.get(a.key)! - walkedAt.get(b.key)!);

  const found: Omit<Pair, 'secondDay'>[] = [];
  const pairsBySharedSites: number[] = [];
  let needed = 0;
  for (const first of visitors) {
    if (siteCount(first) < needed) break;
    const firstAt = walkedAt.get(first.key)!;
    const seconds = participantsWithinReach(db, first.code, distance).filter((second) => {
      if (merged.has(second.key) || walked.has(second.key)) return false;
      const secondAt = walkedAt.get(second.key);
      if (secondAt !== undefined && secondAt < firstAt) return false;
      // The shorter code's limit, so the pair is one a search finds from either code.
      const shorter = second.code.length < first.code.length ? second.code : first.code;
      return nearMatchLimit(shorter) >= distance && codeDistance(first.code, second.code, distance) === distance;
    });
    if (seconds.length === 0) continue;
    const shared = sitesSeenAt(
      db,
      seconds.map((second) => second.key),
      [...sightings.sitesOf(first.key).keys()],
      Math.max(needed, 1),
    );
    for (const second of seconds) {
      const sharedSiteKeys = shared.get(second.key);
      if (!sharedSiteKeys || sharedSiteKeys.length < needed) continue;
      if (siteKey !== undefined && !sharedSiteKeys.includes(siteKey)) continue;
      found.push({ first, second, distance, sharedSiteKeys, firstDay: day });
      pairsBySharedSites[sharedSiteKeys.length] = (pairsBySharedSites[sharedSiteKeys.length] ?? 0) + 1;
      needed = sharedSitesNeeded(pairsBySharedSites, wanted);
    }
  }
  for (const key of walkedAt.keys()) walked.add(key);
  const candidates = found.filter((pair) => pair.sharedSiteKeys.length >= needed);
  sightings.load(candidates.map((pair) => pair.second.key));
  return candidates.map((pair) => ({ ...pair, secondDay: sightings.lastDayOf(pair.second.key) })).sort(byLikelihood);
}

/**
 * Up to `wanted` pairs exactly `distance` edits apart (more when the last day holds more), in
 * order, read from the newest day back and stopped once a day fills the page.
 */
function pairsAt(search: PairSearch, wanted: number): Pair[] {
  const pairs: Pair[] = [];
  const walked = new Set<number>();
  for (const { day, participantKeys } of daysNewestFirst(search.db, search.siteKey)) {
    pairs.push(...pairsOfDay(search, day, participantKeys, walked, wanted - pairs.length));
    if (pairs.length >= wanted) return pairs;
  }
  return pairs;
}

function side(db: ReadableDatabase, code: Code): DuplicateSide {
  const id = db.statement('SELECT id FROM participants WHERE key = ?').pluck().get(code.key) as string;
  // A current code is its group's canonical participant: the group's visits are its visits.
  return {
    participantId: id,
    code: code.code,
    visits: visitCount(db, id),
    lastVisit: lastVisitWithSupplies(db, id),
  };
}

function listDuplicates({ db }: ReadScope, input: ParsedInput<'participants.duplicates'>): LikelyDuplicate[] {
  const limit = input.limit ?? defaultDuplicateLimit;
  const siteKey = input.siteId === undefined ? undefined : requireSite(db, input.siteId, 'siteId').key;
  // Few codes are ever merged: held in memory, the code index alone tells a current code.
  const merged = new Set(
    db.statement('SELECT key FROM participants WHERE merged_into_id IS NOT NULL').pluck().all() as number[],
  );
  const sightings = new Sightings(db);
  const pairs: Pair[] = [];
  for (const distance of distances) {
    if (pairs.length >= limit) break;
    pairs.push(...pairsAt({ db, sightings, merged, distance, siteKey }, limit - pairs.length));
  }
  const sites = new Map(
    (db.statement('SELECT key, id, name FROM sites').all() as { key: number; id: string; name: string }[]).map(
      (site) => [site.key, site],
    ),
  );
  return pairs.slice(0, limit).map((pair) => ({
    first: side(db, pair.first),
    second: side(db, pair.second),
    distance: pair.distance,
    sharedSites: pair.sharedSiteKeys
      .map((key) => ({ siteId: sites.get(key)!.id, siteName: sites.get(key)!.name }))
      .sort((a, b) => a.siteName.localeCompare(b.siteName)),
  }));
}

export const duplicateOperations: Operations<'participants.duplicates'> = {
  'participants.duplicates': listDuplicates,
};
