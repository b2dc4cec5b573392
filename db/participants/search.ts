/** Finding a participant by the start of a code, or by a code a typo or two away. */
import type { Operations } from '../access/operations';
import type { ParsedInput } from '../contract';
import { codeDistance, nearMatchLimit } from '../contract/participant-codes';
import type { ParticipantSearchResult, VisitSummary } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';
import { lastVisitSummary } from './visits';

const defaultSearchLimit = 20;

type Match = { code: string; match: ParticipantSearchResult['match']; distance: number };

/** Every string up to `depth` deletions away from `text`, itself included. */
function deletions(text: string, depth: number): Set<string> {
  const found = new Set([text]);
  let frontier = [text];
  for (let level = 0; level < depth; level += 1) {
    const next: string[] = [];
    for (const variant of frontier) {
      for (let index = 0; index < variant.length; index += 1) {
        const shorter = variant.slice(0, index) + variant.slice(index + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Codes that may be up to `maxDistance` edits from `text` (itself included, when it is a code),
 * through the deletion index (0006): a code within reach is one of text's deletions, or shares a
 * deletion with it (each side losing at most maxDistance characters). A superset: the caller
 * measures each with codeDistance.
 */
export function codesWithinReach(db: ReadableDatabase, text: string, maxDistance: number): string[] {
  const variants = JSON.stringify([...deletions(text, maxDistance)]);
  return db
    .statement(
      `SELECT code FROM participants WHERE code IN (SELECT value FROM json_each(?))
       UNION SELECT code FROM participant_code_variants
       WHERE variant IN (SELECT value FROM json_each(?)) AND length(code) - length(variant) <= ?`,
    )
    .pluck()
    .all(variants, variants, maxDistance) as string[];
}

/**
 * The participants whose codes are within reach of `text`, as codesWithinReach finds them, each
 * once with its key (from the code index, without reading their rows).
 */
export function participantsWithinReach(
  db: ReadableDatabase,
  text: string,
  maxDistance: number,
): { key: number; code: string }[] {
  const variants = JSON.stringify([...deletions(text, maxDistance)]);
  const rows = db
    .statement(
      `SELECT key, code FROM participants WHERE code IN (SELECT value FROM json_each(?))
       UNION ALL SELECT p.key, p.code FROM participant_code_variants v JOIN participants p ON p.code = v.code
       WHERE v.variant IN (SELECT value FROM json_each(?)) AND length(v.code) - length(v.variant) <= ?`,
    )
    .all(variants, variants, maxDistance) as { key: number; code: string }[];
  // A code sharing several deletions with the text comes up once for each.
  return [...new Map(rows.map((row) => [row.key, row])).values()];
}

/**
 * Codes starting with the query (the exact one first, then shortest), then, if the page is not
 * full, codes a typo or two away (a swapped pair of digits counts as one). Both through indexes:
 * a range of the code index for the start, and for typos the deletion index (0006), looked up
 * under each deletion of the query, so only a handful of codes is ever measured.
 */
function matchingCodes(db: ReadableDatabase, query: string, limit: number): Match[] {
  // Codes hold only A-Z, 0-9 and "-", all below "~": every code starting with the query sorts below query + "~".
  const starting = db
    .statement(`SELECT code FROM participants WHERE code >= ? AND code < ? ORDER BY length(code), code LIMIT ?`)
    .pluck()
    .all(query, `${query}~`, limit) as string[];
  const matches: Match[] = starting.map((code) => ({
    code,
    match: code === query ? 'exact' : 'prefix',
    distance: code.length - query.length,
  }));
  if (matches.length >= limit) return matches;

  const maxDistance = nearMatchLimit(query);
  const near: Match[] = [];
  for (const code of codesWithinReach(db, query, maxDistance)) {
    if (code.startsWith(query)) continue;
    const distance = codeDistance(query, code, maxDistance);
    if (distance <= maxDistance) near.push({ code, match: 'near', distance });
  }
  near.sort((a, b) => a.distance - b.distance || (a.code < b.code ? -1 : 1));
  return [...matches, ...near.slice(0, limit - matches.length)];
}

function searchParticipants(
  { db }: { db: ReadableDatabase },
  input: ParsedInput<'participants.search'>,
): ParticipantSearchResult[] {
  const matches = matchingCodes(db, input.query, input.limit ?? defaultSearchLimit);
  if (matches.length === 0) return [];
  const rows = db.all(
    db.query
      .selectFrom('participants as p')
      .innerJoin('participants as c', 'c.id', 'p.canonical_id')
      .select(['p.id', 'p.code', 'p.canonical_id', 'c.code as canonicalCode'])
      .where(
        'p.code',
        'in',
        matches.map((match) => match.code),
      ),
  );
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const visits = new Map<string, VisitSummary | null>();
  return matches.flatMap((match) => {
    const row = byCode.get(match.code);
    if (!row) return [];
    if (!visits.has(row.canonical_id)) visits.set(row.canonical_id, lastVisitSummary(db, row.canonical_id));
    return [
      {
        participantId: row.id,
        code: row.code,
        canonicalCode: row.canonicalCode,
        match: match.match,
        distance: match.distance,
        lastVisit: visits.get(row.canonical_id) ?? null,
      },
    ];
  });
}

/** Whether `variant` is `code` with one or two characters deleted: a row the index should hold. */
function isDeletionOf(variant: string, code: string): boolean {
  const gap = code.length - variant.length;
  if (gap < 1 || gap > 2) return false;
  let at = 0;
  for (const character of code) if (at < variant.length && variant[at] === character) at += 1;
  return at === variant.length;
}

/**
 * How far the deletion index is from the codes: rows that are no deletion of a participant's code,
 * and deletions of a code it lacks. Every stored row is checked to be a deletion of its code, so
 * the rows held are among the rows due, and the shortfall in number is exactly what is missing:
 * one walk of each table and no lookup per variant. The codes are held in memory to tell a row
 * of an unknown code (one per participant, never the visits).
 */
export function checkCodeVariants(db: ReadableDatabase): { rows: number; mismatches: number } {
  const codes = new Set<string>();
  let due = 0;
  for (const code of db.statement('SELECT code FROM participants').pluck().iterate() as Iterable<string>) {
    codes.add(code);
    due += deletions(code, 2).size - 1;
  }
  let rows = 0;
  let valid = 0;
  const all = db.statement('SELECT variant, code FROM participant_code_variants').iterate() as Iterable<{
    variant: string;
    code: string;
  }>;
  for (const row of all) {
    rows += 1;
    if (codes.has(row.code) && isDeletionOf(row.variant, row.code)) valid += 1;
  }
  return { rows, mismatches: rows - valid + (due - valid) };
}

export const searchOperations: Operations<'participants.search'> = {
  'participants.search': searchParticipants,
};
