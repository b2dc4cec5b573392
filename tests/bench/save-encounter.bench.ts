/**
 * `npm run bench`: how long saving an encounter with 10 supply lines takes, against plain
 * prepared-statement inserts of the same fact rows into the same tables (the floor SQLite sets on
 * this machine). Durability as in the app: WAL with synchronous=FULL. Prints JSON; asserts nothing
 * (speed is measured here, never inside a unit test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../db/runtime/core';
import { newId } from '../../db/platform/ids';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1)!) };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
  const saves = Number(process.env['BENCH_SAVES'] ?? 2000);
  try {
    const core = await openCore({ databasePath: join(folder, 'bench.sqlite'), appVersion: 'bench' });
    const { db } = core.context;
    const { identity } = core;
    const writer = { deviceId: identity.deviceId, staffId: identity.defaultStaffId };
    const site = db.first(db.query.selectFrom('sites').select('id'))!;
    const items = db.all(db.query.selectFrom('items').select('id').where('is_kit', '=', 0).limit(10));
    const codes = Array.from({ length: 500 }, (_, index) => `BN${String(index).padStart(4, '0')}`);

    // Through the core's dispatch, as every host calls it: validation, access, transaction, audit.
    const save = (index: number) =>
      core.perform(
        'encounters.log',
        {
          siteId: site.id,
          occurredAt: new Date().toISOString(),
          participantCode: index % 7 === 0 ? null : codes[index % codes.length],
          lines: items.map((item, line) => ({ itemId: item.id, quantity: 1 + ((index + line) % 20) })),
        },
        writer,
      );
    for (let index = 0; index < 200; index += 1) save(index); // warm-up: statements prepared, pages cached

    const saveTimes: number[] = [];
    const plainTimes: number[] = [];
    const insertEntry = db.sqlite.prepare(
      `INSERT INTO field_entries (id, kind, status, current_revision, origin_device_id, created_by, created_at, updated_at)
       VALUES (?, 'encounter', 'active', 1, ?, ?, ?, ?)`,
    );
    const insertRevision = db.sqlite.prepare(
      `INSERT INTO field_entry_revisions (id, entry_id, revision, site_id, occurred_at, local_date, contact_type, participant_id,
         contacts, on_behalf_of, collected_counted, collected_containers, collected_pounds, syringes_per_container,
         syringes_per_pound, collected_estimated, note, moves_stock, change_reason, origin_device_id, created_by, created_at)
       SELECT ?, ?, 1, site_id, occurred_at, local_date, contact_type, participant_id, contacts, on_behalf_of, collected_counted,
         collected_containers, collected_pounds, syringes_per_container, syringes_per_pound, collected_estimated, note,
         moves_stock, change_reason, origin_device_id, created_by, created_at
       FROM field_entry_revisions WHERE id = ?`,
    );
    const insertLine = db.sqlite.prepare(
      `INSERT INTO field_entry_lines (id, revision_id, line_no, item_id, units, lot_id, kit_version_id, doses_per_unit)
       VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL)`,
    );
    const insertMovement = db.sqlite.prepare(
      `INSERT INTO stock_movements (id, kind, site_id, item_id, lot_id, units, shortfall, occurred_at, local_date, source_type,
         source_id, source_revision_id, reverses_movement_id, origin_device_id, created_by, created_at)
       VALUES (?, 'distribution', ?, ?, NULL, ?, 0, ?, ?, 'field_entry', ?, ?, NULL, ?, ?, ?)`,
    );
    const revisionOf = db.sqlite.prepare(`SELECT id, local_date FROM field_entry_revisions WHERE entry_id = ?`);

    for (let index = 0; index < saves; index += 1) {
      const started = process.hrtime.bigint();
      const saved = save(index + 200);
      saveTimes.push(Number(process.hrtime.bigint() - started) / 1e6);

      // The floor: the same fact rows (entry, revision, lines, movements) with plain prepared statements.
      const revision = revisionOf.get(saved.id) as { id: string; local_date: string };
      const now = new Date().toISOString();
      const plainStarted = process.hrtime.bigint();
      db.sqlite
        .transaction(() => {
          const entryId = newId();
          const revisionId = newId();
          insertEntry.run(entryId, writer.deviceId, writer.staffId, now, now);
          insertRevision.run(revisionId, entryId, revision.id);
          saved.lines.forEach((line, lineIndex) => {
            insertLine.run(newId(), revisionId, lineIndex + 1, line.itemId, line.quantity);
            insertMovement.run(
              newId(),
              site.id,
              line.itemId,
              -line.quantity,
              now,
              revision.local_date,
              entryId,
              revisionId,
              writer.deviceId,
              writer.staffId,
              now,
            );
          });
        })
        .immediate();
      plainTimes.push(Number(process.hrtime.bigint() - plainStarted) / 1e6);
    }
    core.close();
    const save10 = summary(saveTimes);
    const plain = summary(plainTimes);
    console.log(
      JSON.stringify(
        {
          benchmark: 'save an encounter with 10 supply lines (WAL, synchronous=FULL)',
          saves,
          milliseconds: { outpost: save10, plainInserts: plain },
          ratioAtP50: Math.round((save10.p50 / plain.p50) * 100) / 100,
          ratioAtP95: Math.round((save10.p95 / plain.p95) * 100) / 100,
          targets: { p95: 2, ratio: 2 },
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
