/** Finding codes (db/participants/search.ts): prefixes first, then codes a typo or two away. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { codeDistance, nearMatchLimit } from '../../../db/contract/participant-codes';
import { checkCodeVariants } from '../../../db/participants/search';
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

describe('the search through its indexes', () => {
  /** The same answer worked out the slow way, from every code: what the indexes must reproduce. */
  function everyCodeSearch(codes: readonly string[], query: string, limit: number): string[] {
    const maxDistance = nearMatchLimit(query);
    const starting = codes
      .filter((code) => code.startsWith(query))
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
      .map((code) => `${code === query ? 'exact' : 'prefix'} ${code} ${code.length - query.length}`);
    const near = codes
      .filter((code) => !code.startsWith(query))
      .map((code) => ({ code, distance: codeDistance(query, code, maxDistance) }))
      .filter(({ distance }) => distance <= maxDistance)
      .sort((a, b) => a.distance - b.distance || (a.code < b.code ? -1 : 1))
      .map(({ code, distance }) => `near ${code} ${distance}`);
    return [...starting, ...near].slice(0, limit);
  }

  it('finds exactly what comparing the query with every code finds, for any codes and queries', async () => {
    const opened = await openParticipantsCore();
    // A small alphabet, so that codes crowd each other and typos land on real codes.
    const codeArb = fc.stringMatching(/^[AB][AB01]{1,7}$/);
    const codes = fc.sample(fc.uniqueArray(codeArb, { minLength: 150, maxLength: 150 }), { numRuns: 1, seed: 11 })[0]!;
    for (const code of codes) perform(opened.db, opened.writer, 'participants.create', { code });
    const queryArb = fc.oneof(
      codeArb,
      fc.constantFrom(...codes).map((code) => code.slice(0, Math.max(1, code.length - 2))),
      fc
        .tuple(fc.constantFrom(...codes), fc.nat(), fc.constantFrom('A', 'B', '0', '1', ''))
        .map(([code, at, put]) => code.slice(0, at % code.length) + put + code.slice((at % code.length) + 1)),
    );
    fc.assert(
      fc.property(queryArb, fc.integer({ min: 1, max: 30 }), (query, limit) => {
        if (query === '') return;
        const searched = perform(opened.db, opened.actor, 'participants.search', { query, limit }).map(
          ({ code, match, distance }) => `${match} ${code} ${distance}`,
        );
        expect(searched).toEqual(everyCodeSearch(codes, query, limit));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('reads a range of the code index and looks up the deletion index, never scanning the codes', async () => {
    const opened = await openParticipantsCore();
    perform(opened.db, opened.writer, 'participants.create', { code: 'MA0785' });
    const statement = vi.spyOn(opened.db, 'statement');
    perform(opened.db, opened.actor, 'participants.search', { query: 'MA0758' });
    const plans = statement.mock.calls
      .map(([sqlText]) => sqlText)
      .filter((sqlText) => /participant_code_variants|code >= \?/.test(sqlText))
      .map((sqlText) =>
        (opened.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all('MA0758', '["x"]', 1) as { detail: string }[])
          .map((row) => row.detail)
          .join('\n'),
      );
    statement.mockRestore();
    expect(plans).toHaveLength(2);
    expect(plans[0]).toMatch(
      /SEARCH participants USING COVERING INDEX sqlite_autoindex_participants_2 \(code>\? AND code<\?\)/,
    );
    expect(plans[1]).toMatch(/SEARCH participant_code_variants USING PRIMARY KEY \(variant=\?\)/);
    expect(plans.join('\n')).not.toMatch(/SCAN participants\b|SCAN participant_code_variants/);
  });

  it("reads each result's last visit walking back from the newest, sorting nothing", async () => {
    const opened = await openParticipantsCore();
    perform(opened.db, opened.writer, 'participants.create', { code: 'MA0785' });
    const statement = vi.spyOn(opened.db, 'statement');
    perform(opened.db, opened.actor, 'participants.search', { query: 'MA0785' });
    const visitQuery = statement.mock.calls
      .map(([sqlText]) => sqlText)
      .find((sqlText) => sqlText.includes('field_entry_revisions_by_participant_time'));
    statement.mockRestore();
    expect(visitQuery).toBeDefined();
    const plan = (opened.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${visitQuery!}`).all('x') as { detail: string }[])
      .map((row) => row.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH r USING INDEX field_entry_revisions_by_participant_time \(participant_key=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('tells verify how far the deletion index is from the codes: a row missing, a row wrong', async () => {
    const codes = ['MA0785', 'MA0758', 'XY1234', 'A'];
    const { db, writer } = await openParticipantsCore();
    for (const code of codes) perform(db, writer, 'participants.create', { code });
    const variants = codes.reduce((sum, code) => {
      const found = new Set<string>([code]);
      let frontier = [code];
      for (let level = 0; level < 2; level += 1) {
        frontier = frontier.flatMap((text) =>
          [...text]
            .map((_, at) => text.slice(0, at) + text.slice(at + 1))
            .filter((shorter) => {
              const fresh = !found.has(shorter);
              found.add(shorter);
              return fresh;
            }),
        );
      }
      return sum + found.size - 1;
    }, 0);
    expect(checkCodeVariants(db)).toEqual({ rows: variants, mismatches: 0 });
    db.sqlite.prepare(`DELETE FROM participant_code_variants WHERE variant = 'A0785' AND code = 'MA0785'`).run();
    expect(checkCodeVariants(db)).toEqual({ rows: variants - 1, mismatches: 1 });
    db.sqlite.prepare(`INSERT INTO participant_code_variants (variant, code) VALUES ('ZZ', 'MA0785')`).run();
    expect(checkCodeVariants(db)).toEqual({ rows: variants, mismatches: 2 });
  });
});
