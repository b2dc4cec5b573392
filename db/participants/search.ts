/** Finding a participant by the start of a code, or by a code a typo or two away. */
import type { Operations } from '../access/operations';
import type { ParsedInput } from '../contract';
import { codeDistance, nearMatchLimit } from '../contract/participant-codes';
import type { ParticipantSearchResult, VisitSummary } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';
import { lastVisitSummary } from './visits';

const defaultSearchLimit = 20;

type Match = { code: string; match: ParticipantSearchResult['match']; distance: number };
const matchOrder: Record<Match['match'], number> = { exact: 0, prefix: 1, near: 2 };

/**
 * Codes starting with the query, then codes a typo or two away (a swapped pair of digits counts
 * as one). One pass over every code in memory: tens of thousands take milliseconds.
 */
function matchingCodes(db: ReadableDatabase, query: string): Match[] {
  const maxDistance = nearMatchLimit(query);
  const codes = db.statement('SELECT code FROM participants').pluck().all() as string[];
  const matches: Match[] = [];
  for (const code of codes) {
    if (code.startsWith(query)) {
      matches.push({
        code,
        match: code.length === query.length ? 'exact' : 'prefix',
        distance: code.length - query.length,
      });
      continue;
    }
    const distance = codeDistance(query, code, maxDistance);
    if (distance <= maxDistance) matches.push({ code, match: 'near', distance });
  }
  return matches.sort(
    (a, b) => matchOrder[a.match] - matchOrder[b.match] || a.distance - b.distance || (a.code < b.code ? -1 : 1),
  );
}

function searchParticipants(
  { db }: { db: ReadableDatabase },
  input: ParsedInput<'participants.search'>,
): ParticipantSearchResult[] {
  const matches = matchingCodes(db, input.query).slice(0, input.limit ?? defaultSearchLimit);
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

export const searchOperations: Operations<'participants.search'> = {
  'participants.search': searchParticipants,
};
