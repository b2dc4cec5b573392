/**
 * What a database gets the first time it is opened: the device's identity and a default staff
 * member (until sign-in arrives), in one transaction. The program itself (settings, sites,
 * catalog) is set up by the person installing it, through system.setup (../system/setup.ts).
 */
import type { CoreFacts } from '../access/operations';
import type { OutpostDatabase, ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import type { CoreContext } from './dispatch';

export interface DatabaseIdentity {
  deviceId: string;
  defaultStaffId: string;
}

/** Opens the core's context on a migrated database, filling in what a new one lacks. */
export function prepareCore(
  db: OutpostDatabase,
  facts: Omit<CoreFacts, 'deviceId'>,
): { context: CoreContext; identity: DatabaseIdentity } {
  return db.transaction(() => {
    const identity = ensureIdentity(db);
    const context: CoreContext = { db, core: { ...facts, deviceId: identity.deviceId } };
    return { context, identity };
  });
}

/** This database's device, and the staff member who acts until sign-in arrives: its first active admin. */
export function findIdentity(db: ReadableDatabase): { deviceId?: string; defaultStaffId?: string } {
  const device = db.first(db.query.selectFrom('device').select('id').limit(1));
  const admin = db.first(
    db.query
      .selectFrom('staff')
      .select('id')
      .where('active', '=', 1)
      .where('role', '=', 'admin')
      .orderBy('created_at')
      .orderBy('id')
      .limit(1),
  );
  return { ...(device ? { deviceId: device.id } : {}), ...(admin ? { defaultStaffId: admin.id } : {}) };
}

function ensureIdentity(db: OutpostDatabase): DatabaseIdentity {
  const now = db.nowIso();
  const found = findIdentity(db);
  const deviceId = found.deviceId ?? newId();
  if (found.deviceId === undefined) db.insert('device', { id: deviceId, created_at: now });
  const defaultStaffId = found.defaultStaffId ?? newId();
  if (found.defaultStaffId === undefined) {
    db.insert('staff', {
      id: defaultStaffId,
      display_name: 'Default staff member',
      role: 'admin',
      active: 1,
      origin_device_id: deviceId,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
  }
  return { deviceId, defaultStaffId };
}
