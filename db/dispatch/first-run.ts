/**
 * First-run set-up: the device's identity, a default staff member (until sign-in arrives), the
 * program settings, a site, the default catalog and service types, so a new install can log its
 * first encounter straight away. It only fills what is missing, in one transaction, and makes the
 * catalog through the ordinary channels (validated and audited) on the bulk path.
 */
import { written, type CoreFacts } from '../access/operations';
import { defaultItems, defaultKitContents, defaultServiceTypes } from '../catalog/default-catalog';
import { localDate, systemTimeZone } from '../contract/calendar';
import type { Actor } from '../contract/envelope';
import type { OutpostDatabase, ReadableDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import type { ProgramSettingsRow } from '../platform/schema';
import { bulkWrite, performMany } from './bulk';
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
    seedDefaults(context, { staffId: identity.defaultStaffId });
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

function seedDefaults(context: CoreContext, admin: Actor): void {
  const { db } = context;
  if (!db.first(db.query.selectFrom('program_settings').select('id'))) {
    bulkWrite(context, admin, 'system.setup', ({ db: tx, writer }) => {
      const timeZone = systemTimeZone();
      const settings: ProgramSettingsRow = {
        id: 'program',
        program_name: 'Harm reduction program',
        time_zone: timeZone,
        participant_code_formula: 'mother_month_year',
        syringes_per_container: 100,
        syringes_per_pound: 281,
        expiry_warning_days: 60,
        small_cell_threshold: 11,
        // Stock is tracked from the day the program starts using Outpost; older history moves none.
        stock_start_date: localDate(tx.now(), timeZone),
        default_language: 'en',
        updated_by: writer.staffId,
        updated_at: tx.nowIso(),
      };
      tx.insert('program_settings', settings);
      return written(null, { entity: 'program_settings', id: 'program', after: settings });
    });
  }
  if (!db.first(db.query.selectFrom('sites').select('id').limit(1))) {
    performMany(context, 'sites.create', [{ name: 'Main site', siteType: 'fixed' }], admin);
  }
  if (!db.first(db.query.selectFrom('items').select('id').limit(1))) seedCatalog(context, admin);
  if (!db.first(db.query.selectFrom('service_types').select('id').limit(1))) {
    performMany(
      context,
      'serviceTypes.create',
      defaultServiceTypes.map((service, index) => ({ ...service, sortOrder: index })),
      admin,
    );
  }
}

function seedCatalog(context: CoreContext, admin: Actor): void {
  const items = performMany(context, 'items.create', defaultItems, admin);
  const idOf = (name: string): string => {
    const item = items.find((candidate) => candidate.name === name);
    if (!item) throw new Error(`The default catalog has no item named "${name}".`);
    return item.id;
  };
  performMany(
    context,
    'items.setKitContents',
    defaultKitContents.map((kit) => ({
      itemId: idOf(kit.kit),
      components: kit.components.map((component) => ({ itemId: idOf(component.item), units: component.units })),
    })),
    admin,
  );
}
