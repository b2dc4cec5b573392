/** Reading field entries back as the contract shows them: the current revision with every detail. */
import type { FieldEntry } from '../contract/field-entries';
import { OutpostError } from '../contract/errors';
import type {
  ContactType,
  FieldEntryKind,
  ReversalOutcome,
  ServiceKind,
  UnmetReason,
  VoidKind,
} from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';
import { isoOf } from '../platform/instants';
import { storedCodes } from '../platform/stored-codes';

/** The ids or keys a query reads, as one parameter: the statement stays the same for any number. */
const listed = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/** An entry's current revision with the names it shows, as the header query reads it. */
export interface EntryHeader {
  entry_id: string;
  kind: number;
  status: FieldEntry['status'];
  logged_ms: number;
  revision_key: number;
  revision: number;
  occurred_ms: number;
  local_date: string;
  contact_type: ContactType | null;
  contacts: number;
  on_behalf_of: number;
  collected_counted: number;
  collected_containers: number;
  collected_pounds: number;
  collected_estimated: number;
  note: string | null;
  moves_stock: number;
  change_reason: string | null;
  changed_ms: number;
  site_id: string;
  site_name: string;
  logged_by: string;
  changed_by: string;
  participant_id: string | null;
  participant_code: string | null;
  void_kind: VoidKind | null;
  void_reason: string | null;
}

// Fixed SQL through cached statements: a save reads its entry back every time, and building and
// compiling five queries each time cost more than SQLite answering them.
/** Entries' headers, with `revisions` saying which of each entry's revisions are joined. */
const headersOf = (
  revisions: string,
) => `SELECT e.id AS entry_id, e.kind, e.status, e.created_ms AS logged_ms, r.key AS revision_key, r.revision,
    r.occurred_ms, r.local_date, r.contact_type, r.contacts, r.on_behalf_of, r.collected_counted,
    r.collected_containers, r.collected_pounds, r.collected_estimated, r.note, r.moves_stock, r.change_reason,
    r.created_ms AS changed_ms, s.id AS site_id, s.name AS site_name, creator.display_name AS logged_by,
    changer.display_name AS changed_by, p.id AS participant_id, p.code AS participant_code, v.kind AS void_kind,
    v.reason AS void_reason
  FROM field_entries e
  JOIN field_entry_revisions r ON r.entry_key = e.key${revisions}
  JOIN sites s ON s.key = r.site_key
  JOIN staff creator ON creator.key = e.created_by_key
  JOIN staff changer ON changer.key = r.created_by_key
  LEFT JOIN participants p ON p.key = r.participant_key
  LEFT JOIN field_entry_voids v ON v.entry_key = e.key`;
const headersSql = `${headersOf(' AND r.revision = e.current_revision')} WHERE ${listed('e.id')}`;
/** Every revision of one entry, first to last, each as a header of its own (the history reads them). */
const revisionHeadersSql = `${headersOf('')} WHERE e.id = ? ORDER BY r.revision`;
const linesSql = `SELECT l.revision_key, i.id AS item_id, i.name AS item_name, i.unit, i.is_kit, l.units, lot.id AS lot_id,
    lot.lot_number
  FROM field_entry_lines l
  JOIN items i ON i.key = l.item_key
  LEFT JOIN lots lot ON lot.key = l.lot_key
  WHERE ${listed('l.revision_key')}
  ORDER BY l.revision_key, l.line_no`;
const servicesSql = `SELECT fs.revision_key, t.id, t.name, t.kind
  FROM field_entry_services fs JOIN service_types t ON t.key = fs.service_type_key
  WHERE ${listed('fs.revision_key')}
  ORDER BY t.sort_order, t.name`;
const reversalsSql = `SELECT revision_key, outcome, doses_used, note FROM field_entry_reversals
  WHERE ${listed('revision_key')} ORDER BY revision_key, reversal_no`;
const unmetSql = `SELECT u.revision_key, i.id AS item_id, i.name AS item_name, u.reason, u.units
  FROM field_entry_unmet_requests u JOIN items i ON i.key = u.item_key
  WHERE ${listed('u.revision_key')}
  ORDER BY u.revision_key, u.request_no`;

/** A revision's details, each in the order the view lists them. */
export interface EntryDetails {
  lines: {
    item_id: string;
    item_name: string;
    unit: string;
    is_kit: number;
    units: number;
    lot_id: string | null;
    lot_number: string | null;
  }[];
  services: { id: string; name: string; kind: ServiceKind }[];
  reversals: { outcome: ReversalOutcome; doses_used: number | null; note: string | null }[];
  unmet: { item_id: string; item_name: string; reason: UnmetReason; units: number | null }[];
}

type ByRevision<Row> = Row & { revision_key: number };

/**
 * The contract's view of one entry from its rows: the one shape reads return and the audit log
 * digests (the demo generator shapes what it writes through it too, so its digests match).
 */
export function entryView(row: EntryHeader, details: EntryDetails): FieldEntry {
  const common = {
    id: row.entry_id,
    status: row.status,
    revision: row.revision,
    siteId: row.site_id,
    siteName: row.site_name,
    occurredAt: isoOf(row.occurred_ms),
    localDate: row.local_date,
    lines: details.lines.map((line) => ({
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
    services: details.services.map((service) => ({ id: service.id, name: service.name, kind: service.kind })),
    reversals: details.reversals.map((reversal) => ({
      outcome: reversal.outcome,
      dosesUsed: reversal.doses_used,
      note: reversal.note,
    })),
    unmetRequests: details.unmet.map((request) => ({
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
    loggedAt: isoOf(row.logged_ms),
    changedBy: row.changed_by,
    changedAt: isoOf(row.changed_ms),
    changeReason: row.change_reason,
    voidKind: row.void_kind,
    voidReason: row.void_reason,
  };
  return storedCodes.entryKind.value(row.kind) === 'encounter'
    ? {
        ...common,
        kind: 'encounter',
        contactType: row.contact_type ?? 'in_person',
        participantId: row.participant_id,
        participantCode: row.participant_code,
        onBehalfOf: row.on_behalf_of,
      }
    : { ...common, kind: 'tally', contacts: row.contacts };
}

/**
 * Builds the contract's view of entries (current revision), in the order of `ids`. The facts refer
 * to records by key; each query joins them back to the ids and names the contract shows.
 */
export function readEntries(db: ReadableDatabase, ids: string[]): FieldEntry[] {
  if (ids.length === 0) return [];
  const headers = db.statement(headersSql).all(JSON.stringify(ids)) as EntryHeader[];
  const views = new Map(viewsOf(db, headers).map((view) => [view.id, view]));
  return ids.flatMap((id) => views.get(id) ?? []);
}

/**
 * Every revision of one entry as the contract would have shown it then, first to last (the void,
 * if any, on each): what its history compares. Empty when no entry has the id.
 */
export function readRevisions(db: ReadableDatabase, id: string): FieldEntry[] {
  return viewsOf(db, db.statement(revisionHeadersSql).all(id) as EntryHeader[]);
}

/** The views of `headers`, in their order, each with its revision's details. */
function viewsOf(db: ReadableDatabase, headers: EntryHeader[]): FieldEntry[] {
  if (headers.length === 0) return [];
  const revisionKeys = JSON.stringify(headers.map((header) => header.revision_key));
  const group = <Row extends { revision_key: number }>(sqlText: string) => {
    const byRevision = new Map<number, Row[]>();
    for (const row of db.statement(sqlText).all(revisionKeys) as Row[]) {
      const rows = byRevision.get(row.revision_key);
      if (rows) rows.push(row);
      else byRevision.set(row.revision_key, [row]);
    }
    return byRevision;
  };
  const lines = group<ByRevision<EntryDetails['lines'][number]>>(linesSql);
  const services = group<ByRevision<EntryDetails['services'][number]>>(servicesSql);
  const reversals = group<ByRevision<EntryDetails['reversals'][number]>>(reversalsSql);
  const unmet = group<ByRevision<EntryDetails['unmet'][number]>>(unmetSql);
  return headers.map((row) =>
    entryView(row, {
      lines: lines.get(row.revision_key) ?? [],
      services: services.get(row.revision_key) ?? [],
      reversals: reversals.get(row.revision_key) ?? [],
      unmet: unmet.get(row.revision_key) ?? [],
    }),
  );
}

export function readEntry(db: ReadableDatabase, id: string): FieldEntry {
  const view = readEntries(db, [id])[0];
  if (!view) throw new OutpostError('entry_not_found', { field: 'id' });
  return view;
}

export function expectKind<K extends FieldEntryKind>(view: FieldEntry, kind: K): Extract<FieldEntry, { kind: K }> {
  if (view.kind !== kind) throw new OutpostError('wrong_kind', { field: 'id' });
  return view as Extract<FieldEntry, { kind: K }>;
}
