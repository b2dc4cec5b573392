/**
 * Participants: building a code from the program's formula (and who has it already), creating a
 * code, and one participant with their group's first and last visits.
 */
import { type Operations, type WriteScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import { OutpostError } from '../contract/errors';
import { buildParticipantCode } from '../contract/participant-codes';
import type { BuiltCode, CreatedParticipant, Participant } from '../contract/participants';
import type { ReadableDatabase } from '../platform/database';
import { readSettings } from '../settings/settings';
import { codeOfId, findByCode, findById, firstFreeSuffix, insertParticipant, requireParticipant } from './codes';
import { lastVisitSummary, lastVisitWithSupplies, visitCount } from './visits';

/** The code for the answers, and who has it already (so the worker can ask "same person?"). */
function buildCode({ db }: { db: ReadableDatabase }, input: ParsedInput<'participants.buildCode'>): BuiltCode {
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
function createParticipant({ db, writer }: WriteScope, input: ParsedInput<'participants.create'>) {
  const formula = input.formula ?? readSettings(db).participant_code_formula;
  let suffix: string | null = null;
  if (findByCode(db, input.code)) {
    if (!input.addSuffix) throw new OutpostError('participant_code_taken', { field: 'code' });
    suffix = firstFreeSuffix(db, input.code);
  }
  const { participant, changes } = insertParticipant(db, writer, input.code + (suffix ?? ''), formula, 'code');
  const created: CreatedParticipant = { participantId: participant.id, code: participant.code, formula, suffix };
  return { value: created, changes };
}

function getParticipant({ db }: { db: ReadableDatabase }, input: ParsedInput<'participants.get'>): Participant {
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

export const participantOperations: Operations<'participants.buildCode' | 'participants.create' | 'participants.get'> =
  {
    'participants.buildCode': buildCode,
    'participants.create': createParticipant,
    'participants.get': getParticipant,
  };
