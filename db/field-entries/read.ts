/** Reading field entries back as the contract shows them: the current revision with every detail. */
import type { FieldEntry } from '../contract/field-entries';
import { OutpostError } from '../contract/errors';
import type { FieldEntryKind } from '../contract/vocabulary';
import type { ReadableDatabase } from '../platform/database';

/** Builds the contract's view of entries (current revision), in the order of `ids`. */
export function readEntries(db: ReadableDatabase, ids: string[]): FieldEntry[] {
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
        'v.kind as void_kind',
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

  const views = new Map<string, FieldEntry>();
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
      voidKind: row.void_kind,
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

export function readEntry(db: ReadableDatabase, id: string): FieldEntry {
  const view = readEntries(db, [id])[0];
  if (!view) throw new OutpostError('entry_not_found', { field: 'id' });
  return view;
}

export function expectKind<K extends FieldEntryKind>(view: FieldEntry, kind: K): Extract<FieldEntry, { kind: K }> {
  if (view.kind !== kind) throw new OutpostError('wrong_kind', { field: 'id' });
  return view as Extract<FieldEntry, { kind: K }>;
}
