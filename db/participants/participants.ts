/**
 * Participants: anonymous codes only, never a name, birth date, address, phone or e-mail. The
 * answers a code is built from are never stored or logged, only the code.
 *
 * Two codes found to be the same person are merged: the "from" code points at the "into" code
 * (merged_into_id) and its whole group takes the into-code's canonical participant
 * (canonical_id, kept flat so reports group by it directly). Nothing is deleted: an unmerge is a
 * record of its own that puts the group back.
 */
import type { InferResult } from 'kysely';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../contract/envelope';
import {
  buildCodeInput,
  createParticipantInput,
  getParticipantInput,
  listMergesInput,
  mergeParticipantsInput,
  searchParticipantsInput,
  unmergeParticipantsInput,
  type BuildCodeInput,
  type BuiltCode,
  type CreatedParticipant,
  type CreateParticipantInput,
  type GetParticipantInput,
  type LastVisit,
  type ListMergesInput,
  type MergeParticipantsInput,
  type Participant,
  type ParticipantMerge,
  type ParticipantSearchResult,
  type SearchParticipantsInput,
  type UnmergeParticipantsInput,
  type VisitSummary,
} from '../contract/participants';
import { parseOrThrow } from '../contract/validation';
import type { OutpostDatabase } from '../platform/database';
import { OutpostError } from '../contract/errors';
import { writerOf, type HandlerMap } from '../runtime/operations';
import { newId } from '../platform/ids';
import {
  buildParticipantCode,
  codeDistance,
  codeSuffixes,
  maxCodeLength,
  nearMatchLimit,
} from '../contract/participant-codes';
import { rebuildParticipantDays } from '../reports/rollups';
import type { ParticipantCodeFormula, ParticipantRow, StaffRole } from '../platform/schema';
import { readSettings } from '../settings/settings';
import { fieldRoles, requireActiveStaff, requireRole, type Writer } from '../access/roles';

/** Merging decides whose history is whose: coordinators and admins, not every worker. */
export const mergeRoles: readonly StaffRole[] = ['admin', 'coordinator'];

const defaultSearchLimit = 20;
const defaultMergeListLimit = 100;

/**
 * The participant a field entry refers to by code: the existing one, or a new participant created
 * with that code (first visit). Call inside the entry's transaction.
 */
export function resolveParticipantCode(
  db: OutpostDatabase,
  writer: Writer,
  code: string,
  formula: ParticipantCodeFormula = 'free',
): ParticipantRow {
  return findByCode(db, code) ?? insertParticipant(db, writer, code, formula);
}

function insertParticipant(
  db: OutpostDatabase,
  writer: Writer,
  code: string,
  formula: ParticipantCodeFormula,
): ParticipantRow {
  const now = db.nowIso();
  const id = newId();
  const row: ParticipantRow = {
    id,
    code,
    formula,
    merged_into_id: null,
    canonical_id: id,
    first_seen_on: null,
    first_seen_site_id: null,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('participants', row);
  appendAudit(db, writer, {
    action: 'participants.create',
    entityType: 'participant',
    entityId: id,
    after: { code, formula },
  });
  return row;
}

/** Codes are personal data: reading them needs a field role, as writing them does. */
function requireReader(db: OutpostDatabase, actor: Actor): void {
  const staff = requireActiveStaff(db, actor.staffId);
  if (!fieldRoles.includes(staff.role)) throw new OutpostError('not_permitted');
}

function findByCode(db: OutpostDatabase, code: string): ParticipantRow | undefined {
  return db.first(db.query.selectFrom('participants').selectAll().where('code', '=', code));
}

function findById(db: OutpostDatabase, id: string): ParticipantRow | undefined {
  return db.first(db.query.selectFrom('participants').selectAll().where('id', '=', id));
}

function requireParticipant(row: ParticipantRow | undefined, field: string): ParticipantRow {
  if (!row) throw new OutpostError('participant_not_found', { field });
  return row;
}

function codeOfId(db: OutpostDatabase, id: string): string {
  return requireParticipant(findById(db, id), 'id').code;
}

// ---------------------------------------------------------------------------------------------
// Visits of a group

function latestVisit(db: OutpostDatabase, canonicalId: string) {
  return db.first(
    db.query
      .selectFrom('current_revisions as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .innerJoin('sites as s', 's.id', 'r.site_id')
      .select([
        'r.id as revisionId',
        'r.entry_id as entryId',
        'r.occurred_at as occurredAt',
        'r.site_id as siteId',
        's.name as siteName',
      ])
      .where('p.canonical_id', '=', canonicalId)
      .where('r.kind', '=', 'encounter')
      .orderBy('r.occurred_at', 'desc')
      .orderBy('r.entry_id', 'desc')
      .limit(1),
  );
}

function lastVisitSummary(db: OutpostDatabase, canonicalId: string): VisitSummary | null {
  const visit = latestVisit(db, canonicalId);
  return visit ? { occurredAt: visit.occurredAt, siteName: visit.siteName } : null;
}

function lastVisitWithSupplies(db: OutpostDatabase, canonicalId: string): LastVisit | null {
  const visit = latestVisit(db, canonicalId);
  if (!visit) return null;
  const lines = db.all(
    db.query
      .selectFrom('field_entry_lines as l')
      .innerJoin('items as i', 'i.id', 'l.item_id')
      .select(['l.item_id as itemId', 'i.name as itemName', 'l.units as quantity'])
      .where('l.revision_id', '=', visit.revisionId)
      .orderBy('l.line_no'),
  );
  return {
    entryId: visit.entryId,
    occurredAt: visit.occurredAt,
    siteId: visit.siteId,
    siteName: visit.siteName,
    lines,
  };
}

function visitCount(db: OutpostDatabase, canonicalId: string): number {
  const row = db.first(
    db.query
      .selectFrom('current_revisions as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .select((select) => select.fn.countAll<number>().as('visits'))
      .where('p.canonical_id', '=', canonicalId)
      .where('r.kind', '=', 'encounter'),
  );
  return row?.visits ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Building and creating codes

/** The code for the answers, and who has it already (so the worker can ask "same person?"). */
export function buildCode(db: OutpostDatabase, actor: Actor, rawInput: BuildCodeInput): BuiltCode {
  const input = parseOrThrow(buildCodeInput, rawInput);
  requireReader(db, actor);
  const formula = input.formula ?? readSettings(db).participant_code_formula;
  const code = buildParticipantCode(formula, input.answers);
  const holder = findByCode(db, code);
  const existing = holder
    ? {
        participantId: holder.id,
        code: holder.code,
        canonicalCode: codeOfId(db, holder.canonical_id),
        lastVisit: lastVisitSummary(db, holder.canonical_id),
      }
    : null;
  return { code, formula, existing };
}

/** A new participant with `code`; when it is taken by someone else, with the first free suffix. */
export function createParticipant(
  db: OutpostDatabase,
  writer: Writer,
  rawInput: CreateParticipantInput,
): CreatedParticipant {
  const input = parseOrThrow(createParticipantInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, fieldRoles);
    const formula = input.formula ?? readSettings(db).participant_code_formula;
    let suffix: string | null = null;
    if (findByCode(db, input.code)) {
      if (!input.addSuffix) throw new OutpostError('participant_code_taken', { field: 'code' });
      suffix = firstFreeSuffix(db, input.code);
    }
    const row = insertParticipant(db, writer, input.code + (suffix ?? ''), formula);
    return { participantId: row.id, code: row.code, formula, suffix };
  });
}

function codesStartingWith(db: OutpostDatabase, prefix: string): Set<string> {
  // Codes use only A-Z, 0-9 and '-', all below '~': this range is "starts with", on the unique index.
  const rows = db.all(
    db.query.selectFrom('participants').select('code').where('code', '>=', prefix).where('code', '<', `${prefix}~`),
  );
  return new Set(rows.map((row) => row.code));
}

function firstFreeSuffix(db: OutpostDatabase, code: string): string {
  const taken = codesStartingWith(db, code);
  for (const suffix of codeSuffixes()) {
    if (code.length + suffix.length > maxCodeLength)
      throw new OutpostError('participant_code_too_long', { field: 'code' });
    if (!taken.has(code + suffix)) return suffix;
  }
  throw new OutpostError('participant_suffixes_used_up', { field: 'code' });
}

// ---------------------------------------------------------------------------------------------
// Search

type Match = { code: string; match: ParticipantSearchResult['match']; distance: number };
const matchOrder: Record<Match['match'], number> = { exact: 0, prefix: 1, near: 2 };

/**
 * Codes starting with the query, then codes a typo or two away (a swapped pair of digits counts
 * as one). One pass over every code in memory: tens of thousands take milliseconds.
 */
function matchingCodes(db: OutpostDatabase, query: string): Match[] {
  const maxDistance = nearMatchLimit(query);
  const codes = db.sqlite.prepare('SELECT code FROM participants').pluck().all() as string[];
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

export function searchParticipants(
  db: OutpostDatabase,
  actor: Actor,
  rawInput: SearchParticipantsInput,
): ParticipantSearchResult[] {
  const input = parseOrThrow(searchParticipantsInput, rawInput);
  requireReader(db, actor);
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

// ---------------------------------------------------------------------------------------------
// One participant

export function getParticipant(db: OutpostDatabase, actor: Actor, rawInput: GetParticipantInput): Participant {
  const input = parseOrThrow(getParticipantInput, rawInput);
  requireReader(db, actor);
  const row =
    input.id === undefined
      ? requireParticipant(findByCode(db, input.code ?? ''), 'code')
      : requireParticipant(findById(db, input.id), 'id');
  const canonical = requireParticipant(findById(db, row.canonical_id), 'id');
  const firstSeenSite =
    canonical.first_seen_site_id === null
      ? undefined
      : db.first(db.query.selectFrom('sites').select('name').where('id', '=', canonical.first_seen_site_id));
  const members = db.all(
    db.query
      .selectFrom('participants')
      .select('code')
      .where('canonical_id', '=', canonical.id)
      .where('id', '<>', canonical.id)
      .orderBy('code'),
  );
  return {
    participantId: row.id,
    code: row.code,
    formula: row.formula,
    canonicalId: canonical.id,
    canonicalCode: canonical.code,
    mergedIntoCode: row.merged_into_id === null ? null : codeOfId(db, row.merged_into_id),
    firstSeenOn: canonical.first_seen_on,
    firstSeenSiteName: firstSeenSite?.name ?? null,
    lastVisit: lastVisitWithSupplies(db, canonical.id),
    visits: visitCount(db, canonical.id),
    members: members.map((member) => member.code),
  };
}

// ---------------------------------------------------------------------------------------------
// Merges

const subtreeSql = `WITH RECURSIVE subtree(id) AS (
    SELECT ? UNION SELECT p.id FROM participants p JOIN subtree s ON p.merged_into_id = s.id)`;

/** `rootId` and every code merged into it, directly or through others. */
function subtreeIds(db: OutpostDatabase, rootId: string): string[] {
  return db.sqlite.prepare(`${subtreeSql} SELECT id FROM subtree`).pluck().all(rootId) as string[];
}

function setCanonicalOfSubtree(db: OutpostDatabase, rootId: string, canonicalId: string): void {
  db.sqlite
    .prepare(
      `${subtreeSql} UPDATE participants SET canonical_id = ?, updated_at = ? WHERE id IN (SELECT id FROM subtree)`,
    )
    .run(rootId, canonicalId, db.nowIso());
}

/** What a merge or unmerge changes, for the audit log. */
function groupState(db: OutpostDatabase, ids: readonly string[]) {
  return db
    .all(
      db.query
        .selectFrom('participants')
        .select(['id', 'code', 'merged_into_id', 'canonical_id', 'first_seen_on', 'first_seen_site_id'])
        .where('id', 'in', [...ids])
        .orderBy('id'),
    )
    .map((row) => ({
      id: row.id,
      code: row.code,
      mergedIntoId: row.merged_into_id,
      canonicalId: row.canonical_id,
      firstSeenOn: row.first_seen_on,
      firstSeenSiteId: row.first_seen_site_id,
    }));
}

function insertMergeRecord(
  db: OutpostDatabase,
  writer: Writer,
  record: { kind: 'merge' | 'unmerge'; fromId: string; intoId: string; undoesMergeId: string | null; reason: string },
): string {
  const id = newId();
  db.insert('participant_merges', {
    id,
    kind: record.kind,
    from_participant_id: record.fromId,
    into_participant_id: record.intoId,
    undoes_merge_id: record.undoesMergeId,
    reason: record.reason,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  });
  return id;
}

/** "fromCode was the same person as intoCode": fromCode's group joins intoCode's. */
export function mergeParticipants(
  db: OutpostDatabase,
  writer: Writer,
  rawInput: MergeParticipantsInput,
): ParticipantMerge {
  const input = parseOrThrow(mergeParticipantsInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, mergeRoles);
    const from = requireParticipant(findByCode(db, input.fromCode), 'fromCode');
    const into = requireParticipant(findByCode(db, input.intoCode), 'intoCode');
    if (from.id === into.id) throw new OutpostError('participant_merge_same', { field: 'intoCode' });
    if (from.merged_into_id !== null) throw new OutpostError('participant_already_merged', { field: 'fromCode' });
    // From is canonical, so its group is everyone whose canonical participant it is.
    if (into.canonical_id === from.id) throw new OutpostError('participant_merge_circular', { field: 'intoCode' });

    const newCanonicalId = into.canonical_id;
    const touched = [...subtreeIds(db, from.id), newCanonicalId];
    const before = groupState(db, touched);
    db.run(
      db.query
        .updateTable('participants')
        .set({ merged_into_id: into.id, updated_at: db.nowIso() })
        .where('id', '=', from.id),
    );
    setCanonicalOfSubtree(db, from.id, newCanonicalId);
    const mergeId = insertMergeRecord(db, writer, {
      kind: 'merge',
      fromId: from.id,
      intoId: into.id,
      undoesMergeId: null,
      reason: input.reason,
    });
    rebuildParticipantDays(db, [from.id, newCanonicalId]);
    appendAudit(db, writer, {
      action: 'participants.merge',
      entityType: 'participant',
      entityId: from.id,
      before: { participants: before },
      after: { mergeId, reason: input.reason, participants: groupState(db, touched) },
    });
    return mergeRecord(db, mergeId);
  });
}

/** Undoes one merge: the from-code and everything merged into it become their own group again. */
export function unmergeParticipants(
  db: OutpostDatabase,
  writer: Writer,
  rawInput: UnmergeParticipantsInput,
): ParticipantMerge {
  const input = parseOrThrow(unmergeParticipantsInput, rawInput);
  return db.transaction(() => {
    requireRole(db, writer, mergeRoles);
    const merge = db.first(db.query.selectFrom('participant_merges').selectAll().where('id', '=', input.mergeId));
    if (!merge || merge.kind !== 'merge') throw new OutpostError('merge_not_found', { field: 'mergeId' });
    const undone = db.first(
      db.query.selectFrom('participant_merges').select('id').where('undoes_merge_id', '=', merge.id),
    );
    if (undone) throw new OutpostError('merge_already_undone', { field: 'mergeId' });
    const latest = db.first(
      db.query
        .selectFrom('participant_merges')
        .select('id')
        .where('from_participant_id', '=', merge.from_participant_id)
        .where('kind', '=', 'merge')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
    if (latest?.id !== merge.id) throw new OutpostError('merge_not_latest', { field: 'mergeId' });
    const from = requireParticipant(findById(db, merge.from_participant_id), 'mergeId');
    if (from.merged_into_id !== merge.into_participant_id) {
      throw new Error(`Participant ${from.id} is not merged as merge ${merge.id} says.`);
    }

    const oldCanonicalId = from.canonical_id;
    const touched = [...subtreeIds(db, from.id), oldCanonicalId];
    const before = groupState(db, touched);
    db.run(
      db.query
        .updateTable('participants')
        .set({ merged_into_id: null, updated_at: db.nowIso() })
        .where('id', '=', from.id),
    );
    setCanonicalOfSubtree(db, from.id, from.id);
    const unmergeId = insertMergeRecord(db, writer, {
      kind: 'unmerge',
      fromId: merge.from_participant_id,
      intoId: merge.into_participant_id,
      undoesMergeId: merge.id,
      reason: input.reason,
    });
    rebuildParticipantDays(db, [oldCanonicalId, from.id]);
    appendAudit(db, writer, {
      action: 'participants.unmerge',
      entityType: 'participant',
      entityId: from.id,
      before: { participants: before },
      after: {
        mergeId: unmergeId,
        undoesMergeId: merge.id,
        reason: input.reason,
        participants: groupState(db, touched),
      },
    });
    return mergeRecord(db, unmergeId);
  });
}

function mergeRecordsQuery(db: OutpostDatabase) {
  return db.query
    .selectFrom('participant_merges as m')
    .innerJoin('participants as f', 'f.id', 'm.from_participant_id')
    .innerJoin('participants as i', 'i.id', 'm.into_participant_id')
    .innerJoin('staff as s', 's.id', 'm.created_by')
    .select((select) => [
      'm.id',
      'm.kind',
      'm.from_participant_id',
      'f.code as from_code',
      'm.into_participant_id',
      'i.code as into_code',
      'm.reason',
      'm.undoes_merge_id',
      'm.created_at',
      's.display_name',
      select
        .selectFrom('participant_merges as u')
        .select('u.id')
        .whereRef('u.undoes_merge_id', '=', 'm.id')
        .as('undone_by_id'),
    ]);
}

type MergeRecordRow = InferResult<ReturnType<typeof mergeRecordsQuery>>[number];

function toMerge(row: MergeRecordRow): ParticipantMerge {
  return {
    mergeId: row.id,
    kind: row.kind,
    fromParticipantId: row.from_participant_id,
    fromCode: row.from_code,
    intoParticipantId: row.into_participant_id,
    intoCode: row.into_code,
    reason: row.reason,
    undoesMergeId: row.undoes_merge_id,
    undoneById: row.undone_by_id,
    createdAt: row.created_at,
    createdBy: row.display_name,
  };
}

function mergeRecord(db: OutpostDatabase, id: string): ParticipantMerge {
  const row = db.first(mergeRecordsQuery(db).where('m.id', '=', id));
  if (!row) throw new OutpostError('merge_not_found', { field: 'mergeId' });
  return toMerge(row);
}

/** Merges and unmerges, newest first; with a code, those where it is either side. */
export function listMerges(db: OutpostDatabase, actor: Actor, rawInput: ListMergesInput = {}): ParticipantMerge[] {
  const input = parseOrThrow(listMergesInput, rawInput);
  requireReader(db, actor);
  let query = mergeRecordsQuery(db)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(input.limit ?? defaultMergeListLimit);
  if (input.code !== undefined) {
    const participant = requireParticipant(findByCode(db, input.code), 'code');
    query = query.where((where) =>
      where.or([
        where('m.from_participant_id', '=', participant.id),
        where('m.into_participant_id', '=', participant.id),
      ]),
    );
  }
  return db.all(query).map(toMerge);
}

export const participantHandlers: HandlerMap<
  | 'participants.buildCode'
  | 'participants.create'
  | 'participants.search'
  | 'participants.get'
  | 'participants.merge'
  | 'participants.unmerge'
  | 'participants.merges'
> = {
  'participants.buildCode': (context, input, actor) => buildCode(context.db, actor, input),
  'participants.create': (context, input, actor) => createParticipant(context.db, writerOf(context, actor), input),
  'participants.search': (context, input, actor) => searchParticipants(context.db, actor, input),
  'participants.get': (context, input, actor) => getParticipant(context.db, actor, input),
  'participants.merge': (context, input, actor) => mergeParticipants(context.db, writerOf(context, actor), input),
  'participants.unmerge': (context, input, actor) => unmergeParticipants(context.db, writerOf(context, actor), input),
  'participants.merges': (context, input, actor) => listMerges(context.db, actor, input),
};
