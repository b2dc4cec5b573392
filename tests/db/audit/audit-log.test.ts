/** The audit log's rows and chain: what a row holds for a record and for a fact, and what the chain catches. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditChainWalk, verifyAuditChain } from '../../../db/audit/audit-log';
import { idOfKey, keyOfExisting } from '../../../db/platform/keys';
import { verifyDatabase } from '../../../db/system/system';
import { auditRows, digestOf } from '../../support/audit';
import { openFieldCore, perform, read } from '../../support/core';

const now = new Date('2026-11-22T20:00:00Z');

/** The chain as the audit log documents it, recomputed here from the stored columns alone. */
function expectedHash(previous: Uint8Array, row: ReturnType<typeof auditRows>[number]): Buffer {
  const hex = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('hex'));
  const fields = [
    hex(previous),
    row.seq,
    row.at_ms,
    row.staff_key,
    row.device_key,
    row.action,
    row.entity_type,
    row.entity_key,
    row.before_json,
    row.after_json,
    hex(row.after_digest),
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest().subarray(0, 16);
}

async function withWork() {
  const field = await openFieldCore({ clock: () => now });
  const { db, writer, site, item } = field;
  const van = perform(db, writer, 'sites.create', { name: 'Van 1', siteType: 'mobile_van' });
  perform(db, writer, 'sites.update', { id: van.id, name: 'Van 2' });
  const saved = perform(db, writer, 'encounters.log', {
    siteId: site.id,
    occurredAt: '2026-11-22T18:00:00Z',
    lines: [{ itemId: item('Syringe 1 mL 28G 1/2in').id, quantity: 10 }],
  });
  return { ...field, van, saved };
}

/** Lets a test change the log as someone outside Outpost could: the triggers only guard Outpost's own writes. */
function tamperable(db: Awaited<ReturnType<typeof withWork>>['db']): void {
  db.sqlite.exec('DROP TRIGGER audit_log_no_update');
  db.sqlite.exec('DROP TRIGGER audit_log_no_delete');
}

const lastSeq = (db: Awaited<ReturnType<typeof withWork>>['db']) =>
  (db.sqlite.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number }).seq;

describe('an audit row', () => {
  it('names the writer and the record by key, with the record before and after', async () => {
    const { db, writer, van } = await withWork();
    const [update] = auditRows(db, 'sites.update');
    expect(update).toMatchObject({
      at_ms: now.getTime(),
      entity_type: 'site',
      entity_key: keyOfExisting(db, 'sites', van.id),
      before_json: JSON.stringify(van),
      after_json: JSON.stringify({ ...van, name: 'Van 2' }),
      after_digest: null,
    });
    expect(idOfKey(db, 'staff', update!.staff_key!)).toBe(writer.staffId);
    expect(idOfKey(db, 'device', update!.device_key)).toBe(writer.deviceId);
  });

  it('holds the digest of a result kept as a fact, and no copy of it', async () => {
    const { db, saved } = await withWork();
    const [row] = auditRows(db, 'encounters.log');
    expect(row).toMatchObject({
      entity_type: 'encounter',
      entity_key: keyOfExisting(db, 'field_entries', saved.id),
      before_json: null,
      after_json: null,
    });
    // The entry as the save returned it. Its shortfalls (nothing was on the shelf) are news of the
    // save: the entry as stored, and as encounters.get reads it, has none.
    expect(saved.shortfalls).toHaveLength(1);
    const entry = { ...saved, shortfalls: [] };
    expect(read(db, 'encounters.get', { id: saved.id })).toEqual(entry);
    expect(Buffer.from(row!.after_digest!)).toEqual(digestOf(entry));
  });

  it('is chained to the one before it from 16 zero bytes, its sequence number covered', async () => {
    const { db } = await withWork();
    const rows = db.all(db.query.selectFrom('audit_log').selectAll().orderBy('seq'));
    let previous: Uint8Array = new Uint8Array(16);
    for (const row of rows) {
      expect(Buffer.from(row.hash), `row ${row.seq}`).toEqual(expectedHash(previous, row));
      previous = row.hash;
    }
    expect(verifyAuditChain(db)).toEqual({ rows: rows.length, intact: true, brokenAtSeq: null });
  });
});

describe('the audit chain', () => {
  it('is walked the same in chunks of any size', async () => {
    const { db } = await withWork();
    const whole = verifyAuditChain(db);
    for (const size of [1, 2, 7]) {
      const walk = auditChainWalk(db);
      let chunks = 0;
      while (walk.next(size)) chunks += 1;
      expect(walk.report()).toEqual(whole);
      expect(chunks).toBe(Math.floor(whole.rows / size));
    }
  });

  it('breaks at a changed record, digest or writer', async () => {
    for (const change of [
      `after_json = '{}'`,
      `after_digest = zeroblob(16)`,
      `staff_key = NULL`,
      `at_ms = at_ms + 1`,
    ]) {
      const { db } = await withWork();
      tamperable(db);
      // The save's row is the last; the site update's holds JSON.
      const seq = change.startsWith('after_json')
        ? auditRows(db, 'sites.update')[0]!.seq
        : auditRows(db, 'encounters.log')[0]!.seq;
      db.sqlite.prepare(`UPDATE audit_log SET ${change} WHERE seq = ?`).run(seq);
      expect(verifyAuditChain(db), change).toMatchObject({ intact: false, brokenAtSeq: seq });
      expect((await verifyDatabase(db)).ok).toBe(false);
    }
  });

  it('breaks where a row was taken out, and where one was moved along the sequence', async () => {
    const removed = await withWork();
    tamperable(removed.db);
    const taken = lastSeq(removed.db) - 1;
    removed.db.sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(taken);
    expect(verifyAuditChain(removed.db)).toMatchObject({ intact: false, brokenAtSeq: taken + 1 });

    // Every link still holds in order: only the sequence number, which the hash covers, tells.
    const moved = await withWork();
    tamperable(moved.db);
    const last = lastSeq(moved.db);
    moved.db.sqlite.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(last + 5, last);
    expect(verifyAuditChain(moved.db)).toMatchObject({ intact: false, brokenAtSeq: last + 5 });
  });
});
