/**
 * 0009 converts the file. Seeded as schema 0008 held data (frozen SQL), the database is opened by
 * the current code: it is converted into a new file, checked and swapped in, with the old file
 * kept beside it. Every old row is read back from the new file in its old shape (ids for keys,
 * ISO instants for milliseconds, words for codes) and found equal to the kept file's rows; the
 * audit log is chained anew and records what the old chain was found to be.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../../db/cli/cli';
import { verifyAuditChain } from '../../../../db/audit/audit-log';
import type { ConversionProgress } from '../../../../db/platform/conversion';
import { openDatabase } from '../../../../db/platform/database';
import { latestSchemaVersion } from '../../../../db/platform/migrations';
import { appliedMigrations, ConversionNeeded, runMigrations } from '../../../../db/platform/migrate';
import { SqliteDriver, type SqliteConnection } from '../../../../db/platform/sqlite-driver';
import { verifyDatabase } from '../../../../db/system/system';
import { openTestCore, read } from '../../../support/core';
import { removeTempDirs } from '../../../support/temp-files';
import { auditHash0008, seeded, seeded0004, seeded0008, seededAt, seededAt0008, seedSchema0004 } from './seeds';

afterEach(removeTempDirs);

const iso = (column: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
const idOf = (table: string, key: string) => `(SELECT id FROM ${table} WHERE key = ${key})`;
const word = (column: string, words: string[]) =>
  `CASE ${column} ${words.map((value, index) => `WHEN ${index + 1} THEN '${value}'`).join(' ')} END`;
const entryKind = (column: string) => word(column, ['encounter', 'tally']);
const movementKinds = ['receipt', 'distribution', 'transfer_sent', 'transfer_received', 'adjustment'];
const movementSources = ['field_entry', 'receipt'];

/**
 * Each table's rows as schema 0008 held them: in the kept old file, and rebuilt from the new one
 * (whose rows also hold the local keys named in `keys`, which the old file had not).
 */
const sameRows: { table: string; old: string; rebuilt: string; keys?: string[] }[] = [
  ...['device', 'staff', 'sites', 'items', 'lots', 'service_types', 'presets', 'participants', 'receipts'].map(
    (table) => ({
      table,
      old: `SELECT * FROM ${table} ORDER BY rowid`,
      rebuilt: `SELECT * FROM ${table} ORDER BY key`,
      // The file is migrated on to the newest schema: a lot's hold (0013) and a receipt's delivery,
      // reference, GTIN and form key (0014) were not there in 0008.
      keys: {
        lots: ['key', 'on_hold'],
        receipts: ['key', 'delivery_id', 'delivery_line', 'reference', 'gtin', 'form_key'],
      }[table] ?? ['key'],
    }),
  ),
  {
    table: 'field_entries',
    old: `SELECT * FROM field_entries ORDER BY rowid`,
    rebuilt: `SELECT e.id, ${entryKind('e.kind')} AS kind, e.status, e.current_revision,
        ${idOf('device', 'e.origin_device_key')} AS origin_device_id, ${idOf('staff', 'e.created_by_key')} AS created_by,
        ${iso('e.created_ms')} AS created_at, ${iso('e.updated_ms')} AS updated_at,
        ${iso('e.current_occurred_ms')} AS current_occurred_at, ${idOf('sites', 'e.current_site_key')} AS current_site_id,
        e.current_local_date
      FROM field_entries e ORDER BY e.key`,
  },
  {
    table: 'field_entry_revisions',
    old: `SELECT * FROM field_entry_revisions ORDER BY rowid`,
    rebuilt: `SELECT r.id, ${idOf('field_entries', 'r.entry_key')} AS entry_id, r.revision,
        ${idOf('sites', 'r.site_key')} AS site_id, ${iso('r.occurred_ms')} AS occurred_at, r.local_date, r.contact_type,
        ${idOf('participants', 'r.participant_key')} AS participant_id, r.contacts, r.on_behalf_of, r.collected_counted,
        r.collected_containers, r.collected_pounds, r.syringes_per_container, r.syringes_per_pound,
        r.collected_estimated, r.note, r.moves_stock, r.change_reason,
        ${idOf('device', 'r.origin_device_key')} AS origin_device_id, ${idOf('staff', 'r.created_by_key')} AS created_by,
        ${iso('r.created_ms')} AS created_at,
        (SELECT id FROM field_entry_revisions WHERE key = r.replaces_revision_key) AS replaces_revision_id
      FROM field_entry_revisions r ORDER BY r.key`,
  },
  {
    table: 'field_entry_lines',
    old: `SELECT revision_id, line_no, item_id, units, lot_id, kit_version_id, doses_per_unit
      FROM field_entry_lines ORDER BY revision_id, line_no`,
    rebuilt: `SELECT (SELECT id FROM field_entry_revisions WHERE key = l.revision_key) AS revision_id, l.line_no,
        ${idOf('items', 'l.item_key')} AS item_id, l.units, ${idOf('lots', 'l.lot_key')} AS lot_id,
        ${idOf('kit_versions', 'l.kit_version_key')} AS kit_version_id, l.doses_per_unit
      FROM field_entry_lines l ORDER BY 1, 2`,
  },
  {
    table: 'field_entry_services',
    old: `SELECT * FROM field_entry_services ORDER BY 1, 2`,
    rebuilt: `SELECT (SELECT id FROM field_entry_revisions WHERE key = s.revision_key) AS revision_id,
        ${idOf('service_types', 's.service_type_key')} AS service_type_id
      FROM field_entry_services s ORDER BY 1, 2`,
  },
  {
    table: 'field_entry_reversals',
    old: `SELECT revision_id, outcome, doses_used, note FROM field_entry_reversals ORDER BY revision_id, rowid`,
    rebuilt: `SELECT (SELECT id FROM field_entry_revisions WHERE key = x.revision_key) AS revision_id, x.outcome,
        x.doses_used, x.note
      FROM field_entry_reversals x ORDER BY 1, x.reversal_no`,
  },
  {
    table: 'field_entry_unmet_requests',
    old: `SELECT revision_id, item_id, reason, units FROM field_entry_unmet_requests ORDER BY revision_id, rowid`,
    rebuilt: `SELECT (SELECT id FROM field_entry_revisions WHERE key = u.revision_key) AS revision_id,
        ${idOf('items', 'u.item_key')} AS item_id, u.reason, u.units
      FROM field_entry_unmet_requests u ORDER BY 1, u.request_no`,
  },
  {
    table: 'field_entry_voids',
    old: `SELECT * FROM field_entry_voids ORDER BY rowid`,
    rebuilt: `SELECT v.id, ${idOf('field_entries', 'v.entry_key')} AS entry_id, v.reason, v.origin_device_id, v.created_by,
        v.created_at, v.kind
      FROM field_entry_voids v ORDER BY v.key`,
  },
  {
    table: 'field_entry_item_times',
    old: `SELECT * FROM field_entry_item_times ORDER BY 1, 2, 3, 4`,
    rebuilt: `SELECT ${idOf('items', 't.item_key')} AS item_id, ${entryKind('t.kind')} AS kind,
        ${iso('t.occurred_ms')} AS occurred_at, ${idOf('field_entries', 't.entry_key')} AS entry_id
      FROM field_entry_item_times t ORDER BY 1, 2, 3, 4`,
  },
  {
    table: 'stock_movements',
    // Movements have no id any more: a reversal names the movement it reverses by its key.
    old: `SELECT kind, site_id, item_id, lot_id, units, shortfall, occurred_at, local_date, source_type, source_id,
        source_revision_id, (SELECT rowid FROM stock_movements WHERE id = m.reverses_movement_id) AS reverses,
        origin_device_id, created_by, created_at
      FROM stock_movements m ORDER BY rowid`,
    rebuilt: `SELECT ${word('m.kind', movementKinds)} AS kind, ${idOf('sites', 'm.site_key')} AS site_id,
        ${idOf('items', 'm.item_key')} AS item_id, ${idOf('lots', 'm.lot_key')} AS lot_id, m.units, m.shortfall,
        ${iso('m.occurred_ms')} AS occurred_at, m.local_date, ${word('m.source_type', movementSources)} AS source_type,
        CASE m.source_type WHEN 1 THEN ${idOf('field_entries', 'm.source_key')} ELSE ${idOf('receipts', 'm.source_key')} END
          AS source_id,
        (SELECT id FROM field_entry_revisions WHERE key = m.source_revision_key) AS source_revision_id,
        m.reverses_movement_key AS reverses, ${idOf('device', 'm.origin_device_key')} AS origin_device_id,
        ${idOf('staff', 'm.created_by_key')} AS created_by, ${iso('m.created_ms')} AS created_at
      FROM stock_movements m ORDER BY m.key`,
  },
  {
    table: 'stock_balances',
    old: `SELECT site_id, item_id, lot_id, units FROM stock_balances ORDER BY 1, 2, 3`,
    rebuilt: `SELECT ${idOf('sites', 'b.site_key')} AS site_id, ${idOf('items', 'b.item_key')} AS item_id,
        ${idOf('lots', 'b.lot_key')} AS lot_id, b.units
      FROM stock_balances b ORDER BY 1, 2, 3`,
  },
  ...(['daily_site_counts', 'monthly_site_counts'] as const).map((table) => {
    const day = table === 'daily_site_counts' ? 'local_date' : 'month';
    return {
      table,
      old: `SELECT * FROM ${table} ORDER BY site_id, ${day}`,
      rebuilt: `SELECT ${idOf('sites', 'site_key')} AS site_id, * FROM ${table} ORDER BY site_id, ${day}`,
      keys: ['site_key'],
    };
  }),
  ...(['daily_unmet_requests', 'monthly_unmet_requests', 'daily_item_units', 'monthly_item_units'] as const).map(
    (table) => {
      const day = table.startsWith('daily_') ? 'local_date' : 'month';
      return {
        table,
        old: `SELECT * FROM ${table} ORDER BY site_id, ${day}, item_id`,
        rebuilt: `SELECT ${idOf('sites', 'site_key')} AS site_id, ${idOf('items', 'item_key')} AS item_id, * FROM ${table}
          ORDER BY site_id, ${day}, item_id`,
        keys: ['site_key', 'item_key'],
      };
    },
  ),
  {
    table: 'participant_site_days',
    old: `SELECT * FROM participant_site_days ORDER BY 1, 2, 3`,
    rebuilt: `SELECT ${idOf('participants', 'p.participant_key')} AS participant_id, ${idOf('sites', 'p.site_key')} AS site_id,
        p.local_date, p.encounters, ${iso('p.first_ms')} AS first_at
      FROM participant_site_days p ORDER BY 1, 2, 3`,
  },
  {
    table: 'period_participants',
    old: `SELECT * FROM period_participants ORDER BY 1, 2`,
    rebuilt: `SELECT period, CASE site_key WHEN 0 THEN '' ELSE ${idOf('sites', 'site_key')} END AS site_id, participants
      FROM period_participants ORDER BY 1, 2`,
  },
  {
    table: 'audit_log',
    old: `SELECT seq, at, staff_id, device_id, action, entity_type, entity_id, before_json, after_json FROM audit_log ORDER BY seq`,
    rebuilt: `SELECT a.seq, ${iso('a.at_ms')} AS at, ${idOf('staff', 'a.staff_key')} AS staff_id,
        ${idOf('device', 'a.device_key')} AS device_id, a.action, a.entity_type,
        CASE WHEN a.entity_type IN ('encounter', 'tally') THEN ${idOf('field_entries', 'a.entity_key')} END AS entity_id,
        a.before_json, a.after_json
      FROM audit_log a WHERE a.action <> 'system.convert' ORDER BY a.seq`,
  },
];

function rowsOf(sqlite: SqliteConnection, sqlText: string, keys: string[] = []): unknown[] {
  return (sqlite.prepare(sqlText).all() as Record<string, unknown>[]).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !keys.includes(column))),
  );
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The 0004 seed migrated on to 0008 (which fills what 0005-0007 derive), with 0008's own rows. */
describe('0009_compact_file', () => {
  it('converts into a new file holding every row, keeps the old file, and records the old chain', async () => {
    const path = await seededAt0008();
    const oldSha = sha256Of(path);
    const progress: ConversionProgress[] = [];
    const db = await openDatabase(path, { onConversion: (step) => progress.push(step) });
    // Converted, then migrated on in place to the newest schema.
    expect(db.readPragma('user_version')).toBe(latestSchemaVersion);
    expect(appliedMigrations(db.sqlite)).toContain('0009_compact_file');
    expect(progress.map((step) => step.phase).filter((phase, index, all) => phase !== all[index - 1])).toEqual([
      'space',
      'copy',
      'finish',
      'check',
      'swap',
    ]);

    const kept = `${path}.before-0009_compact_file`;
    expect(sha256Of(kept)).toBe(oldSha);
    expect(existsSync(`${path}.converting`)).toBe(false);
    const old = new SqliteDriver(kept, { readonly: true, fileMustExist: true });
    try {
      for (const { table, old: oldSql, rebuilt, keys } of sameRows) {
        expect({ table, rows: rowsOf(db.sqlite, rebuilt, keys) }).toEqual({ table, rows: rowsOf(old, oldSql) });
      }
    } finally {
      old.close();
    }

    // The seed's one audit row (0001-era) carries a made-up hash: the old chain did not hold, and
    // the new chain says so in the conversion's own row, which it covers like any other.
    const note = db.sqlite
      .prepare(`SELECT after_json FROM audit_log WHERE action = 'system.convert'`)
      .pluck()
      .get() as string;
    expect(JSON.parse(note)).toEqual({
      converted: '0009_compact_file',
      oldRows: 1,
      oldChainIntact: false,
      brokenAtSeq: 1,
    });
    expect(verifyAuditChain(db)).toEqual({ rows: 2, intact: true, brokenAtSeq: null });
    db.close();

    // The converted file is a working database: verify finds the facts and their caches agree
    // where the seed kept them, and a correction of a converted entry saves.
    const core = await openTestCore({ databasePath: path, clock: () => new Date('2026-11-22T12:00:00Z') });
    const report = await verifyDatabase(core.context.db);
    expect(report.integrity).toBe('ok');
    expect(report.audit).toMatchObject({ intact: true, rows: 2 });
    expect(report.foreignKeyViolations).toBe(0);
    const { corrected } = seeded0004;
    const entry = read(core.context.db, 'encounters.get', { id: corrected });
    expect(entry).toMatchObject({ id: corrected, revision: 2, siteId: seeded0004.otherSite });
    const tally = read(core.context.db, 'tallies.get', { id: seeded0008.tally });
    expect(tally).toMatchObject({ contacts: 7, siteId: seeded.site, occurredAt: seeded.at });
  });

  it('says how far the conversion is on the command line, a line as each phase and table begins', async () => {
    const path = await seededAt0008();
    const lines: string[] = [];
    const printed = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    try {
      await runCli(['verify', '--db', path]);
    } finally {
      printed.mockRestore();
    }
    const updating = lines.filter((line) => line.startsWith('Updating the database: '));
    expect(updating[0]).toBe('Updating the database: space (0%)');
    expect(
      updating.filter((line) => /^Updating the database: copy field_entry_revisions \(\d+%\)$/.test(line)),
    ).toHaveLength(1);
    expect(updating.at(-1)).toMatch(/^Updating the database: swap \(\d+%\)$/);
    // Then the check the command was asked for, on the converted file.
    expect(lines.indexOf(updating.at(-1)!)).toBeLessThan(lines.findIndex((line) => line.startsWith('verify ')));
  });

  it('finds an intact old chain intact, and chains on from the conversion', async () => {
    const { path, sqlite } = await seededAt('0008_visits_by_time', (connection) => {
      const run = (sqlText: string, ...values: unknown[]) => connection.prepare(sqlText).run(...values);
      const { device, admin, at } = seeded;
      run(`INSERT INTO device (id, created_at) VALUES (?, ?)`, device, at);
      run(
        `INSERT INTO staff (id, display_name, role, active, origin_device_id, created_by, created_at, updated_at)
         VALUES (?, 'Sam', 'admin', 1, ?, NULL, ?, ?)`,
        admin,
        device,
        at,
        at,
      );
      let previous = '0'.repeat(64);
      for (const [number, action] of [
        [1, 'system.setup'],
        [2, 'staff.create'],
      ] as const) {
        const id = `0190f5a0-0000-7000-8000-0000000ab00${number}`;
        const after = JSON.stringify({ id: admin, displayName: 'Sam' });
        const hash = auditHash0008(previous, [id, at, admin, device, action, 'staff', admin, null, after]);
        run(
          `INSERT INTO audit_log (id, at, staff_id, device_id, action, entity_type, entity_id, before_json, after_json,
             prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, 'staff', ?, NULL, ?, ?, ?)`,
          id,
          at,
          admin,
          device,
          action,
          admin,
          after,
          previous,
          hash,
        );
        previous = hash;
      }
    });
    sqlite.close();
    const db = await openDatabase(path);
    const note = db.sqlite.prepare(`SELECT after_json FROM audit_log WHERE action = 'system.convert'`).pluck().get();
    expect(JSON.parse(note as string)).toMatchObject({ oldRows: 2, oldChainIntact: true, brokenAtSeq: null });
    expect(verifyAuditChain(db)).toEqual({ rows: 3, intact: true, brokenAtSeq: null });
    db.close();
  });

  it('runs the migrations before the conversion in place and records their level, then asks for the conversion', async () => {
    const { sqlite } = await seededAt('0004_void_kinds', seedSchema0004);
    await expect(runMigrations(sqlite)).rejects.toBeInstanceOf(ConversionNeeded);
    expect(appliedMigrations(sqlite).at(-1)).toBe('0008_visits_by_time');
    expect(sqlite.pragma('user_version', { simple: true })).toBe(8);
    sqlite.close();
  });

  it('starts a new database from the compact schema, recording every migration up to it', async () => {
    const { path, sqlite } = await seededAt('0009_compact_file', () => undefined);
    expect(appliedMigrations(sqlite)).toHaveLength(9);
    const columns = sqlite.prepare(`SELECT name FROM pragma_table_info('field_entry_lines')`).pluck().all();
    expect(columns).toEqual([
      'revision_key',
      'line_no',
      'item_key',
      'units',
      'lot_key',
      'kit_version_key',
      'doses_per_unit',
    ]);
    expect(existsSync(`${path}.before-0009_compact_file`)).toBe(false);
    sqlite.close();
  });
});
