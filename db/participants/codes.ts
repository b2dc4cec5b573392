/**
 * Participants: anonymous codes only, never a name, birth date, address, phone or e-mail. The
 * answers a code is built from are never stored or logged, only the code.
 */
import type { RecordChange, Writer } from '../access/operations';
import { codeSuffixes, fitsFormula, maxCodeLength } from '../contract/participant-codes';
import { OutpostError } from '../contract/errors';
import type { ParticipantCodeFormula } from '../contract/vocabulary';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { keyOfExisting } from '../platform/keys';
import type { ParticipantRow } from '../platform/schema';

/**
 * The participant a field entry refers to by code: the existing one, or a new participant created
 * with that code (first visit), with the change to audit. Call inside the entry's write.
 */
export function resolveParticipantCode(
  db: WritableDatabase,
  writer: Writer,
  code: string,
  formula: ParticipantCodeFormula = 'free',
): { participant: ParticipantRow; changes: RecordChange[] } {
  const existing = findByCode(db, code);
  if (existing) return { participant: existing, changes: [] };
  return insertParticipant(db, writer, code, formula, 'participantCode');
}

/**
 * A new participant with `code`, which must fit `formula` (a slip such as ZZ or MA1385 would
 * otherwise become a person): `field` names where it was typed. Codes that exist stay valid
 * whatever the program's formula is now.
 */
export function insertParticipant(
  db: WritableDatabase,
  writer: Writer,
  code: string,
  formula: ParticipantCodeFormula,
  field: string,
): { participant: ParticipantRow; changes: RecordChange[] } {
  if (!fitsFormula(code, formula)) throw new OutpostError('participant_code_unfit', { field });
  const now = db.nowIso();
  const id = newId();
  const row: Omit<ParticipantRow, 'key'> = {
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
  const key = keyOfExisting(db, 'participants', id);
  return { participant: { key, ...row }, changes: [{ entity: 'participant', id, key, after: { code, formula } }] };
}

/** Fixed SQL through a cached statement: every save with a code looks it up. */
export function findByCode(db: ReadableDatabase, code: string): ParticipantRow | undefined {
  return db.statement('SELECT * FROM participants WHERE code = ?').get(code) as ParticipantRow | undefined;
}

export function findById(db: ReadableDatabase, id: string): ParticipantRow | undefined {
  return db.first(db.query.selectFrom('participants').selectAll().where('id', '=', id));
}

export function requireParticipant(row: ParticipantRow | undefined, field: string): ParticipantRow {
  if (!row) throw new OutpostError('participant_not_found', { field });
  return row;
}

export function codeOfId(db: ReadableDatabase, id: string): string {
  return requireParticipant(findById(db, id), 'id').code;
}

function codesStartingWith(db: ReadableDatabase, prefix: string): Set<string> {
  // Codes use only A-Z, 0-9 and '-', all below '~': this range is "starts with", on the unique index.
  const rows = db.all(
    db.query.selectFrom('participants').select('code').where('code', '>=', prefix).where('code', '<', `${prefix}~`),
  );
  return new Set(rows.map((row) => row.code));
}

export function firstFreeSuffix(db: ReadableDatabase, code: string): string {
  const taken = codesStartingWith(db, code);
  for (const suffix of codeSuffixes()) {
    if (code.length + suffix.length > maxCodeLength)
      throw new OutpostError('participant_code_too_long', { field: 'code' });
    if (!taken.has(code + suffix)) return suffix;
  }
  throw new OutpostError('participant_suffixes_used_up', { field: 'code' });
}
