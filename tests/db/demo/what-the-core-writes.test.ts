/**
 * The demo writes in bulk, but what it leaves must be what the core would have written for the
 * same saves one at a time: a stock movement for every supply line (first-expiry-first-out from
 * the stock start on), the audit rows dispatch appends for each save, first visit, void and
 * correction, chained and with the digest of the very view the save returned.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit/audit-log';
import { demoSetup, generateDemoData, type DemoSummary } from '../../../db/demo/demo';
import { perform } from '../../../db/dispatch/dispatch';
import { readEntry } from '../../../db/field-entries/read';
import { openCore, type Core } from '../../../db/runtime/core';
import { storedCodes } from '../../../db/platform/stored-codes';
import { verifyDatabase } from '../../../db/system/system';
import { removeTempDirs, tempDatabasePath } from '../../support/temp-files';

const today = new Date('2026-11-22T12:00:00Z');
const distribution = storedCodes.movementKind.code('distribution');
const fromEntry = storedCodes.movementSource.code('field_entry');
const encounterCode = storedCodes.entryKind.code('encounter');
const digestOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest().subarray(0, 16);

let core: Core;
let summary: DemoSummary;
let auditRowsBefore: number;
const rows = <Row>(sqlText: string, ...params: unknown[]) =>
  core.context.db.sqlite.prepare(sqlText).all(...params) as Row[];
const count = (sqlText: string, ...params: unknown[]) =>
  (core.context.db.sqlite.prepare(sqlText).get(...params) as { n: number }).n;

beforeAll(async () => {
  core = await openCore({ databasePath: tempDatabasePath(), appVersion: 'test', clock: () => today });
  const options = { sites: 4, years: 0.1, seed: 11, today, timeZone: 'America/Chicago' };
  core.perform('system.setup', demoSetup(options), { staffId: core.info.defaultStaffId });
  auditRowsBefore = count(`SELECT count(*) AS n FROM audit_log`);
  summary = generateDemoData(core.context, { staffId: core.info.defaultStaffId }, options);
});
afterAll(() => {
  core.close();
  removeTempDirs();
});

describe('a small demo (4 sites, one of them street outreach, 0.1 year), every day moving stock', () => {
  it('verifies: rollups, balances, list paths, code variants and the audit chain', async () => {
    expect(summary.encounters).toBeGreaterThan(300);
    expect(summary.voided).toBeGreaterThan(0);
    expect(summary.corrected).toBeGreaterThan(0);
    const report = await verifyDatabase(core.context.db);
    expect(report.integrity).toBe('ok');
    expect(report.foreignKeyViolations).toBe(0);
    expect(report.ledger.mismatches).toBe(0);
    expect(report.rollups.filter((check) => check.mismatches !== 0)).toEqual([]);
    expect(report.rollups.map((check) => check.table)).toEqual(
      expect.arrayContaining(['field_entry_item_times', 'participant_code_variants']),
    );
    expect(report.audit).toEqual({
      rows: count(`SELECT count(*) AS n FROM audit_log`),
      intact: true,
      brokenAtSeq: null,
    });
    expect(report.ok).toBe(true);
    expect(verifyAuditChain(core.context.db).intact).toBe(true);
  });

  it('writes one audit row per save, first visit, void and correction, as dispatch appends them', () => {
    const entries = summary.encounters + summary.tallies;
    const byAction = (action: string, entity: string) =>
      count(`SELECT count(*) AS n FROM audit_log WHERE action = ? AND entity_type = ?`, action, entity);
    expect(byAction('encounters.log', 'encounter') + byAction('tallies.log', 'tally')).toBe(entries);
    expect(byAction('encounters.log', 'participant')).toBe(summary.participants);
    expect(byAction('encounters.void', 'encounter') + byAction('tallies.void', 'tally')).toBe(summary.voided);
    expect(byAction('encounters.correct', 'encounter')).toBe(summary.corrected);
    // Besides those, the generation itself: its staff, the stock start, and the summary. Its sites
    // were made by setup, before, and audited as setup's.
    const generation = byAction('demo.generate', 'staff');
    expect(generation).toBe(6);
    expect(byAction('system.setup', 'site')).toBe(summary.sites);
    expect(byAction('demo.generate', 'site')).toBe(0);
    expect(byAction('demo.generate', 'program_settings') + byAction('demo.generate', 'database')).toBe(2);
    expect(byAction('collections.log', 'collection')).toBe(summary.collections);
    // Items' GTINs and the stock room's week are saved through dispatch, audited as its channels audit (tested below).
    const stockRoom = count(
      `SELECT count(*) AS n FROM audit_log WHERE action LIKE 'inventory.%' OR action = 'items.addGtin'`,
    );
    expect(count(`SELECT count(*) AS n FROM audit_log`) - auditRowsBefore).toBe(
      entries +
        summary.participants +
        summary.voided +
        summary.corrected +
        summary.collections +
        generation +
        2 +
        stockRoom,
    );
    // Each entry saved once, by whoever logged it, at the moment it was logged, on this device.
    expect(
      count(
        `SELECT count(*) AS n FROM field_entries e JOIN audit_log a ON a.entity_key = e.key
         WHERE a.action IN ('encounters.log', 'tallies.log') AND a.entity_type IN ('encounter', 'tally')
           AND a.staff_key = e.created_by_key AND a.at_ms = e.created_ms AND a.device_key = e.origin_device_key
           AND a.before_json IS NULL AND a.after_json IS NULL AND length(a.after_digest) = 16`,
      ),
    ).toBe(entries);
    // A participant's creation comes just before the save of their first encounter, with its code.
    const created = rows<{ code: string; after_json: string; next_action: string; next_entity: string }>(
      `SELECT p.code, a.after_json, next.action AS next_action, next.entity_type AS next_entity
       FROM audit_log a JOIN participants p ON p.key = a.entity_key JOIN audit_log next ON next.seq = a.seq + 1
       WHERE a.entity_type = 'participant'`,
    );
    expect(created).toHaveLength(summary.participants);
    for (const row of created) {
      expect(JSON.parse(row.after_json)).toEqual({ code: row.code, formula: 'mother_month_year' });
      expect([row.next_action, row.next_entity]).toEqual(['encounters.log', 'encounter']);
    }
    // A void's row holds the digest of what the void wrote.
    const voids = rows<{ after_digest: Buffer; reason: string }>(
      `SELECT a.after_digest, v.reason FROM audit_log a JOIN field_entry_voids v ON v.entry_key = a.entity_key
       WHERE a.action IN ('encounters.void', 'tallies.void')`,
    );
    expect(voids).toHaveLength(summary.voided);
    for (const row of voids)
      expect(Buffer.from(row.after_digest)).toEqual(digestOf({ status: 'voided', kind: 'void', reason: row.reason }));
  });

  it("saves the last week's stock room through the core: transfers, one in transit, adjustments, a lot on hold", () => {
    const { stockRoom } = summary;
    expect(stockRoom.transfers).toBe(4);
    expect(stockRoom.inTransit).toBe(1);
    // Four sites, four routes: received the next day, cancelled, received short, and the last in transit.
    expect(rows(`SELECT status, count(*) AS n FROM transfers GROUP BY status ORDER BY status`)).toEqual([
      { status: 'cancelled', n: 1 },
      { status: 'in_transit', n: 1 },
      { status: 'received', n: 2 },
    ]);
    // The one received short has its difference written off as damaged.
    expect(rows(`SELECT units, reason FROM transfer_event_lines WHERE reason IS NOT NULL`)).toEqual([
      { units: 1, reason: 2 },
    ]);
    expect(count(`SELECT count(*) AS n FROM adjustments`)).toBe(stockRoom.adjustments);
    expect(stockRoom.adjustments).toBeGreaterThanOrEqual(4);
    expect(count(`SELECT count(*) AS n FROM lots WHERE on_hold = 1`)).toBe(1);
    expect(stockRoom.lotsOnHold).toBe(1);
    // One count posted at the second site, its balances below zero set right; one still open at the first,
    // neither listing anything as arrived after it.
    expect(rows(`SELECT site_key, scope, status FROM counts ORDER BY key`)).toEqual([
      { site_key: 2, scope: 'site', status: 'posted' },
      { site_key: 1, scope: 'category', status: 'open' },
    ]);
    expect([stockRoom.countsPosted, stockRoom.countsOpen]).toEqual([1, 1]);
    expect(count(`SELECT count(*) AS n FROM count_reviews`)).toBe(0);
    for (const { id } of rows<{ id: string }>(`SELECT id FROM counts`))
      expect(
        core.perform('inventory.count', { countId: id }, { staffId: core.info.defaultStaffId }).arrivedLate,
      ).toEqual([]);
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements WHERE kind = ?`,
        storedCodes.movementKind.code('count_correction'),
      ),
    ).toBeGreaterThan(0);
    // Every item's box has a GTIN, and cases of ten boxes have their own; one delivery came in by scan.
    const items = count(`SELECT count(*) AS n FROM items WHERE active = 1`);
    const cases = count(`SELECT count(*) AS n FROM items WHERE active = 1 AND units_per_pack >= 10`);
    expect(count(`SELECT count(*) AS n FROM item_gtins`)).toBe(items + cases);
    expect(stockRoom.gtins).toBe(items + cases);
    expect(
      rows(
        `SELECT r.delivery_line, r.units, r.units_per_pack, g.units_per_pack AS case_units FROM receipts r
         JOIN item_gtins g ON g.gtin = r.gtin ORDER BY r.delivery_line`,
      ),
    ).toEqual([
      {
        delivery_line: 1,
        units: expect.any(Number),
        units_per_pack: expect.any(Number),
        case_units: expect.any(Number),
      },
      {
        delivery_line: 2,
        units: expect.any(Number),
        units_per_pack: expect.any(Number),
        case_units: expect.any(Number),
      },
    ]);
    for (const line of rows<{ units: number; case_units: number }>(
      `SELECT r.units, g.units_per_pack AS case_units FROM receipts r JOIN item_gtins g ON g.gtin = r.gtin`,
    ))
      expect(line.units).toBe(line.case_units);
    // Kits arrive made up, like any item, so they are in stock rather than handed out below zero.
    expect(
      count(`SELECT count(*) AS n FROM receipts r JOIN items i ON i.id = r.item_id WHERE i.is_kit = 1`),
    ).toBeGreaterThan(0);
    const perAction = (action: string) => count(`SELECT count(*) AS n FROM audit_log WHERE action = ?`, action);
    expect(perAction('inventory.transfer')).toBeGreaterThanOrEqual(stockRoom.transfers);
    expect(perAction('inventory.adjust')).toBeGreaterThanOrEqual(stockRoom.adjustments);
  });

  it("holds in each save's audit row the digest of the view readEntry gives", () => {
    const saved = rows<{ id: string; kind: number; status: string; after_digest: Buffer }>(
      `SELECT e.id, e.kind, e.status, a.after_digest FROM field_entries e JOIN audit_log a ON a.entity_key = e.key
       WHERE a.action IN ('encounters.log', 'tallies.log') AND a.entity_type IN ('encounter', 'tally')
         AND e.current_revision = 1 ORDER BY e.key`,
    );
    // Every seventh save, and every void and tally (a few dozen in all, too few to leave to the seventh).
    const sample = saved.filter(
      (row, index) => index % 7 === 0 || row.status === 'voided' || row.kind !== encounterCode,
    );
    expect(sample.some((row) => row.status === 'voided')).toBe(true);
    expect(new Set(sample.map((row) => readEntry(core.context.db, row.id).kind))).toEqual(
      new Set(['encounter', 'tally']),
    );
    for (const row of sample) {
      const view = readEntry(core.context.db, row.id);
      // A voided entry was saved active: its save returned the view before the void.
      const asSaved = row.status === 'voided' ? { ...view, status: 'active', voidKind: null, voidReason: null } : view;
      expect(Buffer.from(row.after_digest), row.id).toEqual(digestOf(asSaved));
    }
  });

  it('writes collections as collections.log does, each audit row with the digest of the view collections.get gives', () => {
    // 0.1 year of Mondays and Thursdays at the kiosk, Mondays at the drop box, first Saturdays' sweeps.
    expect(summary.collections).toBeGreaterThan(10);
    // Kiosk, drop box and community sweep (the first three sources), each at its own site.
    expect(rows(`SELECT source, count(DISTINCT site_key) AS sites FROM collection_revisions GROUP BY source`)).toEqual([
      { source: 1, sites: 1 },
      { source: 2, sites: 1 },
      { source: 3, sites: 1 },
    ]);
    const saved = rows<{ id: string; after_digest: Buffer }>(
      `SELECT c.id, a.after_digest FROM collections c JOIN audit_log a ON a.entity_key = c.key
       WHERE a.action = 'collections.log' AND a.entity_type = 'collection' AND a.staff_key = c.created_by_key
         AND a.at_ms = c.created_ms ORDER BY c.key`,
    );
    expect(saved).toHaveLength(summary.collections);
    for (const row of saved) {
      const view = core.perform('collections.get', { id: row.id }, { staffId: core.info.defaultStaffId });
      expect(Buffer.from(row.after_digest), row.id).toEqual(digestOf(view));
    }
    // Estimated with the factors of the day, as a save does.
    expect(
      count(`SELECT count(*) AS n FROM collection_revisions
        WHERE collected_estimated <> CAST(round(collected_containers * syringes_per_container
          + collected_pounds * syringes_per_pound) AS INTEGER)`),
    ).toBe(0);
  });

  it('moves stock for every supply line of every revision, and reverses what corrections and voids retired', () => {
    expect(count(`SELECT count(*) AS n FROM field_entry_revisions WHERE moves_stock = 0`)).toBe(0);
    // Per revision and item: its lines' units are exactly what its own movements took.
    const taken = `SELECT m.source_revision_key AS revision_key, m.item_key, -sum(m.units) AS units FROM stock_movements m
      WHERE m.source_type = ${fromEntry} AND m.kind = ${distribution} AND m.reverses_movement_key IS NULL
      GROUP BY m.source_revision_key, m.item_key`;
    const lines = `SELECT revision_key, item_key, sum(units) AS units FROM field_entry_lines GROUP BY revision_key, item_key`;
    expect(count(`SELECT count(*) AS n FROM (${taken} EXCEPT ${lines})`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM (${lines} EXCEPT ${taken})`)).toBe(0);
    // Each movement of the entry and revision it names, when and by whom the save was made.
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements m
         JOIN field_entry_revisions r ON r.key = m.source_revision_key
         WHERE m.source_type = ${fromEntry} AND m.reverses_movement_key IS NULL AND (m.source_key <> r.entry_key
           OR m.occurred_ms <> r.occurred_ms OR m.local_date <> r.local_date OR m.site_key <> r.site_key
           OR m.created_by_key <> r.created_by_key)`,
      ),
    ).toBe(0);
    // A revision retired (corrected or voided) has each of its movements negated exactly once; a
    // current one none.
    const retired = `(SELECT r.key FROM field_entry_revisions r JOIN field_entries e ON e.key = r.entry_key
      WHERE e.status = 'voided' OR r.revision < e.current_revision)`;
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements m
         WHERE m.source_type = ${fromEntry} AND m.reverses_movement_key IS NULL
           AND (SELECT count(*) FROM stock_movements back WHERE back.reverses_movement_key = m.key
                 AND back.units = -m.units AND back.site_key = m.site_key AND back.item_key = m.item_key
                 AND back.lot_key IS m.lot_key AND back.source_key = m.source_key
                 AND back.source_revision_key = m.source_revision_key)
               <> (m.source_revision_key IN ${retired})`,
      ),
    ).toBe(0);
    // (A cancelled transfer reverses its own movements too: those are the stock room's, not an entry's.)
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements WHERE reverses_movement_key IS NOT NULL AND source_type = ${fromEntry}`,
      ),
    ).toBe(
      count(
        `SELECT count(*) AS n FROM stock_movements WHERE source_type = ${fromEntry} AND reverses_movement_key IS NULL
         AND source_revision_key IN ${retired}`,
      ),
    );
    // So, in all: the units distribution took, less what reversals gave back, are the units of the
    // current lines of active entries; and what was taken is every revision's lines, current or replaced.
    const sum = (sqlText: string) => (core.context.db.sqlite.prepare(sqlText).get() as { n: number | null }).n ?? 0;
    const out = sum(
      `SELECT -sum(units) AS n FROM stock_movements WHERE source_type = ${fromEntry} AND reverses_movement_key IS NULL`,
    );
    const back = sum(
      `SELECT sum(units) AS n FROM stock_movements WHERE source_type = ${fromEntry} AND reverses_movement_key IS NOT NULL`,
    );
    expect(out).toBe(sum(`SELECT sum(units) AS n FROM field_entry_lines`));
    expect(back).toBe(sum(`SELECT sum(l.units) AS n FROM field_entry_lines l WHERE l.revision_key IN ${retired}`));
    expect(out - back).toBe(
      sum(`SELECT sum(l.units) AS n FROM current_revisions r JOIN field_entry_lines l ON l.revision_key = r.key`),
    );
    // The generator's own (corrections, made afterwards through dispatch, are written at the clock's time).
    expect(summary.stockMovements).toBe(
      count(`SELECT count(*) AS n FROM stock_movements WHERE created_ms < ?`, today.getTime()),
    );
  });

  it('allocates as the ledger does: first expiry first, lots before loose stock, shortfalls of what was not there', () => {
    // The balance of a site's item and lot just before a movement (keys are in writing order).
    const before = (lot: string) => `(SELECT coalesce(sum(b.units), 0) FROM stock_movements b
      WHERE b.site_key = m.site_key AND b.item_key = m.item_key AND b.lot_key IS ${lot} AND b.key < m.key)`;
    const usable = `(other.expires_on IS NULL OR other.expires_on >= m.local_date)`;
    const lotted = count(
      `SELECT count(*) AS n FROM stock_movements m WHERE m.kind = ${distribution} AND m.lot_key IS NOT NULL`,
    );
    expect(lotted).toBeGreaterThan(0);
    // Never from an expired lot, never one expiring later while an earlier one had stock.
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements m JOIN lots l ON l.key = m.lot_key
         WHERE m.kind = ${distribution} AND m.reverses_movement_key IS NULL AND (l.expires_on < m.local_date
           OR m.shortfall <> 0 OR -m.units > ${before('m.lot_key')} OR EXISTS (
             SELECT 1 FROM lots other WHERE other.item_id = l.item_id AND other.key <> l.key AND ${usable}
               AND (coalesce(other.expires_on, '9999-12-31'), other.lot_number) < (coalesce(l.expires_on, '9999-12-31'), l.lot_number)
               AND ${before('other.key')} > 0))`,
      ),
    ).toBe(0);
    // Stock without a lot is handed out for an item tracked by lot only when no usable lot had any.
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements m JOIN items i ON i.key = m.item_key
         WHERE m.kind = ${distribution} AND m.reverses_movement_key IS NULL AND m.lot_key IS NULL AND i.tracks_lots = 1
           AND EXISTS (SELECT 1 FROM lots other WHERE other.item_id = i.id AND ${usable} AND ${before('other.key')} > 0)`,
      ),
    ).toBe(0);
    // What the stock without a lot could not cover is the shortfall.
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements m
         WHERE m.kind = ${distribution} AND m.reverses_movement_key IS NULL AND m.lot_key IS NULL
           AND m.shortfall <> max(0, -m.units - max(0, ${before('NULL')}))`,
      ),
    ).toBe(0);
    // Deliveries keep most of it on the shelf.
    const short = count(`SELECT count(*) AS n FROM stock_movements m JOIN items i ON i.key = m.item_key
      WHERE m.shortfall > 0 AND i.is_kit = 0`);
    const handedOut = count(`SELECT count(*) AS n FROM stock_movements m JOIN items i ON i.key = m.item_key
      WHERE m.kind = ${distribution} AND i.is_kit = 0`);
    expect(short / handedOut).toBeLessThan(0.05);
  });

  it('writes the same audit row for a save as the core does for one through its channel', () => {
    const demoRow = rows<Record<string, unknown>>(
      `SELECT action, entity_type, before_json, after_json, length(after_digest) AS digest, length(hash) AS hash
       FROM audit_log WHERE action = 'encounters.log' AND entity_type = 'encounter' LIMIT 1`,
    )[0];
    const site = rows<{ id: string }>(`SELECT id FROM sites ORDER BY key DESC LIMIT 1`)[0]!;
    const item = rows<{ id: string }>(`SELECT id FROM items WHERE tracks_lots = 0 AND is_kit = 0 LIMIT 1`)[0]!;
    const saved = perform(
      core.context,
      'encounters.log',
      {
        siteId: site.id,
        occurredAt: new Date(today.getTime() - 3_600_000).toISOString(),
        participantCode: 'ZZ0199',
        lines: [{ itemId: item.id, quantity: 3 }],
      },
      { staffId: core.info.defaultStaffId },
    );
    const [participantRow, entryRow] = rows<Record<string, unknown>>(
      `SELECT action, entity_type, before_json, after_json, after_digest, length(after_digest) AS digest, length(hash) AS hash
       FROM audit_log ORDER BY seq DESC LIMIT 2`,
    ).reverse();
    expect(participantRow).toMatchObject({ action: 'encounters.log', entity_type: 'participant', before_json: null });
    expect(Object.keys(JSON.parse(participantRow!['after_json'] as string))).toEqual(['code', 'formula']);
    const { after_digest: digest, ...shape } = entryRow!;
    expect(shape).toEqual(demoRow);
    expect(Buffer.from(digest as Uint8Array)).toEqual(digestOf({ ...saved, shortfalls: [] }));
    expect(verifyAuditChain(core.context.db).intact).toBe(true);
    expect(
      count(
        `SELECT count(*) AS n FROM stock_movements m JOIN field_entries e ON e.key = m.source_key
         WHERE e.id = ? AND m.source_type = ${fromEntry} AND m.kind = ${distribution}`,
        saved.id,
      ),
    ).toBe(1);
    expect(count(`SELECT count(*) AS n FROM field_entries WHERE kind = ?`, encounterCode)).toBe(summary.encounters + 1);
  });
});
