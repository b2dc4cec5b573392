/**
 * Merges: two codes found to be the same person. The "from" code points at the "into" code
 * (merged_into_id) and its whole group takes the into-code's canonical participant
 * (canonical_id, kept flat so reports group by it directly). Nothing is deleted: an unmerge is a
 * record of its own that puts the group back. Each participant a merge touches is audited with
 * its own before and after.
 */
import type { InferResult } from 'kysely';
import type { Operations, RecordChange, Writer, WriteScope, Written } from '../access/operations';
import type { ParsedInput } from '../contract';
import { OutpostError } from '../contract/errors';
import type { ParticipantMerge } from '../contract/participants';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import type { ParticipantRow } from '../platform/schema';
import { newId } from '../platform/ids';
import { rebuildParticipantDays } from '../reports/rollups';
import { findByCode, findById, requireParticipant } from './codes';

const defaultMergeListLimit = 100;

const subtreeSql = `WITH RECURSIVE subtree(id) AS (
    SELECT ? UNION SELECT p.id FROM participants p JOIN subtree s ON p.merged_into_id = s.id)`;

/** `rootId` and every code merged into it, directly or through others. */
function subtreeIds(db: ReadableDatabase, rootId: string): string[] {
  return db.statement(`${subtreeSql} SELECT id FROM subtree`).pluck().all(rootId) as string[];
}

function setCanonicalOfSubtree(db: WritableDatabase, rootId: string, canonicalId: string): void {
  db.statement(
    `${subtreeSql} UPDATE participants SET canonical_id = ?, updated_at = ? WHERE id IN (SELECT id FROM subtree)`,
  ).run(rootId, canonicalId, db.nowIso());
}

/** The merge state of each participant in `ids`, by id: what a merge or unmerge changes. */
function groupState(db: ReadableDatabase, ids: readonly string[]) {
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

/** One change per participant the merge or unmerge touched, each with its own before and after. */
function participantChanges(
  before: ReturnType<typeof groupState>,
  after: ReturnType<typeof groupState>,
): RecordChange[] {
  const afterById = new Map(after.map((state) => [state.id, state]));
  return before.map((state) => ({
    entity: 'participant',
    id: state.id,
    before: state,
    after: afterById.get(state.id),
  }));
}

interface MergeRecordInput {
  kind: 'merge' | 'unmerge';
  fromId: string;
  intoId: string;
  undoesMergeId: string | null;
  reason: string;
}

function insertMergeRecord(db: WritableDatabase, writer: Writer, record: MergeRecordInput): string {
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
function mergeParticipants(scope: WriteScope, input: ParsedInput<'participants.merge'>) {
  const { db } = scope;
  const from = requireParticipant(findByCode(db, input.fromCode), 'fromCode');
  const into = requireParticipant(findByCode(db, input.intoCode), 'intoCode');
  if (from.id === into.id) throw new OutpostError('participant_merge_same', { field: 'intoCode' });
  if (from.merged_into_id !== null) throw new OutpostError('participant_already_merged', { field: 'fromCode' });
  // From is canonical, so its group is everyone whose canonical participant it is.
  if (into.canonical_id === from.id) throw new OutpostError('participant_merge_circular', { field: 'intoCode' });

  return regroup(scope, {
    from,
    mergedIntoId: into.id,
    canonicalId: into.canonical_id,
    alsoTouched: [into.id, into.canonical_id],
    record: { kind: 'merge', fromId: from.id, intoId: into.id, undoesMergeId: null, reason: input.reason },
    recount: [from.id, into.canonical_id],
  });
}

/** Undoes one merge: the from-code and everything merged into it become their own group again. */
function unmergeParticipants(scope: WriteScope, input: ParsedInput<'participants.unmerge'>) {
  const { db } = scope;
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

  return regroup(scope, {
    from,
    mergedIntoId: null,
    canonicalId: from.id,
    alsoTouched: [merge.into_participant_id, from.canonical_id],
    record: {
      kind: 'unmerge',
      fromId: merge.from_participant_id,
      intoId: merge.into_participant_id,
      undoesMergeId: merge.id,
      reason: input.reason,
    },
    recount: [from.canonical_id, from.id],
  });
}

/**
 * Moves `from` and every code merged into it to the group of `canonicalId`, records the merge or
 * unmerge, recounts the groups' days, and audits each participant touched with its own before and after.
 */
function regroup(
  { db, writer }: WriteScope,
  change: {
    from: ParticipantRow;
    mergedIntoId: string | null;
    canonicalId: string;
    alsoTouched: string[];
    record: MergeRecordInput;
    recount: string[];
  },
): Written<ParticipantMerge> {
  const touched = [...new Set([...subtreeIds(db, change.from.id), ...change.alsoTouched])];
  const before = groupState(db, touched);
  db.run(
    db.query
      .updateTable('participants')
      .set({ merged_into_id: change.mergedIntoId, updated_at: db.nowIso() })
      .where('id', '=', change.from.id),
  );
  setCanonicalOfSubtree(db, change.from.id, change.canonicalId);
  const recordId = insertMergeRecord(db, writer, change.record);
  rebuildParticipantDays(db, change.recount);
  const record = mergeRecord(db, recordId);
  return {
    value: record,
    changes: [
      { entity: 'participant_merge', id: recordId, after: record },
      ...participantChanges(before, groupState(db, touched)),
    ],
  };
}

function mergeRecordsQuery(db: ReadableDatabase) {
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

function mergeRecord(db: ReadableDatabase, id: string): ParticipantMerge {
  const row = db.first(mergeRecordsQuery(db).where('m.id', '=', id));
  if (!row) throw new OutpostError('merge_not_found', { field: 'mergeId' });
  return toMerge(row);
}

/** Merges and unmerges, newest first; with a code, those where it is either side. */
function listMerges({ db }: { db: ReadableDatabase }, input: ParsedInput<'participants.merges'>): ParticipantMerge[] {
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

export const mergeOperations: Operations<'participants.merge' | 'participants.unmerge' | 'participants.merges'> = {
  'participants.merge': mergeParticipants,
  'participants.unmerge': unmergeParticipants,
  'participants.merges': listMerges,
};
