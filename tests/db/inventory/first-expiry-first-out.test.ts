/** First expiry, first out, as a rule on its own (the ledger and the demo generator both use it). */
import { describe, expect, it } from 'vitest';
import { allocateFirstExpiryFirst } from '../../../db/inventory/first-expiry-first-out';

const lots = [
  { lotId: 'expired', expiresOn: '2026-11-01', units: 50 },
  { lotId: 'soon', expiresOn: '2026-12-01', units: 5 },
  { lotId: 'empty', expiresOn: '2026-12-15', units: 0 },
  { lotId: 'later', expiresOn: '2027-06-01', units: 20 },
  { lotId: null, expiresOn: null, units: 100 },
];

describe('allocateFirstExpiryFirst', () => {
  it('takes from the first lot to expire that is still good, then the next', () => {
    expect(allocateFirstExpiryFirst(lots, 0, 12, '2026-11-22')).toEqual([
      { lotId: 'soon', units: 5, shortfall: 0 },
      { lotId: 'later', units: 7, shortfall: 0 },
    ]);
  });

  it('counts a lot as good through its expiry date', () => {
    expect(allocateFirstExpiryFirst(lots, 0, 2, '2026-12-01')).toEqual([{ lotId: 'soon', units: 2, shortfall: 0 }]);
    expect(allocateFirstExpiryFirst(lots, 0, 2, '2026-12-02')).toEqual([{ lotId: 'later', units: 2, shortfall: 0 }]);
  });

  it('takes what the lots cannot cover from units without a lot, and flags what those cannot cover', () => {
    expect(allocateFirstExpiryFirst(lots, 10, 40, '2026-11-22')).toEqual([
      { lotId: 'soon', units: 5, shortfall: 0 },
      { lotId: 'later', units: 20, shortfall: 0 },
      { lotId: null, units: 15, shortfall: 5 },
    ]);
    expect(allocateFirstExpiryFirst([], -3, 4, '2026-11-22')).toEqual([{ lotId: null, units: 4, shortfall: 4 }]);
  });
});
