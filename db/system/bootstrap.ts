/**
 * First-run set-up: the device's identity, a default staff member (until sign-in arrives), the
 * program settings, a site, the default catalog and service types, so a new install can log its
 * first encounter straight away. Runs in one transaction and only fills what is missing.
 */
import { appendAudit } from '../audit/audit-log';
import { insertItem, insertServiceType, insertSite, writeKitVersion } from '../catalog/catalog';
import type { OutpostDatabase } from '../platform/database';
import { defaultItems, defaultKitContents, defaultServiceTypes } from '../catalog/default-catalog';
import { newId } from '../platform/ids';
import { localDate, systemTimeZone } from '../contract/calendar';
import type { Writer } from '../access/roles';

export interface DatabaseIdentity {
  deviceId: string;
  defaultStaffId: string;
}

export function ensureIdentity(db: OutpostDatabase): DatabaseIdentity {
  return db.transaction(() => {
    const now = db.nowIso();
    let device = db.first(db.query.selectFrom('device').select('id').limit(1));
    if (!device) {
      device = { id: newId() };
      db.run(db.query.insertInto('device').values({ id: device.id, created_at: now }));
    }
    let staff = db.first(
      db.query
        .selectFrom('staff')
        .select('id')
        .where('active', '=', 1)
        .where('role', '=', 'admin')
        .orderBy('created_at')
        .orderBy('id')
        .limit(1),
    );
    if (!staff) {
      staff = { id: newId() };
      db.run(
        db.query.insertInto('staff').values({
          id: staff.id,
          display_name: 'Default staff member',
          role: 'admin',
          active: 1,
          origin_device_id: device.id,
          created_by: null,
          created_at: now,
          updated_at: now,
        }),
      );
    }
    const writer: Writer = { deviceId: device.id, staffId: staff.id };
    seedDefaults(db, writer);
    return { deviceId: device.id, defaultStaffId: staff.id };
  });
}

function seedDefaults(db: OutpostDatabase, writer: Writer): void {
  const now = db.nowIso();
  if (!db.first(db.query.selectFrom('program_settings').select('id'))) {
    const timeZone = systemTimeZone();
    const settings = {
      id: 'program' as const,
      program_name: 'Harm reduction program',
      time_zone: timeZone,
      participant_code_formula: 'mother_month_year' as const,
      syringes_per_container: 100,
      syringes_per_pound: 281,
      expiry_warning_days: 60,
      small_cell_threshold: 11,
      // Stock is tracked from the day the program starts using Outpost; older history moves none.
      stock_start_date: localDate(db.now(), timeZone),
      default_language: 'en' as const,
      updated_by: writer.staffId,
      updated_at: now,
    };
    db.run(db.query.insertInto('program_settings').values(settings));
    appendAudit(db, writer, {
      action: 'settings.create',
      entityType: 'program_settings',
      entityId: 'program',
      after: settings,
    });
  }
  if (!db.first(db.query.selectFrom('sites').select('id').limit(1))) {
    const site = insertSite(db, writer, { name: 'Main site', siteType: 'fixed' });
    appendAudit(db, writer, { action: 'sites.create', entityType: 'site', entityId: site.id, after: site });
  }
  if (!db.first(db.query.selectFrom('items').select('id').limit(1))) seedCatalog(db, writer);
  if (!db.first(db.query.selectFrom('service_types').select('id').limit(1))) {
    defaultServiceTypes.forEach((newService, index) => {
      const service = insertServiceType(db, writer, { ...newService, sortOrder: index });
      appendAudit(db, writer, {
        action: 'serviceTypes.create',
        entityType: 'service_type',
        entityId: service.id,
        after: service,
      });
    });
  }
}

function seedCatalog(db: OutpostDatabase, writer: Writer): void {
  const idByName = new Map<string, string>();
  for (const newItem of defaultItems) {
    const item = insertItem(db, writer, newItem);
    idByName.set(item.name, item.id);
    appendAudit(db, writer, { action: 'items.create', entityType: 'item', entityId: item.id, after: item });
  }
  const idOf = (name: string): string => {
    const id = idByName.get(name);
    if (!id) throw new Error(`The default catalog has no item named "${name}".`);
    return id;
  };
  for (const kit of defaultKitContents) {
    const components = kit.components.map((component) => ({ itemId: idOf(component.item), units: component.units }));
    const version = writeKitVersion(db, writer, idOf(kit.kit), components);
    appendAudit(db, writer, {
      action: 'items.setKitContents',
      entityType: 'item',
      entityId: version.kitItemId,
      before: null,
      after: version,
    });
  }
}
