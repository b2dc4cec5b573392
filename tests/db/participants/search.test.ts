/** Finding codes (db/participants/search.ts): prefixes first, then codes a typo or two away. */
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../../support/refusal';
import { openParticipantsCore } from '../../support/participants';
import { perform } from '../../support/core';

describe('searching codes', () => {
  const codes = ['MA0785', 'MA0758', 'MA0786', 'MA07851', 'MB0785', 'AM0785', 'XY1234', 'MA07', 'MAO7'];

  async function withCodes() {
    const opened = await openParticipantsCore();
    for (const code of codes) perform(opened.db, opened.writer, 'participants.create', { code });
    return opened;
  }

  /** What a search for `query` finds, one line per code: how it matched, the code, the distance. */
  const found = (
    db: Parameters<typeof perform>[0],
    actor: Parameters<typeof perform>[1],
    query: string,
    limit?: number,
  ) =>
    perform(db, actor, 'participants.search', { query, ...(limit === undefined ? {} : { limit }) }).map(
      ({ code, match, distance }) => `${match} ${code} ${distance}`,
    );

  it('lists the exact code, then codes starting with it, then near matches (typos, swapped digits)', async () => {
    const { db, actor } = await withCodes();
    expect(found(db, actor, 'ma0785')).toEqual([
      'exact MA0785 0',
      'prefix MA07851 1',
      'near AM0785 1',
      'near MA0758 1',
      'near MA0786 1',
      'near MB0785 1',
      'near MA07 2',
    ]);
  });

  it('finds the code when the digits were swapped or one was mistyped', async () => {
    const { db, actor } = await withCodes();
    expect(found(db, actor, 'MA0875')).toContain('near MA0785 1');
    expect(found(db, actor, 'MA0X85')).toContain('near MA0785 1');
  });

  it('allows one typo in a short query', async () => {
    const { db, actor } = await withCodes();
    expect(found(db, actor, 'MA07')).toEqual([
      'exact MA07 0',
      'prefix MA0758 2',
      'prefix MA0785 2',
      'prefix MA0786 2',
      'prefix MA07851 3',
      'near MAO7 1',
    ]);
    expect(found(db, actor, 'MB07')).toEqual(['prefix MB0785 2', 'near MA07 1']);
  });

  it('normalises the query like a code and honours the limit', async () => {
    const { db, actor } = await withCodes();
    expect(found(db, actor, ' má 07 ', 2)).toEqual(['exact MA07 0', 'prefix MA0758 2']);
    expect(perform(db, actor, 'participants.search', { query: 'QQQQQQQQ' })).toEqual([]);
    expectRefused(
      () => perform(db, actor, 'participants.search', { query: ' ¿? ' }),
      'participant_search_query_required',
      'query',
    );
    expectRefused(() => perform(db, actor, 'participants.search', { query: 'MA', limit: 0 }), 'limit_invalid', 'limit');
  });

  it('shows the last visit of each result and the code its group goes by', async () => {
    const { db, actor, writer, visit } = await withCodes();
    visit('MA0758', '2026-11-21T18:00:00Z');
    perform(db, writer, 'participants.merge', {
      fromCode: 'MA0758',
      intoCode: 'MA0785',
      reason: 'Same person, digits swapped',
    });
    const [exact, , , swapped] = perform(db, actor, 'participants.search', { query: 'MA0785' });
    expect(exact).toMatchObject({ code: 'MA0785', canonicalCode: 'MA0785' });
    expect(swapped).toMatchObject({ code: 'MA0758', canonicalCode: 'MA0785', match: 'near' });
    const lastVisit = { occurredAt: '2026-11-21T18:00:00.000Z', siteName: 'Main site' };
    expect(exact!.lastVisit).toEqual(lastVisit);
    expect(swapped!.lastVisit).toEqual(lastVisit);
  });
});
