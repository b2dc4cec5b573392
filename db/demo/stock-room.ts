/**
 * The demo's stock room over its last week: transfers between neighbouring sites (confirmed the
 * next day, cancelled, received short with the difference written off, sent and received at once,
 * in turn, and the latest still in transit), adjustments (damaged units, a donation, expired lots
 * taken off the shelf at half the sites) and a lot put on hold. Unlike the bulk history, these go
 * through the core's own channels, one save at a time, so they are written exactly as a
 * coordinator's would be. What it sends or takes off is read from on hand first, so nothing is
 * refused; a small demo with little stock simply does less.
 */
import type { Actor } from '../contract/envelope';
import { gtinCheckDigit } from '../contract/gtin';
import type { OnHand } from '../contract/inventory';
import { perform, type CoreContext } from '../dispatch/dispatch';
import { isoOf } from '../platform/instants';

export interface StockRoomSummary {
  gtins: number;
  deliveries: number;
  transfers: number;
  inTransit: number;
  adjustments: number;
  lotsOnHold: number;
  countsPosted: number;
  countsOpen: number;
}

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hourMs = 3_600_000;

/**
 * A package's GTIN under GS1's own example company prefix (0614141, used in GS1's documents), so a
 * demo never claims a real product's number: indicator 0 for the item's own pack, 1 for a case.
 */
function demoGtin(indicator: 0 | 1, itemNumber: number): string {
  const body = `${indicator}0614141${String(itemNumber).padStart(5, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

/** Items a site can spare: not tracked by lot, with plenty available, most first. */
function spare(onHand: OnHand, atLeast: number): OnHand {
  return onHand
    .filter((holding) => holding.lots.length === 0 && holding.available >= atLeast)
    .sort((a, b) => b.available - a.available || a.itemName.localeCompare(b.itemName));
}

/** Whole packs, about a tenth of what is available, at least one pack. */
function aTenth(holding: OnHand[number]): number {
  const packs = Math.max(1, Math.floor(holding.available / 10 / holding.unitsPerPack));
  return packs * holding.unitsPerPack;
}

/**
 * Writes the stock room's recent activity for `siteIds` (in the demo's order); `lastDayMs` is the
 * UTC midnight of the demo's last day of data, and every save is dated on or before that day.
 */
export function generateStockRoomActivity(
  context: CoreContext,
  actor: Actor,
  siteIds: readonly string[],
  lastDayMs: number,
): StockRoomSummary {
  const summary: StockRoomSummary = {
    gtins: 0,
    deliveries: 0,
    transfers: 0,
    inTransit: 0,
    adjustments: 0,
    lotsOnHold: 0,
    countsPosted: 0,
    countsOpen: 0,
  };
  const onHandAt = (siteId: string) => perform(context, 'inventory.onHand', { siteId }, actor);
  // Mid-morning where the demo's sites are (America/Los_Angeles by default), `daysBack` days before the last day.
  const at = (daysBack: number, hour = 18) => isoOf(lastDayMs - daysBack * dayMs + hour * hourMs);

  // Every item's own pack carries a GTIN, and items in packs of ten or more come in cases of ten packs too.
  const { db } = context;
  const items = db.all(
    db.query.selectFrom('items').select(['id', 'units_per_pack', 'tracks_lots']).where('active', '=', 1).orderBy('key'),
  );
  const caseGtins: { itemId: string; gtin: string; tracksLots: boolean }[] = [];
  items.forEach((item, index) => {
    perform(
      context,
      'items.addGtin',
      { itemId: item.id, gtin: demoGtin(0, index + 1), unitsPerPack: item.units_per_pack, label: 'Box' },
      actor,
    );
    summary.gtins += 1;
    if (item.units_per_pack >= 10) {
      const gtin = demoGtin(1, index + 1);
      perform(
        context,
        'items.addGtin',
        { itemId: item.id, gtin, unitsPerPack: item.units_per_pack * 10, label: 'Case of 10 boxes' },
        actor,
      );
      caseGtins.push({ itemId: item.id, gtin, tracksLots: item.tracks_lots === 1 });
      summary.gtins += 1;
    }
  });
  // A delivery scanned in at the first site: a case of two items, lots and expiry from the labels.
  const scanned = caseGtins.slice(0, 2);
  if (siteIds.length > 0 && scanned.length > 0) {
    perform(
      context,
      'inventory.receiveDelivery',
      {
        siteId: siteIds[0]!,
        source: 'State grant',
        reference: 'PO-2291',
        receivedAt: at(4, 17),
        lines: scanned.map((line, index) => ({
          itemId: line.itemId,
          packs: 1,
          gtin: line.gtin,
          lotNumber: line.tracksLots ? `SC${index + 1}2291` : null,
          expiresOn: line.tracksLots ? isoDay(lastDayMs + 400 * dayMs) : null,
        })),
      },
      actor,
    );
    summary.deliveries += 1;
  }

  if (siteIds.length >= 2) {
    const routes = Math.min(siteIds.length, 8);
    for (let index = 0; index < routes; index += 1) {
      const fromSiteId = siteIds[index]!;
      const toSiteId = siteIds[(index + 1) % siteIds.length]!;
      const lines = spare(onHandAt(fromSiteId), 40)
        .slice(index % 3, (index % 3) + 2)
        .map((holding) => ({ itemId: holding.itemId, units: aTenth(holding) }));
      if (lines.length === 0) continue;
      const plan =
        index === routes - 1 ? 'in_transit' : (['next_day', 'cancelled', 'short', 'at_once'] as const)[index % 4]!;
      // The latest transfer went out on the last day and has not arrived; the others earlier in the week.
      const daysBack = plan === 'in_transit' ? 0 : 6 - (index % 6);
      const transfer = perform(
        context,
        'inventory.transfer',
        {
          fromSiteId,
          toSiteId,
          lines,
          sentAt: at(daysBack),
          reference: `TR-${String(index + 1).padStart(3, '0')}`,
          receiveNow: plan === 'at_once',
        },
        actor,
      );
      summary.transfers += 1;
      if (plan === 'in_transit') summary.inTransit += 1;
      else if (plan === 'next_day') {
        perform(
          context,
          'inventory.receiveTransfer',
          { transferId: transfer.id, receivedAt: at(daysBack - 1, 20) },
          actor,
        );
      } else if (plan === 'short') {
        const [first, ...rest] = transfer.lines;
        perform(
          context,
          'inventory.receiveTransfer',
          {
            transferId: transfer.id,
            receivedAt: at(daysBack - 1, 20),
            lines: [
              { line: first!.line, received: first!.sent - 1, writtenOff: 1, reason: 'damaged' },
              ...rest.map((line) => ({ line: line.line, received: line.sent })),
            ],
            note: 'One box arrived crushed',
          },
          actor,
        );
      } else if (plan === 'cancelled') {
        perform(
          context,
          'inventory.cancelTransfer',
          { transferId: transfer.id, reason: 'The van was not going out' },
          actor,
        );
      }
    }
  }

  siteIds.forEach((siteId, index) => {
    const onHand = onHandAt(siteId);
    const damaged = spare(onHand, 20)[0];
    if (index < 3 && damaged) {
      perform(
        context,
        'inventory.adjust',
        {
          siteId,
          reason: 'damaged',
          lines: [{ itemId: damaged.itemId, units: 2 }],
          occurredAt: at(3, 19),
          note: 'Wet in the storeroom',
        },
        actor,
      );
      summary.adjustments += 1;
    }
    if (index === 0 && damaged) {
      perform(
        context,
        'inventory.adjust',
        {
          siteId,
          reason: 'donated',
          lines: [{ itemId: damaged.itemId, units: 100, direction: 'add' }],
          occurredAt: at(2, 17),
          note: 'Left by a local clinic',
        },
        actor,
      );
      summary.adjustments += 1;
    }
    // Half the sites took their expired lots off the shelf; the others still show them as expired.
    const expired = onHand.flatMap((holding) =>
      holding.lots
        .filter((lot) => lot.expired && lot.units > 0)
        .map((lot) => ({ itemId: holding.itemId, lotId: lot.lotId, units: lot.units })),
    );
    if (index % 2 === 0 && expired.length > 0) {
      perform(
        context,
        'inventory.adjust',
        { siteId, reason: 'expired', lines: expired.slice(0, 20), occurredAt: at(1, 17) },
        actor,
      );
      summary.adjustments += 1;
    }
  });

  // The second site has counted its whole shelf and posted it: most lines as expected, a few short,
  // and what was handed out below zero set right. The first is counting its syringes. Both count
  // the shelf as it stands now: the saves above are written now, though dated earlier, and a count
  // of an earlier moment would list each of them as having arrived after it.
  if (siteIds.length >= 2) {
    const count = perform(context, 'inventory.startCount', { siteId: siteIds[1]!, scope: 'site' }, actor);
    count.lines.forEach((line, index) => {
      const { expected } = line;
      const counted = expected < 0 ? 0 : index % 5 === 2 ? Math.max(0, expected - 2) : expected;
      perform(context, 'inventory.enterCount', { countId: count.id, line: line.line, units: counted }, actor);
    });
    perform(context, 'inventory.postCount', { countId: count.id, note: 'Monthly count' }, actor);
    summary.countsPosted += 1;
  }
  if (siteIds.length >= 1) {
    const open = perform(
      context,
      'inventory.startCount',
      { siteId: siteIds[0]!, scope: 'category', category: 'syringe' },
      actor,
    );
    open.lines.slice(0, Math.ceil(open.lines.length / 2)).forEach((line) => {
      perform(
        context,
        'inventory.enterCount',
        { countId: open.id, line: line.line, units: Math.max(0, line.expected) },
        actor,
      );
    });
    summary.countsOpen += 1;
  }

  const held = siteIds.length > 0 ? onHandAt(siteIds[0]!).flatMap((holding) => holding.lots) : [];
  const lotToHold = held.find((lot) => !lot.expired && lot.units > 0);
  if (lotToHold) {
    perform(
      context,
      'inventory.holdLot',
      { lotId: lotToHold.lotId, held: true, reason: 'The supplier asked us to check this lot' },
      actor,
    );
    summary.lotsOnHold += 1;
  }
  return summary;
}
