/** Reading field entries back as the contract shows them: the current revision with every detail. */
import type { FieldEntry } from '../contract/field-entries';
import { OutpostError } from '../contract/errors';
import type { FieldEntryKind } from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';
import { isoOf } from '../platform/instants';
import { storedCodes } from '../platform/stored-codes';

/**
 * Builds the contract's view of entries (current revision), in the order of `ids`. The facts refer
 * to records by key; each query joins them back to the ids and names the contract shows.
 */
export function readEntries(db: ReadableDatabase, ids: string[]): FieldEntry[] {
  if (ids.length === 0) return [];
  const headers = db.all(
    db.query
      .selectFrom('field_entries as e')
      .innerJoin('field_entry_revisions as r', (join) =>
        join.onRef('r.entry_key', '=', 'e.key').onRef('r.revision', '=', 'e.current_revision'),
      )
      .innerJoin('sites as s', 's.key', 'r.site_key')
      .innerJoin('staff as creator', 'creator.key', 'e.created_by_key')
      .innerJoin('staff as changer', 'changer.key', 'r.created_by_key')
      .leftJoin('participants as p', 'p.key', 'r.participant_key')
      .leftJoin('field_entry_voids as v', 'v.entry_key', 'e.key')
      .select([
        'e.id as entry_id',
        'e.kind',
        'e.status',
        'e.created_ms as logged_ms',
        'r.key as revision_key',
        'r.revision',
        'r.occurred_ms',
        'r.local_date',
        'r.contact_type',
        'r.contacts',
        'r.on_behalf_of',
        'r.collected_counted',
        'r.collected_containers',
        'r.collected_pounds',
        'r.collected_estimated',
        'r.note',
        'r.moves_stock',
        'r.change_reason',
        'r.created_ms as changed_ms',
        's.id as site_id',
        's.name as site_name',
        'creator.display_name as logged_by',
        'changer.display_name as changed_by',
        'p.id as participant_id',
        'p.code as participant_code',
        'v.kind as void_kind',
        'v.reason as void_reason',
      ])
      .where('e.id', 'in', ids),
  );
  const revisionKeys = headers.map((header) => header.revision_key);
  const group = <Row extends { revision_key: number }>(rows: Row[]) => {
    const byRevision = new Map<number, Row[]>();
    for (const row of rows) byRevision.set(row.revision_key, [...(byRevision.get(row.revision_key) ?? []), row]);
    return byRevision;
  };
  const lines = group(
    db.all(
      db.query
        .selectFrom('field_entry_lines as l')
        .innerJoin('items as i', 'i.key', 'l.item_key')
        .leftJoin('lots as lot', 'lot.key', 'l.lot_key')
        .select([
          'l.revision_key',
          'i.id as item_id',
          'i.name as item_name',
          'i.unit',
          'i.is_kit',
          'l.units',
          'lot.id as lot_id',
          'lot.lot_number',
        ])
        .where('l.revision_key', 'in', revisionKeys)
        .orderBy('l.revision_key')
        .orderBy('l.line_no'),
    ),
  );
  const services = group(
    db.all(
      db.query
        .selectFrom('field_entry_services as fs')
        .innerJoin('service_types as t', 't.key', 'fs.service_type_key')
        .select(['fs.revision_key', 't.id', 't.name', 't.kind'])
        .where('fs.revision_key', 'in', revisionKeys)
        .orderBy('t.sort_order')
        .orderBy('t.name'),
    ),
  );
  const reversals = group(
    db.all(
      db.query
        .selectFrom('field_entry_reversals')
        .selectAll()
        .where('revision_key', 'in', revisionKeys)
        .orderBy('revision_key')
        .orderBy('reversal_no'),
    ),
  );
  const unmet = group(
    db.all(
      db.query
        .selectFrom('field_entry_unmet_requests as u')
        .innerJoin('items as i', 'i.key', 'u.item_key')
        .select(['u.revision_key', 'i.id as item_id', 'i.name as item_name', 'u.reason', 'u.units'])
        .where('u.revision_key', 'in', revisionKeys)
        .orderBy('u.revision_key')
        .orderBy('u.request_no'),
    ),
  );

  const views = new Map<string, FieldEntry>();
  for (const row of headers) {
    const common = {
      id: row.entry_id,
      status: row.status,
      revision: row.revision,
      siteId: row.site_id,
      siteName: row.site_name,
      occurredAt: isoOf(row.occurred_ms),
      localDate: row.local_date,
      lines: (lines.get(row.revision_key) ?? []).map((line) => ({
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
      services: (services.get(row.revision_key) ?? []).map((service) => ({
        id: service.id,
        name: service.name,
        kind: service.kind,
      })),
      reversals: (reversals.get(row.revision_key) ?? []).map((reversal) => ({
        outcome: reversal.outcome,
        dosesUsed: reversal.doses_used,
        note: reversal.note,
      })),
      unmetRequests: (unmet.get(row.revision_key) ?? []).map((request) => ({
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
    views.set(
      row.entry_id,
      storedCodes.entryKind.value(row.kind) === 'encounter'
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

export function readEntry(db: ReadableDatabase, id: string): FieldEntry {
  const view = readEntries(db, [id])[0];
  if (!view) throw new OutpostError('entry_not_found', { field: 'id' });
  return view;
}

export function expectKind<K extends FieldEntryKind>(view: FieldEntry, kind: K): Extract<FieldEntry, { kind: K }> {
  if (view.kind !== kind) throw new OutpostError('wrong_kind', { field: 'id' });
  return view as Extract<FieldEntry, { kind: K }>;
}
