/**
 * Receipts of several lines: one transaction, every line a receipt sharing the first line's id,
 * scanned lines counted in their package's units, refusals at the line's field with nothing
 * written, a form sent twice received once, and the list of recent deliveries.
 */
import { describe, expect, it } from 'vitest';
import { checkBalances } from '../../../db/inventory/ledger';
import { verifyDatabase } from '../../../db/system/system';
import { openFieldCore, perform, read } from '../../support/core';
import { auditChanges } from '../../support/audit';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';

/** 12:00 in Los Angeles, the program's time zone in these tests; stock is tracked from 2025-01-01. */
const now = new Date('2026-11-22T20:00:00Z');
const caseGtin = '04006381333931';
const formKey = '0190f5a0-0000-7000-8000-00000000f001';

async function openStockRoom() {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer } = field;
  const syringes = field.item('Syringe 1 mL 28G 1/2in');
  const nasal = field.item('Naloxone nasal 4 mg (box of 2)');
  // A case of 12 boxes of naloxone: 12 units of the box each (the item's own pack is the box of 2 devices).
  const naloxoneCase = perform(db, writer, 'items.addGtin', {
    itemId: nasal.id,
    gtin: '4006381333931',
    unitsPerPack: 12,
    label: 'Case of 12',
  });
  return { ...field, syringes, nasal, naloxoneCase };
}

const onHand = (db: Parameters<typeof read>[0], siteId: string, itemId: string) =>
  read(db, 'inventory.onHand', { siteId, itemId })[0]?.units ?? 0;

describe('receiving a delivery', () => {
  it('writes each line as a receipt of one delivery, scanned packs in the package units, in one audit row each', async () => {
    const { db, writer, site, syringes, nasal } = await openStockRoom();
    const delivery = perform(db, writer, 'inventory.receiveDelivery', {
      siteId: site.id,
      source: 'State naloxone grant',
      reference: ' PO-2291 ',
      receivedAt: '2026-11-20T09:30:00-08:00',
      note: 'Two cartons',
      lines: [
        // 3 cases of 12: 36 units, not 3 x the item's own units per pack.
        { itemId: nasal.id, packs: 3, gtin: caseGtin, lotNumber: 'nx-7781', expiresOn: '2028-01-31' },
        // Filled by hand: 2 boxes of 100 syringes.
        { itemId: syringes.id, packs: 2 },
        { itemId: nasal.id, units: 5, lotNumber: 'NX-7781', expiresOn: '2028-01-31' },
      ],
    });
    expect(delivery).toMatchObject({
      siteId: site.id,
      source: 'State naloxone grant',
      reference: 'PO-2291',
      receivedAt: '2026-11-20T17:30:00.000Z',
      localDate: '2026-11-20',
      note: 'Two cartons',
      units: 36 + 200 + 5,
    });
    const [first, second, third] = delivery.lines;
    expect(delivery.id).toBe(first!.id);
    expect(delivery.lines.map((line) => [line.deliveryId, line.deliveryLine])).toEqual([
      [delivery.id, 1],
      [delivery.id, 2],
      [delivery.id, 3],
    ]);
    expect(first).toMatchObject({ gtin: caseGtin, packs: 3, unitsPerPack: 12, units: 36, lotNumber: 'NX-7781' });
    expect(second).toMatchObject({ gtin: null, packs: 2, unitsPerPack: 100, units: 200, lotId: null });
    expect(third).toMatchObject({ gtin: null, packs: null, units: 5, lotId: first!.lotId });
    expect(onHand(db, site.id, nasal.id)).toBe(41);
    expect(onHand(db, site.id, syringes.id)).toBe(200);
    // One lot made, then a receipt per line, each the line as answered.
    expect(auditChanges(db, 'inventory.receiveDelivery').map((change) => [change.entity, change.after])).toEqual([
      ['lot', expect.objectContaining({ lot_number: 'NX-7781' })],
      ['receipt', first],
      ['receipt', second],
      ['receipt', third],
    ]);
    expect(checkBalances(db).mismatches).toBe(0);
    expect((await verifyDatabase(db)).ok).toBe(true);
  });

  it('refuses a bad line at its own field and writes nothing of the lines before it', async () => {
    const { db, writer, site, syringes, nasal } = await openStockRoom();
    const before = databaseState(db);
    const deliver = (lines: unknown[]) => () =>
      perform(db, writer, 'inventory.receiveDelivery', { siteId: site.id, lines } as never);
    const good = { itemId: syringes.id, packs: 1 };
    expectRefused(
      deliver([good, good, { itemId: nasal.id, packs: 1, lotNumber: 'NX-1' }]),
      'expiry_required',
      'lines.2.expiresOn',
    );
    expectRefused(
      deliver([good, { itemId: nasal.id, packs: 1, lotNumber: 'NX-1', expiresOn: '2026-01-31' }]),
      'expiry_in_past',
      'lines.1.expiresOn',
    );
    expectRefused(
      deliver([good, { itemId: syringes.id, packs: 1, gtin: caseGtin }]),
      'gtin_other_item',
      'lines.1.gtin',
    );
    expectRefused(deliver([{ itemId: syringes.id, packs: 1, gtin: '00614141000012' }]), 'gtin_unknown', 'lines.0.gtin');
    expectRefused(deliver([good, { itemId: syringes.id }]), 'quantity_invalid', 'lines.1.packs');
    expectRefused(deliver([]), 'delivery_lines_required', 'lines');
    expectNothingChanged(db, before);
    // 100,000 cases of 1,000 syringes are past what one line may receive.
    perform(db, writer, 'items.addGtin', { itemId: syringes.id, gtin: '10614141000019', unitsPerPack: 1000 });
    const withCase = databaseState(db);
    expectRefused(
      deliver([good, { itemId: syringes.id, packs: 100_000, gtin: '10614141000019' }]),
      'receipt_too_large',
      'lines.1.packs',
    );
    expectNothingChanged(db, withCase);
  });

  it('receives a lot past its expiry only where that line says so', async () => {
    const { db, writer, site, nasal } = await openStockRoom();
    const delivery = perform(db, writer, 'inventory.receiveDelivery', {
      siteId: site.id,
      lines: [{ itemId: nasal.id, units: 4, lotNumber: 'OLD-1', expiresOn: '2026-01-31', expiredConfirmed: true }],
    });
    expect(delivery.lines[0]).toMatchObject({ lotNumber: 'OLD-1', units: 4 });
  });

  it('answers the same form sent twice with the delivery it made, writing nothing more', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const input = {
      siteId: site.id,
      formKey,
      lines: [
        { itemId: syringes.id, packs: 1 },
        { itemId: syringes.id, units: 7 },
      ],
    };
    const first = perform(db, writer, 'inventory.receiveDelivery', input);
    const before = databaseState(db);
    // A retry after a lost answer, even with a line changed, is the same form.
    const again = perform(db, writer, 'inventory.receiveDelivery', {
      ...input,
      lines: [{ itemId: syringes.id, packs: 9 }],
    });
    expect(again).toEqual(first);
    expectNothingChanged(db, before);
    expect(onHand(db, site.id, syringes.id)).toBe(107);
  });

  it('keeps inventory.receive as a delivery of one line', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const receipt = perform(db, writer, 'inventory.receive', { siteId: site.id, itemId: syringes.id, packs: 2 });
    expect(receipt).toMatchObject({ deliveryId: receipt.id, deliveryLine: 1, reference: null, gtin: null, units: 200 });
    expect(read(db, 'inventory.deliveries', {}).deliveries[0]).toMatchObject({
      id: receipt.id,
      units: 200,
      lines: [receipt],
    });
  });
});

describe('the list of deliveries', () => {
  it('lists a site newest day first, a page at a time, each with its lines', async () => {
    const { db, writer, site, syringes } = await openStockRoom();
    const other = perform(db, writer, 'sites.create', { name: 'Van 2', siteType: 'mobile_van' });
    const deliver = (siteId: string, day: string, lines: number) =>
      perform(db, writer, 'inventory.receiveDelivery', {
        siteId,
        receivedAt: `${day}T10:00:00-08:00`,
        lines: Array.from({ length: lines }, (_, index) => ({ itemId: syringes.id, units: index + 1 })),
      });
    const oldest = deliver(site.id, '2026-11-01', 2);
    const newest = deliver(site.id, '2026-11-20', 1);
    deliver(other.id, '2026-11-21', 1);
    const middle = deliver(site.id, '2026-11-10', 3);
    const page = read(db, 'inventory.deliveries', { siteId: site.id, limit: 2 });
    expect(page.deliveries.map((one) => one.id)).toEqual([newest.id, middle.id]);
    expect(page.more).toBe(true);
    expect(page.deliveries[1]).toEqual(middle);
    expect(page.deliveries[1]!.units).toBe(1 + 2 + 3);
    const last = page.deliveries[1]!;
    const next = read(db, 'inventory.deliveries', {
      siteId: site.id,
      limit: 2,
      before: { localDate: last.localDate, key: last.key },
    });
    expect(next).toEqual({ deliveries: [oldest], more: false });
    expect(read(db, 'inventory.deliveries', {}).deliveries).toHaveLength(4);
  });
});
