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
 * puts within its reach.
 */
import type { Operations, ReadScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import { codeDistance, nearMatchLimit } from '../contract/participant-codes';
import type { DuplicateSide, LikelyDuplicate } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';
import { requireSite } from '../catalog/sites';
import { codesWithinReach } from './search';
import { lastVisitWithSupplies, visitCount } from './visits';

const defaultDuplicateLimit = 50;
/** The most edits a near match allows (a whole code): the tiers of distance the list goes through. */
const distances = [1, 2] as const;

interface Code {
  key: number;
  id: string;
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

  /** Site key -> last day seen there, from the group's days (one range of participant_site_days' key). */
  sitesOf(participantKey: number): Map<number, string> {
    let sites = this.sitesByKey.get(participantKey);
    if (!sites) {
      const rows = this.db
        .statement(
          `SELECT site_key AS siteKey, max(local_date) AS lastDay FROM participant_site_days
           WHERE participant_key = ? GROUP BY site_key`,
        )
        .all(participantKey) as { siteKey: number; lastDay: string }[];
      sites = new Map(rows.map((row) => [row.siteKey, row.lastDay]));
      this.sitesByKey.set(participantKey, sites);
    }
    return sites;
  }

  lastDayOf(participantKey: number): string {
    let last = '';
    for (const day of this.sitesOf(participantKey).values()) if (day > last) last = day;
    return last;
  }
}

/**
 * Canonical participants with a visit, newest day first (at `siteKey`, when given), walked back
 * through the days' date index (participant_site_days holds each group under its canonical
 * participant, so a merged code never comes up on its own).
 */
function* participantsNewestFirst(
  db: ReadableDatabase,
  siteKey: number | undefined,
): Generator<{ participantKey: number; day: string }> {
  const rows =
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
          .iterate(siteKey);
  yield* rows as Iterable<{ participantKey: number; day: string }>;
}

function currentCodes(db: ReadableDatabase, codes: readonly string[]): Code[] {
  return db
    .statement(
      `SELECT key, id, code FROM participants
       WHERE code IN (SELECT value FROM json_each(?)) AND merged_into_id IS NULL`,
    )
    .all(JSON.stringify(codes)) as Code[];
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
 * Up to `wanted` pairs exactly `distance` edits apart (more when the last day holds more), in
 * order. Each pair is found once, from its more recently seen code: a code already walked has
 * been measured against every code within its reach that was not.
 */
function pairsAt(
  db: ReadableDatabase,
  sightings: Sightings,
  distance: number,
  siteKey: number | undefined,
  wanted: number,
): Pair[] {
  const pairs: Pair[] = [];
  const walked = new Set<number>();
  let day: Pair[] = [];
  let currentDay: string | undefined;
  for (const { participantKey, day: seenOn } of participantsNewestFirst(db, siteKey)) {
    if (seenOn !== currentDay) {
      pairs.push(...day.sort(byLikelihood));
      if (pairs.length >= wanted) return pairs;
      day = [];
      currentDay = seenOn;
    }
    if (walked.has(participantKey)) continue;
    walked.add(participantKey);
    const [first] = db
      .statement('SELECT key, id, code FROM participants WHERE key = ? AND merged_into_id IS NULL')
      .all(participantKey) as Code[];
    if (!first || nearMatchLimit(first.code) < distance) continue;
    const firstSites = sightings.sitesOf(first.key);
    for (const second of currentCodes(db, codesWithinReach(db, first.code, distance))) {
      if (second.key === first.key || walked.has(second.key)) continue;
      // The shorter code's limit, so the pair is one a search finds from either code.
      const shorter = second.code.length < first.code.length ? second.code : first.code;
      if (nearMatchLimit(shorter) < distance || codeDistance(first.code, second.code, distance) !== distance) continue;
      const secondSites = sightings.sitesOf(second.key);
      const sharedSiteKeys = [...firstSites.keys()].filter((site) => secondSites.has(site));
      if (sharedSiteKeys.length === 0 || (siteKey !== undefined && !secondSites.has(siteKey))) continue;
      day.push({
        first,
        second,
        distance,
        sharedSiteKeys,
        firstDay: seenOn,
        secondDay: sightings.lastDayOf(second.key),
      });
    }
  }
  pairs.push(...day.sort(byLikelihood));
  return pairs;
}

function side(db: ReadableDatabase, code: Code): DuplicateSide {
  // A current code is its group's canonical participant: the group's visits are its visits.
  return {
    participantId: code.id,
    code: code.code,
    visits: visitCount(db, code.id),
    lastVisit: lastVisitWithSupplies(db, code.id),
  };
}

function listDuplicates({ db }: ReadScope, input: ParsedInput<'participants.duplicates'>): LikelyDuplicate[] {
  const limit = input.limit ?? defaultDuplicateLimit;
  const siteKey = input.siteId === undefined ? undefined : requireSite(db, input.siteId, 'siteId').key;
  const sightings = new Sightings(db);
  const pairs: Pair[] = [];
  for (const distance of distances) {
    if (pairs.length >= limit) break;
    pairs.push(...pairsAt(db, sightings, distance, siteKey, limit - pairs.length));
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
