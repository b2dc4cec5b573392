/**
 * Collections through dispatch, as the app calls them: a kiosk counted, a sweep estimated with
 * the program's factors as they were at save time, refusals that write nothing, a form saved
 * twice logged once, corrections as new revisions, voids with a reason, the list's filters and
 * pages, who may change what, and the audit rows every write leaves.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Writer } from '../../../db/access/operations';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import { openFieldCore, perform, setProgramSettings } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const now = new Date('2026-11-22T20:00:00Z'); // 12:00 in Los Angeles, on the 22nd
const digestOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest().subarray(0, 16);

async function program() {
  const field = await openFieldCore({ clock: () => now });
  setProgramSettings(field.core, { syringes_per_container: 100, syringes_per_pound: 281 });
  return field;
}

describe('logging a collection', () => {
  it('keeps counted syringes, or estimates containers and weight with the factors of the day, audited', async () => {
    const { core, db, writer, site } = await program();
    const kiosk = perform(db, writer, 'collections.log', {
      siteId: site.id,
      collectedOn: '2026-11-20',
      source: 'kiosk',
      collected: { counted: 120 },
      note: '  emptied at closing  ',
    });
    expect(kiosk).toMatchObject({
      status: 'active',
      revision: 1,
      siteId: site.id,
      collectedOn: '2026-11-20',
      source: 'kiosk',
      collected: { counted: 120, containers: 0, pounds: 0, estimated: 0, total: 120 },
      note: 'emptied at closing',
      changeReason: null,
      voidReason: null,
      loggedAt: now.toISOString(),
    });
    // 2 containers x 100 + 0.5 lb x 281 = 340.5, rounded as the encounter form rounds it.
    const sweep = perform(db, writer, 'collections.log', {
      siteId: site.id,
      collectedOn: '2026-11-21',
      source: 'community_sweep',
      collected: { containers: 2, pounds: 0.5 },
    });
    expect(sweep.collected).toEqual({ counted: 0, containers: 2, pounds: 0.5, estimated: 341, total: 341 });
    expect([sweep.syringesPerContainer, sweep.syringesPerPound]).toEqual([100, 281]);

    // Changing the factors later never rewrites what was saved.
    setProgramSettings(core, { syringes_per_container: 50 });
    expect(perform(db, writer, 'collections.get', { id: sweep.id }).collected.estimated).toBe(341);

    const audit = db
      .statement(
        `SELECT a.action, a.entity_type, a.after_digest, a.after_json FROM audit_log a
         JOIN collections c ON c.key = a.entity_key WHERE a.entity_type = 'collection' AND c.id = ?`,
      )
      .all(kiosk.id) as { action: string; entity_type: string; after_digest: Buffer; after_json: string | null }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'collections.log', entity_type: 'collection', after_json: null });
    expect(Buffer.from(audit[0]!.after_digest)).toEqual(digestOf(kiosk));
    expect(verifyAuditChain(db).intact).toBe(true);
  });

  it('refuses what cannot be a collection, and writes nothing', async () => {
    const { db, writer, site } = await program();
    const archived = perform(db, writer, 'sites.create', { name: 'Old kiosk site', siteType: 'satellite' });
    perform(db, writer, 'sites.update', { id: archived.id, active: false });
    const base = { siteId: site.id, collectedOn: '2026-11-20', source: 'drop_box' as const };
    const before = databaseState(db);
    const log = (input: Partial<Parameters<typeof perform<'collections.log'>>[3]>) => () =>
      perform(db, writer, 'collections.log', { ...base, collected: { counted: 10 }, ...input });

    expectRefused(log({ collected: {} }), 'collection_empty', 'collected.counted');
    expectRefused(log({ collected: { counted: 0, containers: 0 } }), 'collection_empty', 'collected.counted');
    expectRefused(log({ collected: { counted: 10, containers: 1 } }), 'collection_counted_or_estimated');
    expectRefused(log({ collected: { counted: -1 } }), 'collected_invalid');
    expectRefused(log({ collected: { pounds: 200_000 } }), 'pounds_invalid');
    // At noon on the 22nd in Los Angeles, the 23rd is tomorrow.
    expectRefused(log({ collectedOn: '2026-11-23' }), 'collected_on_future', 'collectedOn');
    expectRefused(log({ collectedOn: '1999-12-31' }), 'occurred_at_too_early', 'collectedOn');
    expectRefused(log({ collectedOn: '2026-02-30' }), 'date_invalid', 'collectedOn');
    expectRefused(log({ siteId: archived.id }), 'site_inactive', 'siteId');
    expectRefused(log({ siteId: '0190f5a0-0000-7000-8000-0000000000ff' }), 'site_not_found', 'siteId');
    expectRefused(log({ source: 'bin' as 'other' }), 'invalid_value', 'source');
    expectRefused(log({ note: 'x'.repeat(501) }), 'note_too_long', 'note');
    expectNothingChanged(db, before);

    // Today where the program is counts.
    expect(log({ collectedOn: '2026-11-22' })().collectedOn).toBe('2026-11-22');
  });

  it('logs a form saved twice once, answering the second save with the first', async () => {
    const { db, writer, site } = await program();
    const formKey = '0190f5a0-0000-7000-8000-0000000000aa';
    const input = {
      siteId: site.id,
      collectedOn: '2026-11-20',
      source: 'kiosk' as const,
      collected: { counted: 30 },
      formKey,
    };
    const first = perform(db, writer, 'collections.log', input);
    const before = databaseState(db);
    expect(perform(db, writer, 'collections.log', input)).toEqual(first);
    expectNothingChanged(db, before);
  });
});

describe('correcting and voiding a collection', () => {
  it('corrects with a new revision and a reason, on top of the revision seen only', async () => {
    const { db, writer, site } = await program();
    const van = perform(db, writer, 'sites.create', { name: 'Van', siteType: 'mobile_van' });
    const logged = perform(db, writer, 'collections.log', {
      siteId: site.id,
      collectedOn: '2026-11-20',
      source: 'kiosk',
      collected: { counted: 120 },
    });
    const correction = {
      id: logged.id,
      expectedRevision: 1,
      reason: 'it was the van’s drop box',
      siteId: van.id,
      collectedOn: '2026-11-19',
      source: 'drop_box' as const,
      collected: { containers: 1 },
    };
    const corrected = perform(db, writer, 'collections.correct', correction);
    expect(corrected).toMatchObject({
      revision: 2,
      siteId: van.id,
      siteName: 'Van',
      collectedOn: '2026-11-19',
      source: 'drop_box',
      collected: { counted: 0, containers: 1, estimated: 100, total: 100 },
      changeReason: 'it was the van’s drop box',
    });
    const revisions = db
      .statement(
        `SELECT r.revision, r.replaces_revision_key IS NOT NULL AS replaces FROM collection_revisions r
         JOIN collections c ON c.key = r.collection_key WHERE c.id = ? ORDER BY r.revision`,
      )
      .all(logged.id);
    expect(revisions).toEqual([
      { revision: 1, replaces: 0 },
      { revision: 2, replaces: 1 },
    ]);

    const before = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'collections.correct', correction),
      'entry_changed_meanwhile',
      'expectedRevision',
    );
    expectRefused(
      () => perform(db, writer, 'collections.correct', { ...correction, expectedRevision: 2, reason: ' ' }),
      'reason_required',
      'reason',
    );
    expectRefused(
      () => perform(db, writer, 'collections.correct', { ...correction, id: '0190f5a0-0000-7000-8000-0000000000ee' }),
      'collection_not_found',
      'id',
    );
    expectNothingChanged(db, before);
  });

  it('voids with a reason, after which the collection is shown voided and changes no more', async () => {
    const { db, writer, site } = await program();
    const logged = perform(db, writer, 'collections.log', {
      siteId: site.id,
      collectedOn: '2026-11-20',
      source: 'kiosk',
      collected: { counted: 120 },
    });
    expectRefused(() => perform(db, writer, 'collections.void', { id: logged.id, reason: '' }), 'reason_required');
    const voided = perform(db, writer, 'collections.void', { id: logged.id, reason: 'logged twice' });
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'logged twice', revision: 1 });
    const audit = db
      .statement(`SELECT after_digest FROM audit_log WHERE action = 'collections.void' AND entity_type = 'collection'`)
      .pluck()
      .get() as Buffer;
    expect(Buffer.from(audit)).toEqual(digestOf({ status: 'voided', reason: 'logged twice' }));

    const before = databaseState(db);
    expectRefused(
      () => perform(db, writer, 'collections.void', { id: logged.id, reason: 'again' }),
      'collection_voided',
      'id',
    );
    expectRefused(
      () =>
        perform(db, writer, 'collections.correct', {
          id: logged.id,
          expectedRevision: 1,
          reason: 'recount',
          siteId: site.id,
          collectedOn: '2026-11-20',
          source: 'kiosk',
          collected: { counted: 100 },
        }),
      'collection_voided',
    );
    expectNothingChanged(db, before);
  });

  it('lets outreach workers log, and change only their own collections of the last 48 hours; viewers neither', async () => {
    let clock = now;
    const field = await openFieldCore({ clock: () => clock });
    const { db, writer, site } = field;
    const worker = staffWithRole(db, writer, 'outreach_worker');
    const viewer = staffWithRole(db, writer, 'viewer');
    const log = (who: Writer) =>
      perform(db, who, 'collections.log', {
        siteId: site.id,
        collectedOn: '2026-11-20',
        source: 'drop_box',
        collected: { counted: 12 },
      });
    const theirs = log(worker);
    const admins = log(writer);
    expectRefused(() => log(viewer), 'not_permitted');
    expect(perform(db, viewer, 'sites.list', {}).length).toBeGreaterThan(0);
    expectRefused(() => perform(db, viewer, 'collections.list', {}), 'not_permitted');
    expectRefused(
      () => perform(db, worker, 'collections.void', { id: admins.id, reason: 'not mine' }),
      'collection_change_not_permitted',
    );
    clock = new Date(now.getTime() + 49 * 3_600_000);
    expectRefused(
      () => perform(db, worker, 'collections.void', { id: theirs.id, reason: 'too late' }),
      'collection_change_not_permitted',
    );
    clock = new Date(now.getTime() + 47 * 3_600_000);
    expect(perform(db, worker, 'collections.void', { id: theirs.id, reason: 'logged twice' }).status).toBe('voided');
  });
});

describe('the list of collections', () => {
  it('shows the newest day first, by site and dates, in pages, voided ones when asked', async () => {
    const { db, writer, site } = await program();
    const van = perform(db, writer, 'sites.create', { name: 'Van', siteType: 'mobile_van' });
    const log = (siteId: string, collectedOn: string, counted: number) =>
      perform(db, writer, 'collections.log', { siteId, collectedOn, source: 'kiosk', collected: { counted } }).id;
    const a = log(site.id, '2026-11-01', 1);
    const b = log(site.id, '2026-11-15', 2);
    const c = log(van.id, '2026-11-10', 3);
    const d = log(site.id, '2026-11-15', 4);
    const e = log(site.id, '2026-10-30', 5);
    perform(db, writer, 'collections.void', { id: a, reason: 'logged twice' });
    const ids = (input: Parameters<typeof perform<'collections.list'>>[3]) =>
      perform(db, writer, 'collections.list', input).map((collection) => collection.id);

    // The same day: the later logged first.
    expect(ids({})).toEqual([d, b, c, e]);
    expect(ids({ includeVoided: true })).toEqual([d, b, c, a, e]);
    expect(ids({ siteId: van.id })).toEqual([c]);
    expect(ids({ siteId: site.id, from: '2026-11-01', to: '2026-11-14', includeVoided: true })).toEqual([a]);
    expect(ids({ from: '2026-11-10' })).toEqual([d, b, c]);
    const first = perform(db, writer, 'collections.list', { limit: 2 });
    expect(first.map((collection) => collection.id)).toEqual([d, b]);
    const last = first.at(-1)!;
    expect(ids({ limit: 2, before: { collectedOn: last.collectedOn, id: last.id } })).toEqual([c, e]);
    expectRefused(
      () => perform(db, writer, 'collections.list', { before: { collectedOn: '2026-11-01', id: van.id } }),
      'cursor_invalid',
    );
    expect(ids({ siteId: '0190f5a0-0000-7000-8000-0000000000ff' })).toEqual([]);
    // A range that runs backwards is refused at its end, not answered with nothing.
    expectRefused(
      () => perform(db, writer, 'collections.list', { from: '2026-11-15', to: '2026-11-01' }),
      'date_range_backwards',
      'to',
    );
    expect(ids({ from: '2026-11-15', to: '2026-11-15' })).toEqual([d, b]);
  });
});
