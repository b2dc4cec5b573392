/**
 * An entry's history, oldest first: who saved it and when, what each correction changed from the
 * revision before it and why, and who took it back, when and why. Read from the facts the saves
 * keep (every revision stays, and a void is a record of its own): nothing is kept for it alone.
 */
import type { EntryFieldChange, EntryHistoryEvent, EntryLineChange, FieldEntry } from '../contract/field-entries';
import { OutpostError } from '../contract/errors';
import type { FieldEntryKind, VoidKind } from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';
import { expectKind, readRevisions } from './read';

const voidSql = `SELECT v.kind, v.reason, v.created_at, s.display_name
  FROM field_entries e
  JOIN field_entry_voids v ON v.entry_key = e.key
  JOIN staff s ON s.id = v.created_by
  WHERE e.id = ?`;

/** Whether two values the view holds are the same: plain data, compared by their JSON. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields `after` changed from `before`, in the order the details list them. */
function fieldChanges(before: FieldEntry, after: FieldEntry): EntryFieldChange[] {
  const changes: EntryFieldChange[] = [];
  if (before.occurredAt !== after.occurredAt)
    changes.push({ field: 'occurredAt', before: before.occurredAt, after: after.occurredAt });
  if (before.localDate !== after.localDate)
    changes.push({ field: 'filedOn', before: before.localDate, after: after.localDate });
  if (before.siteId !== after.siteId) changes.push({ field: 'site', before: before.siteName, after: after.siteName });
  if (before.kind === 'encounter' && after.kind === 'encounter') {
    if (before.participantId !== after.participantId)
      changes.push({ field: 'participant', before: before.participantCode, after: after.participantCode });
    if (before.contactType !== after.contactType)
      changes.push({ field: 'contactType', before: before.contactType, after: after.contactType });
    if (before.onBehalfOf !== after.onBehalfOf)
      changes.push({ field: 'onBehalfOf', before: before.onBehalfOf, after: after.onBehalfOf });
  }
  if (before.kind === 'tally' && after.kind === 'tally' && before.contacts !== after.contacts)
    changes.push({ field: 'contacts', before: before.contacts, after: after.contacts });
  const collected = [
    ['collectedCounted', 'counted'],
    ['collectedContainers', 'containers'],
    ['collectedPounds', 'pounds'],
  ] as const;
  for (const [field, part] of collected) {
    if (before.collected[part] !== after.collected[part])
      changes.push({ field, before: before.collected[part], after: after.collected[part] });
  }
  const serviceIds = (entry: FieldEntry) => entry.services.map((service) => service.id);
  if (!same(serviceIds(before), serviceIds(after)))
    changes.push({
      field: 'services',
      before: before.services.map((service) => service.name),
      after: after.services.map((service) => service.name),
    });
  if (!same(before.reversals, after.reversals))
    changes.push({ field: 'reversals', before: before.reversals, after: after.reversals });
  const unmet = (entry: FieldEntry) =>
    entry.unmetRequests.map(({ itemId, reason, quantity }) => ({ itemId, reason, quantity }));
  if (!same(unmet(before), unmet(after)))
    changes.push({ field: 'unmetRequests', before: before.unmetRequests, after: after.unmetRequests });
  if (before.note !== after.note) changes.push({ field: 'note', before: before.note, after: after.note });
  return changes;
}

/**
 * The supply lines `after` changed from `before`, by item (an entry holds each item once): the
 * earlier revision's items in their order, then the ones it added.
 */
function lineChanges(before: FieldEntry, after: FieldEntry): EntryLineChange[] {
  const lineOf = (entry: FieldEntry, itemId: string) => entry.lines.find((line) => line.itemId === itemId);
  const itemIds = [...new Set([...before.lines, ...after.lines].map((line) => line.itemId))];
  return itemIds.flatMap((itemId) => {
    const was = lineOf(before, itemId);
    const is = lineOf(after, itemId);
    if (was && is && was.quantity === is.quantity && was.lotId === is.lotId) return [];
    const shown = (line: FieldEntry['lines'][number] | undefined) =>
      line ? { quantity: line.quantity, lotNumber: line.lotNumber } : null;
    return [{ itemId, itemName: (is ?? was)!.itemName, before: shown(was), after: shown(is) }];
  });
}

/** The history of the entry `id` of `kind`, oldest first. */
export function entryHistory(db: ReadableDatabase, kind: FieldEntryKind, id: string): EntryHistoryEvent[] {
  const revisions = readRevisions(db, id);
  const first = revisions[0];
  if (!first) throw new OutpostError('entry_not_found', { field: 'id' });
  expectKind(first, kind);
  const events: EntryHistoryEvent[] = revisions.map((revision, index) => {
    const previous = revisions[index - 1];
    return {
      event: previous ? 'corrected' : 'logged',
      revision: revision.revision,
      at: revision.changedAt,
      by: revision.changedBy,
      reason: revision.changeReason,
      changes: previous ? fieldChanges(previous, revision) : [],
      lineChanges: previous ? lineChanges(previous, revision) : [],
    };
  });
  const taken = db.statement(voidSql).get(id) as
    { kind: VoidKind; reason: string; created_at: string; display_name: string } | undefined;
  if (taken) {
    events.push({
      event: taken.kind === 'undo' ? 'undone' : 'voided',
      revision: null,
      at: taken.created_at,
      by: taken.display_name,
      // An undo's stored reason is a fixed word, not something a person typed.
      reason: taken.kind === 'undo' ? null : taken.reason,
      changes: [],
      lineChanges: [],
    });
  }
  return events;
}
