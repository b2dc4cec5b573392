import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import { createItemInput, createServiceTypeInput } from '../../../db/contract/catalog';
import { openCore } from '../../../db/runtime/core';
import { sourceWorkerEntry, startCore } from '../../../db/runtime/core-client';
import { defaultItems, defaultKitContents, defaultServiceTypes } from '../../../db/catalog/default-catalog';
import { verifyDatabase } from '../../../db/system/system';
import { localDate, systemTimeZone } from '../../../db/contract/calendar';
import { openTestCore, read } from '../../support/core';
import { databaseState } from '../../support/refusal';
import { tempDatabasePath } from '../../support/temp-files';

const now = new Date('2026-11-22T20:00:00Z');

describe('first run', () => {
  it('gives a new database a device, an admin, settings and a site', async () => {
    const core = await openTestCore({ clock: () => now });
    const { db } = core.context;
    const { identity } = core;
    expect(identity.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(read(db, 'staff.list', {})).toEqual([
      {
        id: identity.defaultStaffId,
        displayName: 'Default staff member',
        role: 'admin',
        active: true,
        createdAt: now.toISOString(),
      },
    ]);
    expect(read(db, 'settings.get', {})).toEqual({
      programName: 'Harm reduction program',
      timeZone: systemTimeZone(),
      participantCodeFormula: 'mother_month_year',
      syringesPerContainer: 100,
      syringesPerPound: 281,
      expiryWarningDays: 60,
      smallCellThreshold: 11,
      stockStartDate: localDate(now, systemTimeZone()),
      defaultLanguage: 'en',
      updatedBy: identity.defaultStaffId,
      updatedAt: now.toISOString(),
    });
    expect(read(db, 'sites.list', {})).toEqual([
      { id: expect.any(String), name: 'Main site', siteType: 'fixed', active: true },
    ]);
    expect(core.dispatch('session.current', {}, { staffId: identity.defaultStaffId })).toMatchObject({
      ok: true,
      data: { role: 'admin', displayName: 'Default staff member' },
    });
  });

  it("starts the program in the computer's time zone, as the core's process resolves it", async () => {
    // Node applies a TZ set while it runs, as it would one set before: a computer in Los Angeles.
    const was = process.env['TZ'];
    process.env['TZ'] = 'America/Los_Angeles';
    try {
      expect(read((await openTestCore()).context.db, 'settings.get', {}).timeZone).toBe('America/Los_Angeles');
      // The app's core runs in a worker thread of the main process: it resolves the same zone.
      const worker = await startCore(sourceWorkerEntry(), { databasePath: tempDatabasePath(), appVersion: 'test' });
      const settings = await worker.call('settings.get', {}, { staffId: worker.info.defaultStaffId });
      await worker.close();
      expect(settings).toMatchObject({ ok: true, data: { timeZone: 'America/Los_Angeles' } });
    } finally {
      if (was === undefined) delete process.env['TZ'];
      else process.env['TZ'] = was;
    }
  });

  it('seeds a starter catalog covering every category, with naloxone products and a kit', async () => {
    const { db } = (await openTestCore()).context;
    const items = read(db, 'items.list', {});
    expect(items).toHaveLength(defaultItems.length);
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((item) => item.category)).size).toBe(10);
    expect(items.filter((item) => item.category === 'syringe').every((item) => item.unitsPerPack === 100)).toBe(true);
    expect(items.find((item) => item.name === 'Naloxone nasal 4 mg (box of 2)')).toMatchObject({
      naloxoneForm: 'nasal',
      dosesPerUnit: 2,
      tracksLots: true,
    });
    expect(items.find((item) => item.naloxoneForm === 'intramuscular')).toMatchObject({
      dosesPerUnit: 1,
      tracksLots: true,
    });
    const common = items.filter((item) => item.isCommon);
    expect(common.length).toBeGreaterThanOrEqual(4);
    expect(common.length).toBeLessThanOrEqual(10);
    expect(items.slice(0, common.length)).toEqual(common);

    const kit = items.find((item) => item.name === 'Safer smoking kit')!;
    expect(kit.isKit).toBe(true);
    const contents = read(db, 'items.kitContents', { itemId: kit.id, allVersions: true });
    expect(contents.versions).toHaveLength(1);
    expect(contents.current?.version).toBe(1);
    expect(contents.current?.components.length).toBeGreaterThanOrEqual(3);
  });

  it('seeds services and referrals in a set order', async () => {
    const { db } = (await openTestCore()).context;
    const services = read(db, 'serviceTypes.list', {});
    expect(services.map((service) => service.name)).toEqual(defaultServiceTypes.map((service) => service.name));
    expect(services.map((service) => service.sortOrder)).toEqual(services.map((_, index) => index));
    expect(new Set(services.map((service) => service.kind))).toEqual(new Set(['service', 'referral']));
  });

  it('audits every seeded record and passes the whole-database check', async () => {
    const { db } = (await openTestCore()).context;
    const actions = db.all(db.query.selectFrom('audit_log').select('action')).map((row) => row.action);
    const count = (action: string) => actions.filter((candidate) => candidate === action).length;
    expect(count('system.setup')).toBe(1);
    expect(count('sites.create')).toBe(1);
    expect(count('items.create')).toBe(defaultItems.length);
    expect(count('items.setKitContents')).toBe(defaultKitContents.length);
    expect(count('serviceTypes.create')).toBe(defaultServiceTypes.length);
    expect(verifyAuditChain(db).intact).toBe(true);
    expect((await verifyDatabase(db)).ok).toBe(true);
  });

  it('keeps the same identity and adds nothing on the next open', async () => {
    const path = tempDatabasePath();
    const first = await openCore({ databasePath: path, appVersion: 'test' });
    const identity = first.identity;
    const state = databaseState(first.context.db);
    first.close();
    const second = await openCore({ databasePath: path, appVersion: 'test' });
    expect(second.identity).toEqual(identity);
    expect(databaseState(second.context.db)).toEqual(state);
    second.close();
  });
});

describe('the default catalog', () => {
  it('passes the rules the catalog screens apply', () => {
    for (const item of defaultItems) expect(createItemInput.safeParse(item).success, item.name).toBe(true);
    for (const service of defaultServiceTypes)
      expect(createServiceTypeInput.safeParse(service).success, service.name).toBe(true);
    const itemNames = defaultItems.map((item) => item.name.toLowerCase());
    expect(new Set(itemNames).size).toBe(itemNames.length);
    const serviceNames = defaultServiceTypes.map((service) => service.name.toLowerCase());
    expect(new Set(serviceNames).size).toBe(serviceNames.length);
  });

  it('fills kits with items that exist and are not kits themselves', () => {
    const byName = new Map(defaultItems.map((item) => [item.name, item]));
    for (const kit of defaultKitContents) {
      expect(byName.get(kit.kit)?.isKit, kit.kit).toBe(true);
      for (const component of kit.components) {
        expect(byName.has(component.item), component.item).toBe(true);
        expect(byName.get(component.item)?.isKit ?? false, component.item).toBe(false);
      }
    }
  });

  it('uses person-first, non-judgemental words', () => {
    const names = [...defaultItems.map((item) => item.name), ...defaultServiceTypes.map((service) => service.name)];
    for (const name of names) expect(name).not.toMatch(/\b(dirty|clean|addicts?|abusers?|junkies?|detox|clients?)\b/i);
  });
});
