/**
 * Field entries: encounters and tallies. Each save validates everything first, writes an immutable
 * revision (lines, services, reversal reports, unmet requests), moves stock (first-expiry-first-
 * out, never blocking on stock) and updates the daily rollups, all in the one transaction dispatch
 * opened for it. A correction is a new revision with the old one's stock movements reversed; a
 * void or an undo is a record of its own. Nothing is ever deleted.
 */
import type { Operations, RecordChange, Writer, WriteScope, Written } from '../access/operations';
import { currentKitVersionKey } from '../catalog/kits';
import type { ParsedInput } from '../contract';
import { recordRules } from '../contract/access';
import { localDate } from '../contract/calendar';
import { OutpostError } from '../contract/errors';
import {
  estimatedSyringes,
  undoMinutes,
  type Encounter,
  type FieldEntry,
  type fieldEntryChannels,
  type Tally,
} from '../contract/field-entries';
import type { FieldEntryKind, VoidKind } from '../contract/vocabulary';
import { allocate, appendMovement, reverseMovements } from '../inventory/ledger';
import { resolveParticipantCode } from '../participants/codes';
import { plausibleInstant } from '../platform/clock';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import { idBytes, newId } from '../platform/ids';
import { msOf } from '../platform/instants';
import { insertedKey, savedFromForm, writerKeys } from '../platform/keys';
import type {
  FieldEntryRevisionRow,
  FieldEntryRow,
  ItemRow,
  LotRow,
  ProgramSettingsRow,
  ServiceTypeRow,
  SiteRow,
  StaffRow,
} from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { applyRevision } from '../reports/rollups';
import { listItemsOf, unlistItemsOf } from './list-paths';
import { readSettings } from '../settings/settings';
import { entryHistory } from './history';
import { listEntries } from './list';
import { entryView, expectKind, readEntry, type EntryDetails, type EntryHeader } from './read';

/** What both kinds save, as the contract parses it: a tally's fields, and an encounter's own. */
type EntryContent = Omit<ParsedInput<'tallies.log'>, 'contacts'> &
  Partial<Pick<ParsedInput<'tallies.log'>, 'contacts'>> &
  Partial<Pick<ParsedInput<'encounters.log'>, 'participantCode' | 'contactType' | 'onBehalfOf'>>;

type WriterKeys = ReturnType<typeof writerKeys>;

type Correction = Pick<ParsedInput<'encounters.correct'>, 'id' | 'expectedRevision' | 'reason'>;

/**
 * What writing a revision adds to the save: units short at the site, a participant it created,
 * and the revision's header as the view shows it.
 */
interface SavedRevision {
  shortfalls: FieldEntry['shortfalls'];
  changes: RecordChange[];
  header: Omit<EntryHeader, 'entry_id' | 'kind' | 'status' | 'logged_ms' | 'logged_by' | 'void_kind' | 'void_reason'>;
}

type ServiceReference = Pick<ServiceTypeRow, 'key' | 'active' | 'id' | 'name' | 'kind' | 'sort_order'>;

/** The records an entry refers to, by key (as the facts store them), once checked, with what the view shows of them. */
interface References {
  site: Pick<SiteRow, 'key' | 'id' | 'name'>;
  items: Map<string, ItemRow>;
  /** Chosen lots by id. */
  lots: Map<string, Pick<LotRow, 'key' | 'lot_number'>>;
  /** In the order of the entry's services. */
  services: ServiceReference[];
}

/** Everything the entry refers to must exist and be in use; errors name the field at fault. */
function checkReferences(db: ReadableDatabase, content: EntryContent): References {
  // Fixed SQL through cached statements here and below: every save runs these checks.
  const site = db.statement('SELECT key, id, name, active FROM sites WHERE id = ?').get(content.siteId) as
    Pick<SiteRow, 'key' | 'id' | 'name' | 'active'> | undefined;
  if (!site) throw new OutpostError('site_not_found', { field: 'siteId' });
  if (site.active !== 1) throw new OutpostError('site_inactive', { field: 'siteId' });

  const itemIds = [
    ...new Set([
      ...content.lines.map((line) => line.itemId),
      ...(content.unmetRequests ?? []).map((request) => request.itemId),
    ]),
  ];
  const items = new Map(
    (itemIds.length === 0
      ? []
      : (db
          .statement('SELECT * FROM items WHERE id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(itemIds)) as ItemRow[])
    ).map((item) => [item.id, item]),
  );
  const lots: References['lots'] = new Map();
  content.lines.forEach((line, index) => {
    const item = items.get(line.itemId);
    const field = `lines.${index}.itemId`;
    if (!item) throw new OutpostError('item_not_found', { field });
    if (item.active !== 1) throw new OutpostError('item_inactive', { field });
    if (line.lotId) {
      const lot = db.statement('SELECT key, item_id, lot_number, on_hold FROM lots WHERE id = ?').get(line.lotId) as
        Pick<LotRow, 'key' | 'item_id' | 'lot_number' | 'on_hold'> | undefined;
      if (!lot || lot.item_id !== line.itemId)
        throw new OutpostError('lot_not_found', { field: `lines.${index}.lotId` });
      // A recalled lot is not handed out; first-expiry-first-out passes it over too.
      if (lot.on_hold === 1) throw new OutpostError('lot_on_hold', { field: `lines.${index}.lotId` });
      lots.set(line.lotId, lot);
    }
  });
  (content.unmetRequests ?? []).forEach((request, index) => {
    if (!items.has(request.itemId))
      throw new OutpostError('item_not_found', { field: `unmetRequests.${index}.itemId` });
  });
  const services = (content.services ?? []).map((serviceTypeId, index) => {
    const service = db
      .statement('SELECT key, active, id, name, kind, sort_order FROM service_types WHERE id = ?')
      .get(serviceTypeId) as ServiceReference | undefined;
    if (!service) throw new OutpostError('service_type_not_found', { field: `services.${index}` });
    if (service.active !== 1) throw new OutpostError('service_type_inactive', { field: `services.${index}` });
    return service;
  });
  return { site, items, lots, services };
}

/** SQLite's BINARY order of text, which the read's ORDER BY uses: by code unit, not by locale. */
const binaryOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A new revision's details as a read would find them, from the checked content and what it refers to. */
function detailsOf(content: EntryContent, references: References): EntryDetails {
  const item = (itemId: string) => references.items.get(itemId)!;
  return {
    lines: content.lines.map((line) => ({
      item_id: line.itemId,
      item_name: item(line.itemId).name,
      unit: item(line.itemId).unit,
      is_kit: item(line.itemId).is_kit,
      units: line.quantity,
      lot_id: line.lotId ? line.lotId : null,
      lot_number: line.lotId ? references.lots.get(line.lotId)!.lot_number : null,
    })),
    services: [...references.services]
      .sort((a, b) => a.sort_order - b.sort_order || binaryOrder(a.name, b.name))
      .map(({ id, name, kind }) => ({ id, name, kind })),
    reversals: (content.reversals ?? []).map((reversal) => ({
      outcome: reversal.outcome,
      doses_used: reversal.dosesUsed ?? null,
      note: reversal.note ? reversal.note : null,
    })),
    unmet: (content.unmetRequests ?? []).map((request) => ({
      item_id: request.itemId,
      item_name: item(request.itemId).name,
      reason: request.reason,
      units: request.quantity ?? null,
    })),
  };
}

/** The entry's instant as stored (ms, UTC), and its day in the program's time zone, which reports count by. */
function whenOf(content: EntryContent, settings: ProgramSettingsRow): { occurredMs: number; day: string } {
  const occurredMs = msOf(content.occurredAt);
  return { occurredMs, day: localDate(new Date(occurredMs), settings.time_zone) };
}

/** The entry row's copy of its current revision's instant, site and day, which the lists page by. */
function currentPlace(content: EntryContent, settings: ProgramSettingsRow, references: References) {
  const { occurredMs, day } = whenOf(content, settings);
  return { current_occurred_ms: occurredMs, current_site_key: references.site.key, current_local_date: day };
}

/** The key SQLite gave the row this connection inserted last (a trigger's inserts do not count). */

/**
 * The kit version a line hands out: the one its lot was assembled as (the chosen lot, or the
 * first lot stock came from), or the kit as it is defined today when it was not assembled through
 * the ledger.
 */
function kitVersionKeyOf(db: ReadableDatabase, item: ItemRow, lotKey: number | null): number | null {
  const assembled =
    lotKey === null
      ? undefined
      : (db
          .statement(`SELECT v.key FROM lots l JOIN kit_versions v ON v.id = l.kit_version_id WHERE l.key = ?`)
          .get(lotKey) as { key: number } | undefined);
  if (assembled) return assembled.key;
  return currentKitVersionKey(db, item.id);
}

/** Writes revision `revisionNumber` of an entry, its stock movements and its rollup contribution. */
function writeRevision(
  { db, writer, staff }: WriteScope,
  who: WriterKeys,
  settings: ProgramSettingsRow,
  entry: { key: number; kind: FieldEntryKind; replaces: number | null },
  revisionNumber: number,
  content: EntryContent,
  references: References,
  changeReason: string | null,
): SavedRevision {
  const { occurredMs, day } = whenOf(content, settings);
  const movesStock = day >= settings.stock_start_date;
  const containers = content.collected?.containers ?? 0;
  const pounds = content.collected?.pounds ?? 0;
  const resolved =
    entry.kind === 'encounter' && content.participantCode
      ? resolveParticipantCode(db, writer, content.participantCode, settings.participant_code_formula)
      : null;
  const participant = resolved?.participant ?? null;

  // What the revision row and the view both hold.
  const facts = {
    revision: revisionNumber,
    occurred_ms: occurredMs,
    local_date: day,
    contact_type: entry.kind === 'encounter' ? (content.contactType ?? 'in_person') : null,
    contacts: entry.kind === 'tally' ? (content.contacts ?? 1) : 1,
    on_behalf_of: entry.kind === 'encounter' ? (content.onBehalfOf ?? 0) : 0,
    collected_counted: content.collected?.counted ?? 0,
    collected_containers: containers,
    collected_pounds: pounds,
    collected_estimated: estimatedSyringes(
      { containers, pounds },
      { syringesPerContainer: settings.syringes_per_container, syringesPerPound: settings.syringes_per_pound },
    ),
    note: content.note ? content.note : null,
    moves_stock: movesStock ? (1 as const) : (0 as const),
    change_reason: changeReason,
  };
  const createdMs = db.nowMs();
  db.insert('field_entry_revisions', {
    id: newId(),
    entry_key: entry.key,
    replaces_revision_key: entry.replaces,
    site_key: references.site.key,
    participant_key: participant?.key ?? null,
    // The factors in force today, kept with the record: changing settings never rewrites the past.
    syringes_per_container: settings.syringes_per_container,
    syringes_per_pound: settings.syringes_per_pound,
    origin_device_key: who.deviceKey,
    created_by_key: who.staffKey,
    created_ms: createdMs,
    ...facts,
  });
  const revisionKey = insertedKey(db);
  const header: SavedRevision['header'] = {
    ...facts,
    revision_key: revisionKey,
    changed_ms: createdMs,
    site_id: references.site.id,
    site_name: references.site.name,
    changed_by: staff.display_name,
    participant_id: participant?.id ?? null,
    participant_code: participant?.code ?? null,
  };

  const shortfalls: SavedRevision['shortfalls'] = [];
  content.lines.forEach((line, index) => {
    const item = references.items.get(line.itemId)!;
    const chosenLotKey = line.lotId ? references.lots.get(line.lotId)!.key : null;
    const allocations = movesStock
      ? allocate(db, {
          siteKey: references.site.key,
          itemKey: item.key,
          units: line.quantity,
          tracksLots: item.tracks_lots === 1,
          chosenLotKey,
          onDate: day,
        })
      : [];
    // A kit counts its components as they were when it was assembled (its lot's version).
    const firstLotKey = chosenLotKey ?? allocations.find((allocation) => allocation.lotKey !== null)?.lotKey ?? null;
    db.insert('field_entry_lines', {
      revision_key: revisionKey,
      line_no: index + 1,
      item_key: item.key,
      units: line.quantity,
      lot_key: chosenLotKey,
      kit_version_key: item.is_kit === 1 ? kitVersionKeyOf(db, item, firstLotKey) : null,
      doses_per_unit: item.category === 'naloxone' ? item.doses_per_unit : null,
    });
    let short = 0;
    for (const allocation of allocations) {
      appendMovement(db, writer, {
        kind: 'distribution',
        siteKey: references.site.key,
        itemKey: item.key,
        lotKey: allocation.lotKey,
        units: -allocation.units,
        shortfall: allocation.shortfall,
        occurredMs,
        localDate: day,
        sourceType: 'field_entry',
        sourceKey: entry.key,
        sourceRevisionKey: revisionKey,
      });
      short += allocation.shortfall;
    }
    if (short > 0) shortfalls.push({ itemId: item.id, units: short });
  });

  for (const service of references.services) {
    db.insert('field_entry_services', { revision_key: revisionKey, service_type_key: service.key });
  }
  (content.reversals ?? []).forEach((reversal, index) => {
    db.insert('field_entry_reversals', {
      revision_key: revisionKey,
      reversal_no: index + 1,
      outcome: reversal.outcome,
      doses_used: reversal.dosesUsed ?? null,
      note: reversal.note ? reversal.note : null,
    });
  });
  (content.unmetRequests ?? []).forEach((request, index) => {
    db.insert('field_entry_unmet_requests', {
      revision_key: revisionKey,
      request_no: index + 1,
      item_key: references.items.get(request.itemId)!.key,
      reason: request.reason,
      units: request.quantity ?? null,
    });
  });
  applyRevision(db, revisionKey, 1);
  listItemsOf(db, { entryKey: entry.key, kind: entry.kind, occurredMs, revisionKey });
  return { shortfalls, changes: resolved?.changes ?? [], header };
}

/** Who an entry is logged as: the staff member on a paper form when one is named, else the one saving. */
function loggedAs(scope: WriteScope, staffId: string | undefined): { key: number; name: string } {
  if (staffId === undefined) return { key: scope.staff.key, name: scope.staff.display_name };
  const onForm = scope.db.first(
    scope.db.query.selectFrom('staff').select(['key', 'display_name']).where('id', '=', staffId),
  );
  if (!onForm) throw new OutpostError('staff_member_not_found', { field: 'staffId' });
  return { key: onForm.key, name: onForm.display_name };
}

function logEntry(scope: WriteScope, kind: FieldEntryKind, content: EntryContent): Written<FieldEntry> {
  const { db, writer } = scope;
  // The same form saved again (a second press, a retry after a lost answer): answered with what
  // its first save made, as it stands now, and nothing is written.
  const savedBefore = savedFromForm(db, 'field_entries', content.formKey)?.id;
  if (savedBefore !== undefined) return { value: readEntry(db, savedBefore), changes: [] };
  plausibleInstant(db, content.occurredAt, 'occurredAt');
  const references = checkReferences(db, content);
  const loggedBy = loggedAs(scope, content.staffId);
  const settings = readSettings(db);
  const who = writerKeys(db, writer);
  const now = db.nowMs();
  const entryId = newId();
  db.insert('field_entries', {
    id: entryId,
    kind: storedCodes.entryKind.code(kind),
    status: 'active',
    current_revision: 1,
    ...currentPlace(content, settings, references),
    origin_device_key: who.deviceKey,
    created_by_key: loggedBy.key,
    created_ms: now,
    updated_ms: now,
    form_key: content.formKey === undefined ? null : idBytes(content.formKey),
  });
  const entryKey = insertedKey(db);
  const saved = writeRevision(
    scope,
    who,
    settings,
    { key: entryKey, kind, replaces: null },
    1,
    content,
    references,
    null,
  );
  // The view from what was just written, not read back (a save's largest read): the same view goes
  // into the audit log (as its digest) and back to the caller, and encounters.get answers the same.
  const view = entryView(
    {
      ...saved.header,
      entry_id: entryId,
      kind: storedCodes.entryKind.code(kind),
      status: 'active',
      logged_ms: now,
      logged_by: loggedBy.name,
      void_kind: null,
      void_reason: null,
    },
    detailsOf(content, references),
  );
  return {
    value: { ...view, shortfalls: saved.shortfalls },
    changes: [...saved.changes, { entity: kind, id: entryId, key: entryKey, keptAsFact: true, after: view }],
  };
}

/** The entry as it stands, checked to be of `kind` and still active. */
function requireActiveEntry(db: ReadableDatabase, id: string, kind: FieldEntryKind) {
  const entry = db.first(db.query.selectFrom('field_entries').selectAll().where('id', '=', id));
  if (!entry) throw new OutpostError('entry_not_found', { field: 'id' });
  if (entry.kind !== storedCodes.entryKind.code(kind)) throw new OutpostError('wrong_kind', { field: 'id' });
  if (entry.status !== 'active') throw new OutpostError('entry_voided', { field: 'id' });
  return entry;
}

function currentRevisionRow(db: ReadableDatabase, entry: FieldEntryRow): FieldEntryRevisionRow {
  const row = db.first(
    db.query
      .selectFrom('field_entry_revisions')
      .selectAll()
      .where('entry_key', '=', entry.key)
      .where('revision', '=', entry.current_revision),
  );
  if (!row)
    throw new OutpostError('internal_error', {
      message: `Revision ${entry.current_revision} of ${entry.id} is missing.`,
    });
  return row;
}

/** Takes the current revision out of stock and rollups (after the entry's state has moved on). */
function retireRevision(
  db: WritableDatabase,
  writer: Writer,
  settings: ProgramSettingsRow,
  revision: FieldEntryRevisionRow,
): void {
  reverseMovements(db, writer, {
    sourceType: 'field_entry',
    sourceKey: revision.entry_key,
    sourceRevisionKey: revision.key,
    occurredMs: db.nowMs(),
    localDate: localDate(db.now(), settings.time_zone),
  });
  applyRevision(db, revision.key, -1);
}

function correctEntry(
  scope: WriteScope,
  kind: FieldEntryKind,
  { id, expectedRevision, reason, ...content }: Correction & EntryContent,
): Written<FieldEntry> {
  const { db, writer } = scope;
  plausibleInstant(db, content.occurredAt, 'occurredAt');
  const entry = requireActiveEntry(db, id, kind);
  if (entry.current_revision !== expectedRevision)
    throw new OutpostError('entry_changed_meanwhile', { field: 'expectedRevision' });
  const references = checkReferences(db, content);
  const before = readEntry(db, entry.id);
  const previous = currentRevisionRow(db, entry);
  const next = entry.current_revision + 1;
  const settings = readSettings(db);
  const who = writerKeys(db, writer);
  db.run(
    db.query
      .updateTable('field_entries')
      .set({ current_revision: next, ...currentPlace(content, settings, references), updated_ms: db.nowMs() })
      .where('key', '=', entry.key),
  );
  retireRevision(db, writer, settings, previous);
  unlistItemsOf(db, { entryKey: entry.key, kind, occurredMs: previous.occurred_ms, revisionKey: previous.key });
  const saved = writeRevision(
    scope,
    who,
    settings,
    { key: entry.key, kind, replaces: previous.key },
    next,
    content,
    references,
    reason,
  );
  const view = readEntry(db, entry.id);
  return {
    value: { ...view, shortfalls: saved.shortfalls },
    changes: [...saved.changes, { entity: kind, id: entry.id, key: entry.key, keptAsFact: true, before, after: view }],
  };
}

/** Takes an entry back: a void record of the given kind, its stock returned and its rollups removed. */
function takeBack(
  { db, writer }: WriteScope,
  entry: FieldEntryRow,
  voiding: { kind: VoidKind; reason: string },
): Written<FieldEntry> {
  const before = readEntry(db, entry.id);
  db.insert('field_entry_voids', {
    id: newId(),
    entry_key: entry.key,
    kind: voiding.kind,
    reason: voiding.reason,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  });
  db.run(
    db.query
      .updateTable('field_entries')
      .set({ status: 'voided', updated_ms: db.nowMs() })
      .where('key', '=', entry.key),
  );
  retireRevision(db, writer, readSettings(db), currentRevisionRow(db, entry));
  const view = readEntry(db, entry.id);
  return {
    value: view,
    changes: [
      {
        entity: storedCodes.entryKind.value(entry.kind),
        id: entry.id,
        key: entry.key,
        keptAsFact: true,
        before,
        after: { status: 'voided', ...voiding },
      },
    ],
  };
}

function voidEntry(scope: WriteScope, kind: FieldEntryKind, input: { id: string; reason: string }) {
  return takeBack(scope, requireActiveEntry(scope.db, input.id, kind), { kind: 'void', reason: input.reason });
}

/**
 * Undo: the author takes back a save they just made, before anything else happened to it. Any
 * other taking back is a void with a reason someone typed.
 */
function undoEntry(scope: WriteScope, kind: FieldEntryKind, input: { id: string }) {
  const entry = requireActiveEntry(scope.db, input.id, kind);
  // The one who saved it, who for a paper form typed up is not the staff member written on it.
  if (firstAuthorKey(scope.db, entry.key) !== scope.staff.key)
    throw new OutpostError('undo_not_yours', { field: 'id' });
  if (entry.current_revision !== 1) throw new OutpostError('undo_after_correction', { field: 'id' });
  if (scope.db.nowMs() - entry.created_ms > undoMinutes * 60_000)
    throw new OutpostError('undo_too_late', { field: 'id' });
  return takeBack(scope, entry, { kind: 'undo', reason: 'undone' });
}

/** Who saved an entry's first revision. */
function firstAuthorKey(db: ReadableDatabase, entryKey: number): number | undefined {
  return db
    .statement('SELECT created_by_key FROM field_entry_revisions WHERE entry_key = ? AND revision = 1')
    .pluck()
    .get(entryKey) as number | undefined;
}

/**
 * The record rule for outreach workers: an entry they logged themselves (or typed up from a paper
 * form, or was typed up from theirs), in the last 48 hours. An id that names no entry passes, so
 * the operation reports it as not found.
 */
export function isOwnRecentEntry(db: ReadableDatabase, staff: StaffRow, input: unknown): boolean {
  const { id } = input as { id: string };
  const entry = db.first(
    db.query.selectFrom('field_entries').select(['key', 'created_by_key', 'created_ms']).where('id', '=', id),
  );
  if (!entry) return true;
  const hours = recordRules.ownRecentEntry.hours;
  const own = entry.created_by_key === staff.key || firstAuthorKey(db, entry.key) === staff.key;
  return own && db.nowMs() - entry.created_ms <= hours * 3_600_000;
}

export const fieldEntryOperations: Operations<keyof typeof fieldEntryChannels> = {
  'encounters.log': (scope, input) => encounter(logEntry(scope, 'encounter', input)),
  'encounters.correct': (scope, input) => encounter(correctEntry(scope, 'encounter', input)),
  'encounters.void': (scope, input) => encounter(voidEntry(scope, 'encounter', input)),
  'encounters.undo': (scope, input) => encounter(undoEntry(scope, 'encounter', input)),
  'encounters.get': ({ db }, input) => expectKind(readEntry(db, input.id), 'encounter'),
  'encounters.list': ({ db }, input) => listEntries(db, 'encounter', input) as Encounter[],
  'encounters.history': ({ db }, input) => entryHistory(db, 'encounter', input.id),
  'tallies.log': (scope, input) => tally(logEntry(scope, 'tally', input)),
  'tallies.correct': (scope, input) => tally(correctEntry(scope, 'tally', input)),
  'tallies.void': (scope, input) => tally(voidEntry(scope, 'tally', input)),
  'tallies.undo': (scope, input) => tally(undoEntry(scope, 'tally', input)),
  'tallies.get': ({ db }, input) => expectKind(readEntry(db, input.id), 'tally'),
  'tallies.list': ({ db }, input) => listEntries(db, 'tally', input) as Tally[],
  'tallies.history': ({ db }, input) => entryHistory(db, 'tally', input.id),
};

/** A save's answer as its channel's kind says it is. */
function asKind<K extends FieldEntryKind>(kind: K) {
  return (saved: Written<FieldEntry>): Written<Extract<FieldEntry, { kind: K }>> => ({
    value: expectKind(saved.value, kind),
    changes: saved.changes,
  });
}
const encounter = asKind('encounter');
const tally = asKind('tally');
