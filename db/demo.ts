/**
 * A small, deterministic demo dataset so a new user can try Outpost without touching real data.
 * Only ever written into a separate demo database (the UI shows a DEMO banner there).
 * The full-scale generator (20 sites x 5 years) arrives with the core data model.
 */
import { insertSite, listItems, listSites } from './catalog';
import type { DatabaseIdentity } from './bootstrap';
import type { OutpostDatabase } from './database';
import { logEncounter } from './encounters';
import type { SiteType } from './schema';

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const demoSites: { name: string; siteType: SiteType }[] = [
  { name: 'Downtown drop-in', siteType: 'drop_in' },
  { name: 'Van 1', siteType: 'mobile_van' },
  { name: 'Riverside outreach', siteType: 'street_outreach' },
];

export interface DemoOptions {
  seed?: number;
  days?: number;
  encountersPerDay?: number;
}

/** Fills an empty demo database; does nothing when encounters already exist. */
export function seedDemoData(db: OutpostDatabase, identity: DatabaseIdentity, options: DemoOptions = {}): number {
  if (db.first(db.query.selectFrom('encounters').select('id').limit(1))) return 0;
  const random = randomSource(options.seed ?? 20261122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const writer = { deviceId: identity.deviceId, staffId: identity.defaultStaffId };

  return db.transaction(() => {
    for (const site of demoSites) insertSite(db, writer, site);
    const sites = listSites(db);
    const items = listItems(db);
    const codes = Array.from({ length: 60 }, (_, index) => `DM${String(1000 + index * 37).slice(-4)}`);
    const days = options.days ?? 30;
    const perDay = options.encountersPerDay ?? 12;
    const today = db.now();
    let written = 0;
    for (let day = days; day >= 1; day -= 1) {
      const date = new Date(today.getTime() - day * 86_400_000);
      if (date.getUTCDay() === 0) continue; // most programs are closed on Sundays
      const count = Math.round(perDay * (0.6 + random() * 0.8));
      for (let n = 0; n < count; n += 1) {
        date.setUTCHours(9 + Math.floor(random() * 8), Math.floor(random() * 60), 0, 0);
        const chosen = new Set<string>();
        const lineCount = 1 + Math.floor(random() * 3);
        while (chosen.size < lineCount) chosen.add(pick(items).id);
        logEncounter(db, writer, {
          siteId: pick(sites).id,
          occurredAt: date.toISOString(),
          participantCode: random() < 0.2 ? null : pick(codes),
          lines: [...chosen].map((itemId) => ({ itemId, quantity: 1 + Math.floor(random() * 20) })),
        });
        written += 1;
      }
    }
    return written;
  });
}
