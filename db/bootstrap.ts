/**
 * First-run set-up: the device's identity, a default staff member (until sign-in arrives), a site
 * and a starter catalog, so a new install can log its first encounter straight away.
 */
import { insertItem, insertSite } from './catalog';
import type { OutpostDatabase } from './database';
import { newId } from './ids';
import type { ItemCategory, SiteType } from './schema';

export interface DatabaseIdentity {
  deviceId: string;
  defaultStaffId: string;
}

const starterSite: { name: string; siteType: SiteType } = { name: 'Main site', siteType: 'fixed' };

const starterItems: { name: string; category: ItemCategory; unit: string }[] = [
  { name: 'Syringe 1 mL 28G 1/2in', category: 'syringe', unit: 'syringe' },
  { name: 'Syringe 1 mL 27G 1/2in', category: 'syringe', unit: 'syringe' },
  { name: 'Naloxone nasal 4 mg (box of 2)', category: 'naloxone', unit: 'box' },
  { name: 'Fentanyl test strip', category: 'fentanyl_test_strip', unit: 'strip' },
  { name: 'Xylazine test strip', category: 'xylazine_test_strip', unit: 'strip' },
  { name: 'Safer smoking kit', category: 'smoking', unit: 'kit' },
  { name: 'Condom', category: 'safer_sex', unit: 'condom' },
  { name: 'Wound care kit', category: 'wound_care', unit: 'kit' },
  { name: 'Sharps container 1 qt', category: 'sharps_container', unit: 'container' },
];

export function ensureIdentity(db: OutpostDatabase): DatabaseIdentity {
  return db.transaction(() => {
    const now = db.nowIso();
    let device = db.first(db.query.selectFrom('device').select('id').limit(1));
    if (!device) {
      device = { id: newId() };
      db.run(db.query.insertInto('device').values({ id: device.id, created_at: now }));
    }
    let staff = db.first(
      db.query.selectFrom('staff').select('id').where('active', '=', 1).orderBy('created_at').orderBy('id').limit(1),
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
          created_at: now,
          updated_at: now,
        }),
      );
    }
    const origin = { deviceId: device.id, staffId: staff.id };
    if (!db.first(db.query.selectFrom('sites').select('id').limit(1))) insertSite(db, origin, starterSite);
    if (!db.first(db.query.selectFrom('items').select('id').limit(1))) {
      for (const item of starterItems) insertItem(db, origin, item);
    }
    return { deviceId: device.id, defaultStaffId: staff.id };
  });
}
