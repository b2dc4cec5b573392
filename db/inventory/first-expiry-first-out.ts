/**
 * First expiry, first out: which lots a quantity comes out of. One rule for the ledger (lots read
 * from the balances) and for bulk generators that keep shelves in memory (the demo). A lot is
 * named as its caller knows it (the ledger by key).
 */

export interface ShelfLot<Lot = string> {
  lotId: Lot | null;
  /** A lot is usable through its expiry date. Null: it does not expire. */
  expiresOn: string | null;
  units: number;
}

export interface Allocation<Lot = string> {
  lotId: Lot | null;
  units: number;
  /** Units the records did not have: handed out anyway, and flagged for a count. */
  shortfall: number;
}

/**
 * Takes `units` from `lots` in the order given (first to expire first), skipping lots with no
 * stock, no lot number or past their expiry on `onDate`; what they cannot cover comes from the
 * units held without a lot (`looseUnits`), and what those cannot cover is a shortfall.
 */
export function allocateFirstExpiryFirst<Lot = string>(
  lots: readonly ShelfLot<Lot>[],
  looseUnits: number,
  units: number,
  onDate: string,
): Allocation<Lot>[] {
  const allocations: Allocation<Lot>[] = [];
  let remaining = units;
  for (const lot of lots) {
    if (remaining === 0) break;
    if (lot.lotId === null || lot.units <= 0 || (lot.expiresOn !== null && lot.expiresOn < onDate)) continue;
    const take = Math.min(remaining, lot.units);
    allocations.push({ lotId: lot.lotId, units: take, shortfall: 0 });
    remaining -= take;
  }
  if (remaining > 0) {
    allocations.push({ lotId: null, units: remaining, shortfall: Math.max(0, remaining - Math.max(0, looseUnits)) });
  }
  return allocations;
}
