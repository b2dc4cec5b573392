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
import type { OnHand } from '../contract/inventory';
import { perform, type CoreContext } from '../dispatch/dispatch';
import { isoOf } from '../platform/instants';

export interface StockRoomSummary {
  transfers: number;
  inTransit: number;
  adjustments: number;
  lotsOnHold: number;
}

const dayMs = 86_400_000;
const hourMs = 3_600_000;

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
  const summary: StockRoomSummary = { transfers: 0, inTransit: 0, adjustments: 0, lotsOnHold: 0 };
  const onHandAt = (siteId: string) => perform(context, 'inventory.onHand', { siteId }, actor);
  // Mid-morning where the demo's sites are (America/Los_Angeles by default), `daysBack` days before the last day.
  const at = (daysBack: number, hour = 18) => isoOf(lastDayMs - daysBack * dayMs + hour * hourMs);

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
