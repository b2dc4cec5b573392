/**
 * A record's local key from its id, and back. The contract names records by id (UUIDv7); the
 * compact tables (0009) refer to them by key. Each lookup is one read of a unique index.
 */
import type { ReadableDatabase, WritableDatabase } from './database';
import { idBytes } from './ids';
import type { Writer } from './records';

/** The tables whose records have both an id and a key. */
export type KeyedTable =
  | 'device'
  | 'staff'
  | 'sites'
  | 'items'
  | 'kit_versions'
  | 'lots'
  | 'service_types'
  | 'presets'
  | 'participants'
  | 'participant_merges'
  | 'field_entries'
  | 'field_entry_voids'
  | 'receipts'
  | 'collections'
  | 'transfers'
  | 'adjustments'
  | 'adjustment_reasons'
  | 'item_gtins'
  | 'counts';

/** The key of the record with this id, or undefined when there is none. */
export function keyOf(db: ReadableDatabase, table: KeyedTable, id: string): number | undefined {
  const row = db.statement(`SELECT key FROM ${table} WHERE id = ?`).get(id) as { key: number } | undefined;
  return row?.key;
}

/** The key of a record known to exist (a reference already checked, a row just written). */
export function keyOfExisting(db: ReadableDatabase, table: KeyedTable, id: string): number {
  const key = keyOf(db, table, id);
  if (key === undefined) throw new Error(`No ${table} row has id ${id}.`);
  return key;
}

/** The id of the record with this key (a key always names a record: references are enforced). */
export function idOfKey(db: ReadableDatabase, table: KeyedTable, key: number): string {
  const row = db.statement(`SELECT id FROM ${table} WHERE key = ?`).get(key) as { id: string } | undefined;
  if (!row) throw new Error(`No ${table} row has key ${key}.`);
  return row.id;
}

/** The writer's device and staff member as the compact tables record them. */
export function writerKeys(db: ReadableDatabase, writer: Writer): { deviceKey: number; staffKey: number } {
  if (writer.keys) return writer.keys;
  return {
    deviceKey: keyOfExisting(db, 'device', writer.deviceId),
    staffKey: keyOfExisting(db, 'staff', writer.staffId),
  };
}

/** The key SQLite gave the row just inserted on this connection. */
export function insertedKey(db: WritableDatabase): number {
  return (db.statement('SELECT last_insert_rowid() AS key').get() as { key: number }).key;
}

/**
 * The record a form was saved as already, named by the form's key, if it was: a second save of
 * the same form (a double press, a retry after a lost answer) is answered with it, writing nothing.
 */
export function savedFromForm(
  db: ReadableDatabase,
  table: 'field_entries' | 'collections' | 'transfers' | 'adjustments' | 'receipts' | 'counts',
  formKey: string | undefined,
): { key: number; id: string } | undefined {
  if (formKey === undefined) return undefined;
  return db.statement(`SELECT key, id FROM ${table} WHERE form_key = ?`).get(idBytes(formKey)) as
    { key: number; id: string } | undefined;
}
