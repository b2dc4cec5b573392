/** Encounters: one contact between staff and one participant (or an anonymous walk-in). */
import { type z } from 'zod';
import { listEncountersInput, logEncounterInput, type Encounter, type LogEncounterInput } from './contract/encounters';
import { parseOrThrow } from './contract/validation';
import type { OutpostDatabase } from './database';
import { OutpostError } from './errors';
import { newId } from './ids';
import { requireActiveStaff } from './staff';

/** Who writes: the device the record is born on and the acting staff member. */
export interface Writer {
  deviceId: string;
  staffId: string;
}

/** Clocks drift and back-entry is normal, but an entry days ahead is a typo. */
const futureToleranceMs = 24 * 60 * 60 * 1000;
const earliestPlausible = Date.UTC(2000, 0, 1);

export function logEncounter(db: OutpostDatabase, writer: Writer, rawInput: LogEncounterInput): Encounter {
  const input = parseOrThrow(logEncounterInput, rawInput);
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > db.now().getTime() + futureToleranceMs) {
    throw new OutpostError('occurred_at_future', { field: 'occurredAt' });
  }
  if (occurredAt.getTime() < earliestPlausible) {
    throw new OutpostError('occurred_at_too_early', { field: 'occurredAt' });
  }

  const encounterId = newId();
  db.transaction(() => {
    requireActiveStaff(db, { staffId: writer.staffId });
    const site = db.first(db.query.selectFrom('sites').select(['id', 'active']).where('id', '=', input.siteId));
    if (!site) throw new OutpostError('site_not_found', { field: 'siteId' });
    if (site.active !== 1) throw new OutpostError('site_inactive', { field: 'siteId' });

    const itemIds = input.lines.map((line) => line.itemId);
    const items =
      itemIds.length === 0
        ? []
        : db.all(db.query.selectFrom('items').select(['id', 'active']).where('id', 'in', itemIds));
    const itemActive = new Map(items.map((item) => [item.id, item.active === 1]));
    input.lines.forEach((line, index) => {
      const active = itemActive.get(line.itemId);
      const field = `lines.${index}.itemId`;
      if (active === undefined) throw new OutpostError('item_not_found', { field });
      if (!active) throw new OutpostError('item_inactive', { field });
    });

    const now = db.nowIso();
    db.run(
      db.query.insertInto('encounters').values({
        id: encounterId,
        site_id: input.siteId,
        occurred_at: occurredAt.toISOString(),
        participant_code: input.participantCode ?? null,
        origin_device_id: writer.deviceId,
        created_by: writer.staffId,
        created_at: now,
        updated_at: now,
      }),
    );
    for (const line of input.lines) {
      db.run(
        db.query.insertInto('encounter_lines').values({
          id: newId(),
          encounter_id: encounterId,
          item_id: line.itemId,
          quantity: line.quantity,
          origin_device_id: writer.deviceId,
          created_by: writer.staffId,
          created_at: now,
        }),
      );
    }
  });
  const saved = findEncounters(db, [encounterId])[0];
  if (!saved) throw new OutpostError('internal_error');
  return saved;
}

/** Most recent first (by when it happened, then by when it was logged). */
export function listRecentEncounters(
  db: OutpostDatabase,
  rawInput: z.input<typeof listEncountersInput> = {},
): Encounter[] {
  const input = parseOrThrow(listEncountersInput, rawInput);
  const rows = db.all(
    db.query
      .selectFrom('encounters')
      .select('id')
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(input.limit ?? 50),
  );
  return findEncounters(
    db,
    rows.map((row) => row.id),
  );
}

function findEncounters(db: OutpostDatabase, ids: string[]): Encounter[] {
  if (ids.length === 0) return [];
  const headers = db.all(
    db.query
      .selectFrom('encounters as e')
      .innerJoin('sites as s', 's.id', 'e.site_id')
      .innerJoin('staff as st', 'st.id', 'e.created_by')
      .select([
        'e.id',
        'e.site_id',
        's.name as site_name',
        'e.occurred_at',
        'e.participant_code',
        'st.display_name as logged_by',
      ])
      .where('e.id', 'in', ids),
  );
  const lines = db.all(
    db.query
      .selectFrom('encounter_lines as l')
      .innerJoin('items as i', 'i.id', 'l.item_id')
      .select(['l.encounter_id', 'l.item_id', 'i.name as item_name', 'i.unit', 'l.quantity'])
      .where('l.encounter_id', 'in', ids)
      .orderBy('l.id'),
  );
  const linesByEncounter = new Map<string, Encounter['lines']>();
  for (const line of lines) {
    const list = linesByEncounter.get(line.encounter_id) ?? [];
    list.push({ itemId: line.item_id, itemName: line.item_name, unit: line.unit, quantity: line.quantity });
    linesByEncounter.set(line.encounter_id, list);
  }
  const byId = new Map(
    headers.map((row) => [
      row.id,
      {
        id: row.id,
        siteId: row.site_id,
        siteName: row.site_name,
        occurredAt: row.occurred_at,
        participantCode: row.participant_code,
        loggedBy: row.logged_by,
        lines: linesByEncounter.get(row.id) ?? [],
      } satisfies Encounter,
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
