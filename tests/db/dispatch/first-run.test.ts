import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import { createItemInput, createServiceTypeInput } from '../../../db/contract/catalog';
import { openCore } from '../../../db/runtime/core';
import { defaultItems, defaultKitContents, defaultServiceTypes } from '../../../db/catalog/default-catalog';
import { verifyDatabase } from '../../../db/system/system';
import { timeZoneNamed, timeZoneNames } from '../../../db/contract/calendar';
import type { SetupInput } from '../../../db/contract/system';
import { countRows, openTestCore, read } from '../../support/core';
import { testSetup } from '../../support/test-setup';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { tempDatabasePath } from '../../support/temp-files';

const now = new Date('2026-11-22T20:00:00Z');

describe('first run', () => {
  it('gives a new database a device and an admin, and asks for the rest before anything else', async () => {
    const core = await openTestCore({ clock: () => now, setup: null });
    const { identity } = core;
    expect(identity.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    const admin = { staffId: identity.defaultStaffId };
    const status = core.perform('system.setupStatus', {}, admin);
    expect(status.needed).toBe(true);
    expect(status.catalog.map((item) => item.name)).toEqual(defaultItems.map((item) => item.name));
    expect(status.catalog.find((item) => item.name === 'Safer smoking kit')).toMatchObject({
      isKit: true,
      components: ['Glass stem', 'Mouthpiece', 'Brass screen', 'Push stick', 'Alcohol pad'],
    });
    expect(core.perform('session.current', {}, admin)).toMatchObject({
      role: 'admin',
      displayName: 'Default staff member',
    });
    for (const channel of ['sites.list', 'settings.get', 'items.list'] as const) {
      expect(core.dispatch(channel, {}, admin), channel).toMatchObject({
        ok: false,
        error: { code: 'setup_required' },
      });
    }
    expect(countRows(core, 'program_settings') + countRows(core, 'sites') + countRows(core, 'items')).toBe(0);
  });

  it("sets the program up once, as asked: settings, sites, the items chosen with their kits' contents", async () => {
    const core = await openTestCore({ clock: () => now, setup: null });
    const { db } = core.context;
    const admin = { staffId: core.info.defaultStaffId };
    const settings = core.perform(
      'system.setup',
      {
        ...testSetup,
        programName: 'Eastside Harm Reduction',
        language: 'es',
        timeZone: 'america/vancouver',
        participantCodeFormula: 'gender_letters_year',
        sites: [
          { name: 'Drop-in', siteType: 'drop_in' },
          { name: 'Van 1', siteType: 'mobile_van' },
        ],
        items: ['Safer smoking kit', 'Syringe 1 mL 27G 1/2in'],
        syringesPerContainer: 80,
        syringesPerPound: 300,
      },
      admin,
    );
    expect(settings).toEqual({
      programName: 'Eastside Harm Reduction',
      timeZone: 'America/Vancouver',
      participantCodeFormula: 'gender_letters_year',
      syringesPerContainer: 80,
      syringesPerPound: 300,
      expiryWarningDays: 60,
      smallCellThreshold: 11,
      // 20:00 UTC on 22 November is noon in Vancouver, the same day.
      stockStartDate: '2026-11-22',
      defaultLanguage: 'es',
      updatedBy: core.info.defaultStaffId,
      updatedAt: now.toISOString(),
    });
    expect(read(db, 'settings.get', {})).toEqual(settings);
    expect(read(db, 'sites.list', {}).map((site) => [site.name, site.siteType])).toEqual([
      ['Drop-in', 'drop_in'],
      ['Van 1', 'mobile_van'],
    ]);
    // The kit brings its contents, in the default catalog's order.
    expect(
      read(db, 'items.list', {})
        .map((item) => item.name)
        .sort(),
    ).toEqual(
      [
        'Syringe 1 mL 27G 1/2in',
        'Alcohol pad',
        'Glass stem',
        'Mouthpiece',
        'Brass screen',
        'Push stick',
        'Safer smoking kit',
      ].sort(),
    );
    const kit = read(db, 'items.list', {}).find((item) => item.name === 'Safer smoking kit')!;
    expect(read(db, 'items.kitContents', { itemId: kit.id }).current?.components).toHaveLength(5);
    expect(read(db, 'serviceTypes.list', {})).toHaveLength(defaultServiceTypes.length);
    expect(core.perform('system.setupStatus', {}, admin).needed).toBe(false);
    expectRefused(() => core.perform('system.setup', testSetup, admin), 'setup_already_done');
  });

  it('refuses a bad answer with its field and writes nothing', async () => {
    const core = await openTestCore({ setup: null });
    const admin = { staffId: core.info.defaultStaffId };
    const before = databaseState(core.context.db);
    const setUp = (patch: Partial<SetupInput>) => () => core.perform('system.setup', { ...testSetup, ...patch }, admin);
    expectRefused(setUp({ timeZone: 'PST' }), 'time_zone_invalid', 'timeZone');
    expectRefused(setUp({ timeZone: '+05:00' }), 'time_zone_invalid', 'timeZone');
    expectRefused(setUp({ timeZone: 'Mars/Olympus' }), 'time_zone_invalid', 'timeZone');
    expectRefused(setUp({ sites: [] }), 'setup_sites_required', 'sites');
    expectRefused(setUp({ sites: [{ name: ' ', siteType: 'fixed' }] }), 'name_required', 'sites.0.name');
    expectRefused(setUp({ items: ['Syringe 1 mL 27G 1/2in', 'Gold bar'] }), 'setup_item_unknown', 'items.1');
    // A refusal of a later part undoes the parts already made.
    expectRefused(
      setUp({
        sites: [
          { name: 'Van', siteType: 'mobile_van' },
          { name: 'van', siteType: 'mobile_van' },
        ],
      }),
      'site_name_taken',
      'sites.1.name',
    );
    expectNothingChanged(core.context.db, before);
    expect(core.perform('system.setupStatus', {}, admin).needed).toBe(true);
  });

  it('takes the time zone from the list, in any letter case or by an older name, and refuses abbreviations', () => {
    expect(timeZoneNamed('america/vancouver')).toBe('America/Vancouver');
    expect(timeZoneNamed('UTC')).toBe('UTC');
    expect(timeZoneNamed('US/Pacific')).toBe('America/Los_Angeles');
    expect(timeZoneNamed('PST')).toBeUndefined();
    expect(timeZoneNamed('EST')).toBeUndefined();
    expect(timeZoneNamed('')).toBeUndefined();
    expect(timeZoneNames()[0]).toBe('UTC');
    expect(timeZoneNames()).toContain('America/Los_Angeles');
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
    // One row for each record setup made, all under setup's name: settings, site, items, kits, services.
    expect(count('system.setup')).toBe(
      1 + 1 + defaultItems.length + defaultKitContents.length + defaultServiceTypes.length,
    );
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
