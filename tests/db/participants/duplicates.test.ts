/** Likely duplicates (db/participants/duplicates.ts): near-miss codes with visits at a same site. */
import { describe, expect, it } from 'vitest';
import type { LikelyDuplicate } from '../../../db/contract/participants';
import { expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';
import { openParticipantsCore } from '../../support/participants';
import { perform, read } from '../../support/core';

/** One line per pair: the two codes (more recently seen first), the distance and the shared sites. */
const pairs = (list: LikelyDuplicate[]) =>
  list.map(
    (pair) =>
      `${pair.first.code} ${pair.second.code} ${pair.distance} ${pair.sharedSites.map((s) => s.siteName).join('+')}`,
  );

describe('likely duplicates', () => {
  it('lists two near-miss codes seen at the same site, each with its visits and last visit', async () => {
    const { db, writer, site, van, items, visit } = await openParticipantsCore();
    visit('MA0785', '2026-11-10T18:00:00Z', { lines: [{ itemIndex: 0, quantity: 10 }] });
    visit('MA0785', '2026-11-20T18:00:00Z', { lines: [{ itemIndex: 1, quantity: 2 }] });
    visit('MA0758', '2026-11-05T18:00:00Z', { siteId: van.id });
    visit('MA0758', '2026-11-18T18:00:00Z');
    // Seen at the same site, but nowhere near either code.
    visit('LI0712', '2026-11-20T19:00:00Z');

    const [pair, ...others] = perform(db, writer, 'participants.duplicates', {});
    expect(others).toEqual([]);
    expect(pair).toMatchObject({
      distance: 1,
      sharedSites: [{ siteId: site.id, siteName: site.name }],
      first: {
        code: 'MA0785',
        visits: 2,
        lastVisit: {
          occurredAt: '2026-11-20T18:00:00.000Z',
          siteName: site.name,
          lines: [{ itemId: items[1]!.id, itemName: items[1]!.name, quantity: 2 }],
        },
      },
      second: {
        code: 'MA0758',
        visits: 2,
        lastVisit: { occurredAt: '2026-11-18T18:00:00.000Z', siteName: site.name, lines: [] },
      },
    });
  });

  it('leaves out near matches that never visited the same site', async () => {
    const { db, writer, van, visit } = await openParticipantsCore();
    visit('AB1234', '2026-11-10T18:00:00Z');
    visit('AB1243', '2026-11-12T18:00:00Z', { siteId: van.id });
    expect(perform(db, writer, 'participants.duplicates', {})).toEqual([]);

    visit('AB1234', '2026-11-15T18:00:00Z', { siteId: van.id });
    expect(pairs(perform(db, writer, 'participants.duplicates', {}))).toEqual(['AB1234 AB1243 1 Van 1']);
  });

  it('drops a pair once merged, and brings it back when the merge is undone', async () => {
    const { db, writer, site, visit } = await openParticipantsCore();
    visit('MA0785', '2026-11-10T18:00:00Z');
    visit('MA0758', '2026-11-12T18:00:00Z');
    expect(pairs(perform(db, writer, 'participants.duplicates', {}))).toEqual([`MA0758 MA0785 1 ${site.name}`]);

    const merge = perform(db, writer, 'participants.merge', {
      fromCode: 'MA0758',
      intoCode: 'MA0785',
      reason: 'Same person: month digits swapped',
    });
    expect(perform(db, writer, 'participants.duplicates', {})).toEqual([]);

    perform(db, writer, 'participants.unmerge', { mergeId: merge.mergeId, reason: 'Two people after all' });
    const [pair] = perform(db, writer, 'participants.duplicates', {});
    expect(pair).toMatchObject({ first: { code: 'MA0758', visits: 1 }, second: { code: 'MA0785', visits: 1 } });
  });

  /**
   * LI0101/LI0110 last seen on the 21st; JO0312/JO0321 and MA0785/MA0758 on the 20th, JO at both
   * sites; KA0505/KE0550 (two edits) on the 21st, after every one-edit pair all the same.
   */
  async function fourPairs() {
    const opened = await openParticipantsCore();
    const { van, visit } = opened;
    visit('MA0758', '2026-11-02T18:00:00Z');
    visit('MA0785', '2026-11-20T18:00:00Z');
    visit('JO0321', '2026-11-03T18:00:00Z');
    visit('JO0321', '2026-11-04T18:00:00Z', { siteId: van.id });
    visit('JO0312', '2026-11-19T18:00:00Z', { siteId: van.id });
    visit('JO0312', '2026-11-20T17:00:00Z');
    visit('LI0110', '2026-11-01T18:00:00Z');
    visit('LI0101', '2026-11-21T18:00:00Z');
    visit('KE0550', '2026-11-05T18:00:00Z');
    visit('KA0505', '2026-11-21T19:00:00Z');
    return opened;
  }

  it('puts one edit before two, then the later day, then more shared sites', async () => {
    const { db, writer, site } = await fourPairs();
    expect(pairs(perform(db, writer, 'participants.duplicates', {}))).toEqual([
      `LI0101 LI0110 1 ${site.name}`,
      `JO0312 JO0321 1 ${site.name}+Van 1`,
      `MA0785 MA0758 1 ${site.name}`,
      `KA0505 KE0550 2 ${site.name}`,
    ]);
    expect(pairs(perform(db, writer, 'participants.duplicates', { limit: 2 }))).toEqual([
      `LI0101 LI0110 1 ${site.name}`,
      `JO0312 JO0321 1 ${site.name}+Van 1`,
    ]);
  });

  it('lists the same first pairs when the page is shorter, though it reads less of the day', async () => {
    const { db, writer, site, van, visit } = await openParticipantsCore();
    // Each first code seen on the 20th: CD at both sites, the others at one.
    visit('AB1112', '2026-11-10T18:00:00Z');
    visit('AB1111', '2026-11-20T18:00:00Z');
    visit('CD2223', '2026-11-05T18:00:00Z');
    visit('CD2223', '2026-11-06T18:00:00Z', { siteId: van.id });
    visit('CD2222', '2026-11-20T17:00:00Z');
    visit('CD2222', '2026-11-20T19:00:00Z', { siteId: van.id });
    visit('EF3334', '2026-11-12T18:00:00Z', { siteId: van.id });
    visit('EF3333', '2026-11-20T18:00:00Z', { siteId: van.id });
    // Both seen on the 20th: the one the day's walk reaches first (the newer participant) leads.
    visit('GH4444', '2026-11-20T16:00:00Z');
    visit('GH4445', '2026-11-20T16:30:00Z');
    const whole = pairs(perform(db, writer, 'participants.duplicates', {}));
    expect(whole).toEqual([
      `CD2222 CD2223 1 ${site.name}+Van 1`,
      `GH4445 GH4444 1 ${site.name}`,
      'EF3333 EF3334 1 Van 1',
      `AB1111 AB1112 1 ${site.name}`,
    ]);
    for (const limit of [1, 2, 3])
      expect(pairs(perform(db, writer, 'participants.duplicates', { limit }))).toEqual(whole.slice(0, limit));
  });

  it('keeps to the pairs seen at one site when asked', async () => {
    const { db, writer, site, van } = await fourPairs();
    expect(pairs(perform(db, writer, 'participants.duplicates', { siteId: van.id }))).toEqual([
      `JO0312 JO0321 1 ${site.name}+Van 1`,
    ]);
    expectRefused(
      () => perform(db, writer, 'participants.duplicates', { siteId: '01900000-0000-7000-8000-000000000000' }),
      'site_not_found',
      'siteId',
    );
  });

  it('allows two edits only between codes of six characters or more, as the search does', async () => {
    const { db, writer, visit } = await openParticipantsCore();
    visit('QR123', '2026-11-10T18:00:00Z');
    visit('QR321', '2026-11-11T18:00:00Z');
    visit('ZX12', '2026-11-10T18:00:00Z');
    visit('ZX21', '2026-11-12T18:00:00Z');
    expect(
      pairs(perform(db, writer, 'participants.duplicates', {})).map((line) => line.split(' ').slice(0, 3)),
    ).toEqual([['ZX21', 'ZX12', '1']]);
  });

  it('shows the list to coordinators and admins only', async () => {
    const { db, writer, visit } = await openParticipantsCore();
    visit('MA0785', '2026-11-10T18:00:00Z');
    visit('MA0758', '2026-11-12T18:00:00Z');
    const worker = staffWithRole(db, writer, 'outreach_worker');
    expectRefused(() => perform(db, worker, 'participants.duplicates', {}), 'not_permitted');
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expect(perform(db, coordinator, 'participants.duplicates', {})).toHaveLength(1);
    expect(read(db, 'participants.duplicates', {})).toHaveLength(1);
  });
});
