/** Service and referral types an encounter can record (HIV test, MOUD referral, wound care...). */
import { written, type Operations, type WriteScope } from '../access/operations';
import type { ParsedInput } from '../contract';
import type { catalogChannels, ServiceType } from '../contract/catalog';
import type { ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { changedKeys, definedOnly, flag, nameTaken, refuse } from '../platform/records';
import type { ServiceTypeRow } from '../platform/schema';

/** A new row has no key until it is inserted; the contract's shape never shows it. */
export function toServiceType(row: Omit<ServiceTypeRow, 'key'>): ServiceType {
  return { id: row.id, name: row.name, kind: row.kind, sortOrder: row.sort_order, active: row.active === 1 };
}

function listServiceTypes({ db }: { db: ReadableDatabase }, input: ParsedInput<'serviceTypes.list'>): ServiceType[] {
  let query = db.query.selectFrom('service_types').selectAll().orderBy('sort_order').orderBy('name').orderBy('id');
  if (!input.includeInactive) query = query.where('active', '=', 1);
  if (input.kind) query = query.where('kind', '=', input.kind);
  return db.all(query).map(toServiceType);
}

function nextSortOrder(db: ReadableDatabase): number {
  const row = db.first(db.query.selectFrom('service_types').select((eb) => eb.fn.max('sort_order').as('last')));
  return (row?.last ?? -1) + 1;
}

function createServiceType({ db, writer }: WriteScope, input: ParsedInput<'serviceTypes.create'>) {
  if (nameTaken(db, 'service_types', input.name, null)) refuse('service_type_name_taken', 'name');
  const now = db.nowIso();
  const row: Omit<ServiceTypeRow, 'key'> = {
    id: newId(),
    name: input.name,
    kind: input.kind,
    sort_order: input.sortOrder ?? nextSortOrder(db),
    active: 1,
    origin_device_id: writer.deviceId,
    created_by: writer.staffId,
    created_at: now,
    updated_at: now,
  };
  db.insert('service_types', row);
  const service = toServiceType(row);
  return written(service, { entity: 'service_type', id: service.id, after: service });
}

function updateServiceType({ db }: WriteScope, { id, ...changes }: ParsedInput<'serviceTypes.update'>) {
  const row = db.first(db.query.selectFrom('service_types').selectAll().where('id', '=', id));
  if (!row) return refuse('service_type_not_found', 'id');
  const before = toServiceType(row);
  if (changes.name !== undefined && nameTaken(db, 'service_types', changes.name, id))
    refuse('service_type_name_taken', 'name');
  if (changedKeys(before, changes).length === 0) return written(before);
  const after: ServiceType = { ...before, ...definedOnly(changes) };
  db.run(
    db.query
      .updateTable('service_types')
      .set({
        name: after.name,
        kind: after.kind,
        sort_order: after.sortOrder,
        active: flag(after.active),
        updated_at: db.nowIso(),
      })
      .where('id', '=', id),
  );
  return written(after, { entity: 'service_type', id, before, after });
}

export const serviceTypeOperations: Operations<Extract<keyof typeof catalogChannels, `serviceTypes.${string}`>> = {
  'serviceTypes.list': listServiceTypes,
  'serviceTypes.create': createServiceType,
  'serviceTypes.update': updateServiceType,
};
