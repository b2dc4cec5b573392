/**
 * On hand per site and item: units and packs, what is available to hand out (expired lots
 * excluded), what is on its way, and how each stands (needs a count, expired, out, expiring, ok).
 * The program's warning window is 60 days; today is 2026-11-22 in Los Angeles.
 */
import { describe, expect, it } from 'vitest';
import { openFieldCore, perform, read } from '../../support/core';
import { expectRefused } from '../../support/refusal';

const now = new Date('2026-11-22T20:00:00Z');

async function openShelves() {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site } = field;
  const van = perform(db, writer, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
  const nasal = field.item('Naloxone nasal 4 mg (box of 2)');
  const syringes = field.item('Syringe 1 mL 28G 1/2in');
  const strips = field.item('Fentanyl test strip');
  const condoms = field.item('External condom');
  const receiveLot = (lotNumber: string, expiresOn: string, units: number) =>
    perform(db, writer, 'inventory.receive', {
      siteId: site.id,
      itemId: nasal.id,
      units,
      lotNumber,
      expiresOn,
      expiredConfirmed: true,
      receivedAt: '2026-10-01T12:00:00Z',
    });
  return { ...field, van, nasal, syringes, strips, condoms, receiveLot };
}

describe('on hand', () => {
  it('gives each item its status, the most pressing first, and what is available', async () => {
    const { db, writer, site, nasal, syringes, strips, condoms, receiveLot } = await openShelves();
    perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 2 });
    // Fentanyl test strips: 5 handed out with none on record, so -5.
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-22T10:00:00-08:00',
      participantCode: 'MA0785',
      lines: [{ itemId: strips.id, quantity: 5 }],
    });
    // Condoms: 144 received, 144 handed out: none left.
    perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: condoms.id, packs: 1 });
    perform(db, writer, 'tallies.log', {
      siteId: site.id,
      occurredAt: '2026-11-22T11:00:00-08:00',
      contacts: 12,
      lines: [{ itemId: condoms.id, quantity: 144 }],
    });
    // Naloxone: a lot expiring within 60 days (2027-01-10) and one far off.
    receiveLot('SOON', '2027-01-10', 6);
    receiveLot('LATER', '2027-09-30', 4);

    const shelves = read(db, 'inventory.onHand', { siteId: site.id });
    const byItem = Object.fromEntries(
      shelves.map((holding) => [holding.itemName, [holding.status, holding.units, holding.available]]),
    );
    expect(byItem).toEqual({
      'External condom': ['out', 0, 0],
      'Fentanyl test strip': ['needs_count', -5, 0],
      'Naloxone nasal 4 mg (box of 2)': ['expiring', 10, 10],
      'Syringe 1 mL 28G 1/2in': ['ok', 200, 200],
    });
    expect(shelves.find((holding) => holding.itemId === syringes.id)).toMatchObject({ unitsPerPack: 100 });
    expect(shelves.find((holding) => holding.itemId === nasal.id)?.lots.map((lot) => lot.lotNumber)).toEqual([
      'SOON',
      'LATER',
    ]);
  });

  it('leaves an expired lot out of what is available, and says it is there', async () => {
    const { db, site, nasal, receiveLot } = await openShelves();
    receiveLot('OLD', '2026-11-21', 3);
    receiveLot('GOOD', '2027-09-30', 4);
    expect(read(db, 'inventory.onHand', { siteId: site.id, itemId: nasal.id })).toEqual([
      expect.objectContaining({ status: 'expired', units: 7, available: 4 }),
    ]);
  });

  it('shows stock on its way to a site apart from what it holds', async () => {
    const { db, writer, site, van, syringes } = await openShelves();
    perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 3 });
    perform(db, writer, 'inventory.transfer', {
      fromSiteId: site.id,
      toSiteId: van.id,
      lines: [{ itemId: syringes.id, units: 120 }],
    });
    expect(read(db, 'inventory.onHand', { itemId: syringes.id })).toEqual([
      expect.objectContaining({ siteName: site.name, units: 180, available: 180, incoming: 0, status: 'ok' }),
      expect.objectContaining({ siteName: 'Van 2', units: 0, available: 0, incoming: 120, status: 'out' }),
    ]);
  });

  it('with includeEmpty, lists every active item a site holds none of, by category too', async () => {
    const { db, writer, site, van, syringes } = await openShelves();
    perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 1 });
    const smoking = read(db, 'inventory.onHand', { siteId: van.id, category: 'smoking', includeEmpty: true });
    expect(smoking.map((holding) => [holding.itemName, holding.status])).toEqual([
      ['Brass screen', 'out'],
      ['Foil sheet', 'out'],
      ['Glass stem', 'out'],
      ['Mouthpiece', 'out'],
      ['Push stick', 'out'],
      ['Safer smoking kit', 'out'],
    ]);
    const syringeShelves = read(db, 'inventory.onHand', { category: 'syringe', includeEmpty: true });
    expect(
      syringeShelves
        .filter((holding) => holding.itemId === syringes.id)
        .map((holding) => [holding.siteName, holding.units]),
    ).toEqual([
      [site.name, 100],
      ['Van 2', 0],
    ]);
    expectRefused(
      () => read(db, 'inventory.onHand', { siteId: '01900000-0000-7000-8000-000000000000' }),
      'site_not_found',
      'siteId',
    );
  });
});
