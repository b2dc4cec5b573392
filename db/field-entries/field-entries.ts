/**
 * Field entries: encounters and tallies. Each save is one transaction that validates everything
 * first, writes an immutable revision (lines, services, reversal reports, unmet requests), moves
 * stock (first-expiry-first-out, never blocking on stock), updates the daily rollups and appends
 * to the audit log. A correction is a new revision with the old one's stock movements reversed;
 * a void is a record of its own. Nothing is ever deleted.
 */
import type { z } from 'zod';
import { appendAudit } from '../audit/audit-log';
import { currentKitVersionId } from '../catalog/catalog';
import {
  correctEncounterInput,
  correctTallyInput,
  estimatedSyringes,
  getEntryInput,
  listEntriesInput,
  logEncounterInput,
  logTallyInput,
  voidEntryInput,
  type CorrectEncounterInput,
  type CorrectTallyInput,
  type Encounter,
  type ListEntriesInput,
  type LogEncounterInput,
  type LogTallyInput,
  type Tally,
  type VoidEntryInput,
} from '../contract/field-entries';
import { parseOrThrow } from '../contract/validation';
import type { OutpostDatabase } from '../platform/database';
import { OutpostError } from '../contract/errors';
import type { HandlerMap } from '../runtime/operations';
import { writerOf } from '../runtime/operations';
import { newId } from '../platform/ids';
import { allocate, appendMovement, reverseMovements } from '../inventory/ledger';
import { resolveParticipantCode } from '../participants/participants';
import { applyRevision } from '../reports/rollups';
import type {
  ContactType,
  FieldEntryKind,
  FieldEntryRevisionRow,
  ItemRow,
  ProgramSettingsRow,
} from '../platform/schema';
import { readSettings } from '../settings/settings';
import { localDate } from '../contract/calendar';
import { fieldRoles, requireRole, type Writer } from '../access/roles';

/** Clocks drift and back-entry is normal, but an entry a day ahead is a typo. */
const futureToleranceMs = 24 * 60 * 60 * 1000;
const earliestPlausible = Date.UTC(2000, 0, 1);

/** One shape for both kinds once validated: a tally has contacts, an encounter a participant. */
interface EntryContent {
  siteId: string;
  occurredAt: string;
  lines: { itemId: string; quantity: number; lotId?: string | null | undefined }[];
  collected?:
    { counted?: number | undefined; containers?: number | undefined; pounds?: number | undefined } | undefined;
  services?: string[] | undefined;
  reversals?:
    | {
        outcome: 'survived' | 'died' | 'unknown';
        dosesUsed?: number | null | undefined;
        note?: string | null | undefined;
      }[]
    | undefined;
  unmetRequests?:
    { itemId: string; reason: 'out_of_stock' | 'not_carried'; quantity?: number | null | undefined }[] | undefined;
  note?: string | null | undefined;
  contactType?: ContactType | undefined;
  participantCode?: string | null | undefined;
  onBehalfOf?: number | undefined;
  contacts?: number | undefined;
}

interface SaveResult {
  entryId: string;
  shortfalls: { itemId: string; units: number }[];
}

/** A save's result as the contract returns it: the entry as it now stands, with this save's shortfalls. */
interface SavedEntry {
  view: EntryView;
}

function checkOccurredAt(db: OutpostDatabase, occurredAt: string): Date {
  const instant = new Date(occurredAt);
  if (instant.getTime() > db.now().getTime() + futureToleranceMs)
    throw new OutpostError('occurred_at_future', { field: 'occurredAt' });
  if (instant.getTime() < earliestPlausible) throw new OutpostError('occurred_at_too_early', { field: 'occurredAt' });
  return instant;
}

/** Everything the entry refers to must exist and be in use; errors name the field at fault. */
function checkReferences(db: OutpostDatabase, content: EntryContent): Map<string, ItemRow> {
  const site = db.first(db.query.selectFrom('sites').select(['id', 'active']).where('id', '=', content.siteId));
  if (!site) throw new OutpostError('site_not_found', { field: 'siteId' });
  if (site.active !== 1) throw new OutpostError('site_inactive', { field: 'siteId' });

  const itemIds = [
    ...new Set([
      ...content.lines.map((line) => line.itemId),
      ...(content.unmetRequests ?? []).map((request) => request.itemId),
    ]),
  ];
  const items = new Map(
    (itemIds.length === 0 ? [] : db.all(db.query.selectFrom('items').selectAll().where('id', 'in', itemIds))).map(
      (item) => [item.id, item],
    ),
  );
  content.lines.forEach((line, index) => {
    const item = items.get(line.itemId);
    const field = `lines.${index}.itemId`;
    if (!item) throw new OutpostError('item_not_found', { field });
    if (item.active !== 1) throw new OutpostError('item_inactive', { field });
    if (line.lotId) {
      const lot = db.first(db.query.selectFrom('lots').select('item_id').where('id', '=', line.lotId));
      if (!lot || lot.item_id !== line.itemId)
        throw new OutpostError('lot_not_found', { field: `lines.${index}.lotId` });
    }
  });
  (content.unmetRequests ?? []).forEach((request, index) => {
    if (!items.has(request.itemId))
      throw new OutpostError('item_not_found', { field: `unmetRequests.${index}.itemId` });
  });
  (content.services ?? []).forEach((serviceTypeId, index) => {
    const service = db.first(db.query.selectFrom('service_types').select('active').where('id', '=', serviceTypeId));
    if (!service) throw new OutpostError('service_type_not_found', { field: `services.${index}` });
    if (service.active !== 1) throw new OutpostError('service_type_inactive', { field: `services.${index}` });
  });
  return items;
}

/** Writes revision `revisionNumber` of an entry, its stock movements and its rollup contribution. */
function writeRevision(
  db: OutpostDatabase,
  writer: Writer,
  settings: ProgramSettingsRow,
  entry: { id: string; kind: FieldEntryKind },
  revisionNumber: number,
  content: EntryContent,
  items: Map<string, ItemRow>,
  changeReason: string | null,
): SaveResult {
  const instant = new Date(content.occurredAt);
  const occurredAt = instant.toISOString();
  const day = localDate(instant, settings.time_zone);
  const movesStock = day >= settings.stock_start_date;
  const containers = content.collected?.containers ?? 0;
  const pounds = content.collected?.pounds ?? 0;
  const participant =
    entry.kind === 'encounter' && content.participantCode
      ? resolveParticipantCode(db, writer, content.participantCode, settings.participant_code_formula)
      : null;

  const revisionId = newId();
  const revision: FieldEntryRevisionRow = {
    id: revisionId,
    entry_id: entry.id,
    revision: revisionNumber,
    site_id: content.siteId,
    occurred_at: occurredAt,
    local_date: day,
    contact_type: entry.kind === 'encounter' ? (content.contactType ?? 'in_person') : null,
    participant_id: participant?.id ?? null,
    contacts: entry.kind === 'tally' ? (content.contacts ?? 1) : 1,
    on_behalf_of: entry.kind === 'encounter' ? (content.onBehalfOf ?? 0) : 0,
    collected_counted: content.collected?.counted ?? 0,
    collected_containers: containers,
    collected_pounds: pounds,
    // The factors in force today, kept with the record: changing settings never rewrites the past.
    syringes_per_container: settings.syringes_per_container,
    syringes_per_pound: settings.syringes_per_pound,
    collected_estimated: estimatedSyringes(
      { containers, pounds },
      { syringesPerContainer: settings.syringes_per_container, syringesPerPound: settings.syringes_per_pound },
    ),
    note: content.note ? content.note : null,
    moves_stock: movesStock ? 1 : 0,
    change_reason: changeReason,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: db.nowIso(),
  };
  db.insert('field_entry_revisions', revision);

  const shortfalls: SaveResult['shortfalls'] = [];
  content.lines.forEach((line, index) => {
    const item = items.get(line.itemId)!;
    const chosenLot = line.lotId
      ? db.first(db.query.selectFrom('lots').select(['id', 'kit_version_id']).where('id', '=', line.lotId))
      : undefined;
    const allocations = movesStock
      ? allocate(db, {
          siteId: content.siteId,
          itemId: item.id,
          units: line.quantity,
          tracksLots: item.tracks_lots === 1,
          chosenLotId: line.lotId ?? null,
          onDate: day,
        })
      : [];
    // A kit counts its components as they were when it was assembled (its lot's version), or as
    // the kit is defined today when it was not assembled through the ledger.
    let kitVersionId: string | null = null;
    if (item.is_kit === 1) {
      const firstLotId = chosenLot?.id ?? allocations.find((allocation) => allocation.lotId)?.lotId ?? null;
      const lotVersion = firstLotId
        ? db.first(db.query.selectFrom('lots').select('kit_version_id').where('id', '=', firstLotId))?.kit_version_id
        : null;
      kitVersionId = lotVersion ?? currentKitVersionId(db, item.id);
    }
    db.insert('field_entry_lines', {
      id: newId(),
      revision_id: revisionId,
      line_no: index + 1,
      item_id: item.id,
      units: line.quantity,
      lot_id: line.lotId ?? null,
      kit_version_id: kitVersionId,
      doses_per_unit: item.category === 'naloxone' ? item.doses_per_unit : null,
    });
    let short = 0;
    for (const allocation of allocations) {
      appendMovement(db, writer, {
        kind: 'distribution',
        siteId: content.siteId,
        itemId: item.id,
        lotId: allocation.lotId,
        units: -allocation.units,
        shortfall: allocation.shortfall,
        occurredAt,
        localDate: day,
        sourceType: 'field_entry',
        sourceId: entry.id,
        sourceRevisionId: revisionId,
      });
      short += allocation.shortfall;
    }
    if (short > 0) shortfalls.push({ itemId: item.id, units: short });
  });

  for (const serviceTypeId of content.services ?? []) {
    db.insert('field_entry_services', { revision_id: revisionId, service_type_id: serviceTypeId });
  }
  for (const reversal of content.reversals ?? []) {
    db.insert('field_entry_reversals', {
      id: newId(),
      revision_id: revisionId,
      outcome: reversal.outcome,
      doses_used: reversal.dosesUsed ?? null,
      note: reversal.note ? reversal.note : null,
    });
  }
  for (const request of content.unmetRequests ?? []) {
    db.insert('field_entry_unmet_requests', {
      id: newId(),
      revision_id: revisionId,
      item_id: request.itemId,
      reason: request.reason,
      units: request.quantity ?? null,
    });
  }
  applyRevision(db, revisionId, 1);
  return { entryId: entry.id, shortfalls };
}

function logEntry(db: OutpostDatabase, writer: Writer, kind: FieldEntryKind, content: EntryContent): SavedEntry {
  checkOccurredAt(db, content.occurredAt);
  return db.transaction(() => {
    requireRole(db, writer, fieldRoles);
    const items = checkReferences(db, content);
    const settings = readSettings(db);
    const now = db.nowIso();
    const entryId = newId();
    db.insert('field_entries', {
      id: entryId,
      kind,
      status: 'active',
      current_revision: 1,
      origin_device_id: writer.deviceId,
      created_by: writer.staffId,
      created_at: now,
      updated_at: now,
    });
    const result = writeRevision(db, writer, settings, { id: entryId, kind }, 1, content, items, null);
    // Read once: the same view goes into the audit log and back to the caller.
    const view = readEntry(db, entryId);
    appendAudit(db, writer, { action: `${kind}.log`, entityType: kind, entityId: entryId, after: view });
    return { view: { ...view, shortfalls: result.shortfalls } };
  });
}

/** The entry as it stands, checked to be of `kind` and still active. */
function requireActiveEntry(db: OutpostDatabase, id: string, kind: FieldEntryKind) {
  const entry = db.first(db.query.selectFrom('field_entries').selectAll().where('id', '=', id));
  if (!entry) throw new OutpostError('entry_not_found', { field: 'id' });
  if (entry.kind !== kind) throw new OutpostError('wrong_kind', { field: 'id' });
  if (entry.status !== 'active') throw new OutpostError('entry_voided', { field: 'id' });
  return entry;
}

function currentRevisionRow(db: OutpostDatabase, entryId: string, revision: number): FieldEntryRevisionRow {
  const row = db.first(
    db.query
      .selectFrom('field_entry_revisions')
      .selectAll()
      .where('entry_id', '=', entryId)
      .where('revision', '=', revision),
  );
  if (!row) throw new OutpostError('internal_error', { message: `Revision ${revision} of ${entryId} is missing.` });
  return row;
}

/** Takes the current revision out of stock and rollups (after the entry's state has moved on). */
function retireRevision(
  db: OutpostDatabase,
  writer: Writer,
  settings: ProgramSettingsRow,
  revision: FieldEntryRevisionRow,
): void {
  reverseMovements(db, writer, {
    sourceId: revision.entry_id,
    sourceRevisionId: revision.id,
    occurredAt: db.nowIso(),
    localDate: localDate(db.now(), settings.time_zone),
  });
  applyRevision(db, revision.id, -1);
}

function correctEntry(
  db: OutpostDatabase,
  writer: Writer,
  kind: FieldEntryKind,
  change: { id: string; expectedRevision: number; reason: string },
  content: EntryContent,
): SavedEntry {
  checkOccurredAt(db, content.occurredAt);
  return db.transaction(() => {
    requireRole(db, writer, fieldRoles);
    const entry = requireActiveEntry(db, change.id, kind);
    if (entry.current_revision !== change.expectedRevision)
      throw new OutpostError('entry_changed_meanwhile', { field: 'expectedRevision' });
    const items = checkReferences(db, content);
    const before = readEntry(db, entry.id);
    const previous = currentRevisionRow(db, entry.id, entry.current_revision);
    const next = entry.current_revision + 1;
    db.run(
      db.query
        .updateTable('field_entries')
        .set({ current_revision: next, updated_at: db.nowIso() })
        .where('id', '=', entry.id),
    );
    const settings = readSettings(db);
    retireRevision(db, writer, settings, previous);
    const result = writeRevision(db, writer, settings, { id: entry.id, kind }, next, content, items, change.reason);
    const view = readEntry(db, entry.id);
    appendAudit(db, writer, { action: `${kind}.correct`, entityType: kind, entityId: entry.id, before, after: view });
    return { view: { ...view, shortfalls: result.shortfalls } };
  });
}

function voidEntry(
  db: OutpostDatabase,
  writer: Writer,
  kind: FieldEntryKind,
  input: { id: string; reason: string },
): void {
  db.transaction(() => {
    requireRole(db, writer, fieldRoles);
    const entry = requireActiveEntry(db, input.id, kind);
    const before = readEntry(db, entry.id);
    db.insert('field_entry_voids', {
      id: newId(),
      entry_id: entry.id,
      reason: input.reason,
      origin_device_id: writer.deviceId,
      created_by: writer.staffId,
      created_at: db.nowIso(),
    });
    db.run(
      db.query
        .updateTable('field_entries')
        .set({ status: 'voided', updated_at: db.nowIso() })
        .where('id', '=', entry.id),
    );
    retireRevision(db, writer, readSettings(db), currentRevisionRow(db, entry.id, entry.current_revision));
    appendAudit(db, writer, {
      action: `${kind}.void`,
      entityType: kind,
      entityId: entry.id,
      before,
      after: { status: 'voided', reason: input.reason },
    });
  });
}

// ---- Reading entries back ----

type EntryView = Encounter | Tally;

/** Builds the contract's view of entries (current revision), in the order of `ids`. */
function readEntries(db: OutpostDatabase, ids: string[]): EntryView[] {
  if (ids.length === 0) return [];
  const headers = db.all(
    db.query
      .selectFrom('field_entries as e')
      .innerJoin('field_entry_revisions as r', (join) =>
        join.onRef('r.entry_id', '=', 'e.id').onRef('r.revision', '=', 'e.current_revision'),
      )
      .innerJoin('sites as s', 's.id', 'r.site_id')
      .innerJoin('staff as creator', 'creator.id', 'e.created_by')
      .innerJoin('staff as changer', 'changer.id', 'r.created_by')
      .leftJoin('participants as p', 'p.id', 'r.participant_id')
      .leftJoin('field_entry_voids as v', 'v.entry_id', 'e.id')
      .selectAll('r')
      .select([
        'e.kind',
        'e.status',
        'e.created_at as logged_at',
        's.name as site_name',
        'creator.display_name as logged_by',
        'changer.display_name as changed_by',
        'p.code as participant_code',
        'v.reason as void_reason',
      ])
      .where('e.id', 'in', ids),
  );
  const revisionIds = headers.map((header) => header.id);
  const group = <Row extends { revision_id: string }>(rows: Row[]) => {
    const byRevision = new Map<string, Row[]>();
    for (const row of rows) byRevision.set(row.revision_id, [...(byRevision.get(row.revision_id) ?? []), row]);
    return byRevision;
  };
  const lines = group(
    db.all(
      db.query
        .selectFrom('field_entry_lines as l')
        .innerJoin('items as i', 'i.id', 'l.item_id')
        .leftJoin('lots as lot', 'lot.id', 'l.lot_id')
        .select([
          'l.revision_id',
          'l.item_id',
          'i.name as item_name',
          'i.unit',
          'i.is_kit',
          'l.units',
          'l.lot_id',
          'lot.lot_number',
        ])
        .where('l.revision_id', 'in', revisionIds)
        .orderBy('l.line_no'),
    ),
  );
  const services = group(
    db.all(
      db.query
        .selectFrom('field_entry_services as fs')
        .innerJoin('service_types as t', 't.id', 'fs.service_type_id')
        .select(['fs.revision_id', 't.id', 't.name', 't.kind'])
        .where('fs.revision_id', 'in', revisionIds)
        .orderBy('t.sort_order')
        .orderBy('t.name'),
    ),
  );
  const reversals = group(
    db.all(
      db.query.selectFrom('field_entry_reversals').selectAll().where('revision_id', 'in', revisionIds).orderBy('id'),
    ),
  );
  const unmet = group(
    db.all(
      db.query
        .selectFrom('field_entry_unmet_requests as u')
        .innerJoin('items as i', 'i.id', 'u.item_id')
        .select(['u.revision_id', 'u.item_id', 'i.name as item_name', 'u.reason', 'u.units'])
        .where('u.revision_id', 'in', revisionIds)
        .orderBy('u.id'),
    ),
  );

  const views = new Map<string, EntryView>();
  for (const row of headers) {
    const common = {
      id: row.entry_id,
      status: row.status,
      revision: row.revision,
      siteId: row.site_id,
      siteName: row.site_name,
      occurredAt: row.occurred_at,
      localDate: row.local_date,
      lines: (lines.get(row.id) ?? []).map((line) => ({
        itemId: line.item_id,
        itemName: line.item_name,
        unit: line.unit,
        quantity: line.units,
        lotId: line.lot_id,
        lotNumber: line.lot_number,
        isKit: line.is_kit === 1,
      })),
      collected: {
        counted: row.collected_counted,
        containers: row.collected_containers,
        pounds: row.collected_pounds,
        estimated: row.collected_estimated,
        total: row.collected_counted + row.collected_estimated,
      },
      services: (services.get(row.id) ?? []).map((service) => ({
        id: service.id,
        name: service.name,
        kind: service.kind,
      })),
      reversals: (reversals.get(row.id) ?? []).map((reversal) => ({
        outcome: reversal.outcome,
        dosesUsed: reversal.doses_used,
        note: reversal.note,
      })),
      unmetRequests: (unmet.get(row.id) ?? []).map((request) => ({
        itemId: request.item_id,
        itemName: request.item_name,
        reason: request.reason,
        quantity: request.units,
      })),
      note: row.note,
      movesStock: row.moves_stock === 1,
      // Shortfalls belong to a save, not to the stored entry: the save that caused them adds them.
      shortfalls: [],
      loggedBy: row.logged_by,
      loggedAt: row.logged_at,
      changedBy: row.changed_by,
      changedAt: row.created_at,
      changeReason: row.change_reason,
      voidReason: row.void_reason,
    };
    views.set(
      row.entry_id,
      row.kind === 'encounter'
        ? {
            ...common,
            kind: 'encounter',
            contactType: row.contact_type ?? 'in_person',
            participantId: row.participant_id,
            participantCode: row.participant_code,
            onBehalfOf: row.on_behalf_of,
          }
        : { ...common, kind: 'tally', contacts: row.contacts },
    );
  }
  return ids.flatMap((id) => views.get(id) ?? []);
}

function readEntry(db: OutpostDatabase, id: string): EntryView {
  const view = readEntries(db, [id])[0];
  if (!view) throw new OutpostError('entry_not_found', { field: 'id' });
  return view;
}

function expectKind<K extends FieldEntryKind>(view: EntryView, kind: K): Extract<EntryView, { kind: K }> {
  if (view.kind !== kind) throw new OutpostError('wrong_kind', { field: 'id' });
  return view as Extract<EntryView, { kind: K }>;
}

function listEntries(db: OutpostDatabase, kind: FieldEntryKind, rawInput: ListEntriesInput): EntryView[] {
  const input = parseOrThrow(listEntriesInput, rawInput);
  // Revisions first: every index that narrows a list is on revisions (date, participant, and the
  // list order itself, field_entry_revisions_by_occurred_at), and entries are found by primary key.
  // In SQLite a CROSS JOIN keeps that order; left to itself the planner would scan every entry and
  // sort them all for each page, however small.
  let query = db.query
    .selectFrom('field_entry_revisions as r')
    .crossJoin('field_entries as e')
    .whereRef('e.id', '=', 'r.entry_id')
    .whereRef('e.current_revision', '=', 'r.revision')
    .select('e.id')
    .where('e.kind', '=', kind);
  if (!input.includeVoided) query = query.where('e.status', '=', 'active');
  if (input.from) query = query.where('r.local_date', '>=', input.from);
  if (input.to) query = query.where('r.local_date', '<=', input.to);
  if (input.siteId) query = query.where('r.site_id', '=', input.siteId);
  if (input.staffId) query = query.where('e.created_by', '=', input.staffId);
  if (input.itemId) {
    const itemId = input.itemId;
    query = query.where((where) =>
      where.exists(
        where
          .selectFrom('field_entry_lines as l')
          .select('l.id')
          .whereRef('l.revision_id', '=', 'r.id')
          .where('l.item_id', '=', itemId),
      ),
    );
  }
  if (input.participantCode) {
    const code = input.participantCode;
    // A code finds the whole merged group: every code that is the same person.
    query = query.where((where) =>
      where(
        'r.participant_id',
        'in',
        where
          .selectFrom('participants as member')
          .select('member.id')
          .where(
            'member.canonical_id',
            '=',
            where.selectFrom('participants as named').select('named.canonical_id').where('named.code', '=', code),
          ),
      ),
    );
  }
  if (input.before) {
    // Keyset paging: only rows after the cursor in the ORDER BY below (older, or as old with a
    // smaller id). The row value compares exactly like that order, and SQLite seeks the index with it.
    const { occurredAt, id } = input.before;
    query = query.where((where) =>
      where(where.refTuple('r.occurred_at', 'r.entry_id'), '<', where.tuple(occurredAt, id)),
    );
  }
  // Newest first, ties on the instant broken by id (r.entry_id is e.id, and is in the index).
  const rows = db.all(
    query
      .orderBy('r.occurred_at', 'desc')
      .orderBy('r.entry_id', 'desc')
      .limit(input.limit ?? 50),
  );
  return readEntries(
    db,
    rows.map((row) => row.id),
  );
}

// ---- Public operations, one per contract channel ----

export function logEncounter(db: OutpostDatabase, writer: Writer, rawInput: LogEncounterInput): Encounter {
  const input = parseOrThrow(logEncounterInput, rawInput);
  return expectKind(logEntry(db, writer, 'encounter', input).view, 'encounter');
}

export function correctEncounter(db: OutpostDatabase, writer: Writer, rawInput: CorrectEncounterInput): Encounter {
  const { id, expectedRevision, reason, ...content } = parseOrThrow(correctEncounterInput, rawInput);
  return expectKind(correctEntry(db, writer, 'encounter', { id, expectedRevision, reason }, content).view, 'encounter');
}

export function voidEncounter(db: OutpostDatabase, writer: Writer, rawInput: VoidEntryInput): Encounter {
  const input = parseOrThrow(voidEntryInput, rawInput);
  voidEntry(db, writer, 'encounter', input);
  return expectKind(readEntry(db, input.id), 'encounter');
}

export function getEncounter(db: OutpostDatabase, rawInput: z.input<typeof getEntryInput>): Encounter {
  return expectKind(readEntry(db, parseOrThrow(getEntryInput, rawInput).id), 'encounter');
}

export function listEncounters(db: OutpostDatabase, rawInput: ListEntriesInput = {}): Encounter[] {
  return listEntries(db, 'encounter', rawInput) as Encounter[];
}

export function logTally(db: OutpostDatabase, writer: Writer, rawInput: LogTallyInput): Tally {
  const input = parseOrThrow(logTallyInput, rawInput);
  return expectKind(logEntry(db, writer, 'tally', input).view, 'tally');
}

export function correctTally(db: OutpostDatabase, writer: Writer, rawInput: CorrectTallyInput): Tally {
  const { id, expectedRevision, reason, ...content } = parseOrThrow(correctTallyInput, rawInput);
  return expectKind(correctEntry(db, writer, 'tally', { id, expectedRevision, reason }, content).view, 'tally');
}

export function voidTally(db: OutpostDatabase, writer: Writer, rawInput: VoidEntryInput): Tally {
  const input = parseOrThrow(voidEntryInput, rawInput);
  voidEntry(db, writer, 'tally', input);
  return expectKind(readEntry(db, input.id), 'tally');
}

export function getTally(db: OutpostDatabase, rawInput: z.input<typeof getEntryInput>): Tally {
  return expectKind(readEntry(db, parseOrThrow(getEntryInput, rawInput).id), 'tally');
}

export function listTallies(db: OutpostDatabase, rawInput: ListEntriesInput = {}): Tally[] {
  return listEntries(db, 'tally', rawInput) as Tally[];
}

type FieldEntryChannel =
  | 'encounters.log'
  | 'encounters.correct'
  | 'encounters.void'
  | 'encounters.get'
  | 'encounters.list'
  | 'tallies.log'
  | 'tallies.correct'
  | 'tallies.void'
  | 'tallies.get'
  | 'tallies.list';

export const fieldEntryHandlers: HandlerMap<FieldEntryChannel> = {
  'encounters.log': (context, input, actor) => logEncounter(context.db, writerOf(context, actor), input),
  'encounters.correct': (context, input, actor) => correctEncounter(context.db, writerOf(context, actor), input),
  'encounters.void': (context, input, actor) => voidEncounter(context.db, writerOf(context, actor), input),
  'encounters.get': (context, input) => getEncounter(context.db, input),
  'encounters.list': (context, input) => listEncounters(context.db, input),
  'tallies.log': (context, input, actor) => logTally(context.db, writerOf(context, actor), input),
  'tallies.correct': (context, input, actor) => correctTally(context.db, writerOf(context, actor), input),
  'tallies.void': (context, input, actor) => voidTally(context.db, writerOf(context, actor), input),
  'tallies.get': (context, input) => getTally(context.db, input),
  'tallies.list': (context, input) => listTallies(context.db, input),
};
