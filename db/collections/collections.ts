/**
 * Collections: syringes collected where no encounter took them (a kiosk or a drop box emptied, a
 * community sweep). Each save validates first, writes an immutable revision with the program's
 * factors and the estimate they give, and adds it to the daily rollups, in the one transaction
 * dispatch opened for it. A correction is a new revision that takes the old one's place in the
 * rollups; a void is a record of its own with a reason. Nothing is ever deleted.
 */
import { sql } from 'kysely';
import type { Operations, WriteScope, Written } from '../access/operations';
import { requireSite } from '../catalog/sites';
import type { ParsedInput } from '../contract';
import { recordRules } from '../contract/access';
import { localDate } from '../contract/calendar';
import { estimatedSyringes, type Collection, type collectionChannels } from '../contract/collections';
import type { ReadableDatabase } from '../platform/database';
import { idBytes, newId } from '../platform/ids';
import { isoOf } from '../platform/instants';
import { insertedKey, keyOf, savedFromForm, writerKeys } from '../platform/keys';
import { refuse } from '../platform/records';
import type { CollectionRow, ProgramSettingsRow, StaffRow } from '../platform/schema';
import { storedCodes } from '../platform/stored-codes';
import { applyCollectionRevision } from '../reports/rollups';
import { readSettings } from '../settings/settings';

type Content = Omit<ParsedInput<'collections.log'>, 'formKey'>;

const earliestPlausibleDay = '2000-01-01';

/** A collection's current revision as reads show it, with who logged and last changed it. */
export interface CollectionViewRow {
  id: string;
  status: 'active' | 'voided';
  revision: number;
  site_id: string;
  site_name: string;
  local_date: string;
  source: number;
  collected_counted: number;
  collected_containers: number;
  collected_pounds: number;
  collected_estimated: number;
  syringes_per_container: number;
  syringes_per_pound: number;
  note: string | null;
  logged_by: string;
  logged_ms: number;
  changed_by: string;
  changed_ms: number;
  change_reason: string | null;
  void_reason: string | null;
}

/** The contract's shape of a collection, from its row: the one function reads, saves and the demo's audit digests use. */
export function collectionView(row: CollectionViewRow): Collection {
  return {
    id: row.id,
    status: row.status,
    revision: row.revision,
    siteId: row.site_id,
    siteName: row.site_name,
    collectedOn: row.local_date,
    source: storedCodes.collectionSource.value(row.source),
    collected: {
      counted: row.collected_counted,
      containers: row.collected_containers,
      pounds: row.collected_pounds,
      estimated: row.collected_estimated,
      total: row.collected_counted + row.collected_estimated,
    },
    syringesPerContainer: row.syringes_per_container,
    syringesPerPound: row.syringes_per_pound,
    note: row.note,
    loggedBy: row.logged_by,
    loggedAt: isoOf(row.logged_ms),
    changedBy: row.changed_by,
    changedAt: isoOf(row.changed_ms),
    changeReason: row.change_reason,
    voidReason: row.void_reason,
  };
}

const viewColumns = `c.id, c.status, c.current_revision AS revision, s.id AS site_id, s.name AS site_name, r.local_date,
    r.source, r.collected_counted, r.collected_containers, r.collected_pounds, r.collected_estimated,
    r.syringes_per_container, r.syringes_per_pound, r.note, lb.display_name AS logged_by, c.created_ms AS logged_ms,
    cb.display_name AS changed_by, r.created_ms AS changed_ms, r.change_reason, v.reason AS void_reason
  FROM collections c
  JOIN collection_revisions r ON r.collection_key = c.key AND r.revision = c.current_revision
  JOIN sites s ON s.key = r.site_key
  JOIN staff lb ON lb.key = c.created_by_key
  JOIN staff cb ON cb.key = r.created_by_key
  LEFT JOIN collection_voids v ON v.collection_key = c.key`;

/** Collections by key, in the order of `keys`. */
function readByKeys(db: ReadableDatabase, keys: readonly number[]): Collection[] {
  if (keys.length === 0) return [];
  const rows = db
    .statement(`SELECT c.key AS key, ${viewColumns} WHERE c.key IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(keys)) as (CollectionViewRow & { key: number })[];
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key) => collectionView(byKey.get(key)!));
}

function readCollection(db: ReadableDatabase, id: string): Collection {
  const row = db.statement(`SELECT ${viewColumns} WHERE c.id = ?`).get(id) as CollectionViewRow | undefined;
  if (!row) return refuse('collection_not_found', 'id');
  return collectionView(row);
}

/**
 * The day it was collected, checked: not after today where the program is (a kiosk is emptied
 * before it is logged), not before 2000 (a typo).
 */
function checkDay(db: ReadableDatabase, settings: ProgramSettingsRow, day: string): void {
  if (day > localDate(db.now(), settings.time_zone)) refuse('collected_on_future', 'collectedOn');
  if (day < earliestPlausibleDay) refuse('occurred_at_too_early', 'collectedOn');
}

/** The site it was collected at: one in use. */
function checkSite(db: ReadableDatabase, content: Content) {
  return requireSite(db, content.siteId, 'siteId', { active: true });
}

/** Writes revision `revision` of a collection and adds it to the rollups. */
function writeRevision(
  { db, writer }: WriteScope,
  settings: ProgramSettingsRow,
  collection: { key: number; replaces: number | null },
  revision: number,
  siteKey: number,
  content: Content,
  changeReason: string | null,
): void {
  const containers = content.collected.containers ?? 0;
  const pounds = content.collected.pounds ?? 0;
  const who = writerKeys(db, writer);
  db.insert('collection_revisions', {
    id: newId(),
    collection_key: collection.key,
    revision,
    replaces_revision_key: collection.replaces,
    site_key: siteKey,
    local_date: content.collectedOn,
    source: storedCodes.collectionSource.code(content.source),
    collected_counted: content.collected.counted ?? 0,
    collected_containers: containers,
    collected_pounds: pounds,
    // The factors in force today, kept with the record: changing settings never rewrites the past.
    syringes_per_container: settings.syringes_per_container,
    syringes_per_pound: settings.syringes_per_pound,
    collected_estimated: estimatedSyringes(
      { containers, pounds },
      { syringesPerContainer: settings.syringes_per_container, syringesPerPound: settings.syringes_per_pound },
    ),
    note: content.note ?? null,
    change_reason: changeReason,
    origin_device_key: who.deviceKey,
    created_by_key: who.staffKey,
    created_ms: db.nowMs(),
  });
  applyCollectionRevision(db, insertedKey(db), 1);
}

function logCollection(
  scope: WriteScope,
  { formKey, ...content }: ParsedInput<'collections.log'>,
): Written<Collection> {
  const { db, writer } = scope;
  // The same form saved again: answered with what its first save made, and nothing is written.
  const savedBefore = savedFromForm(db, 'collections', formKey);
  if (savedBefore) return { value: readCollection(db, savedBefore.id), changes: [] };
  const site = checkSite(db, content);
  const settings = readSettings(db);
  checkDay(db, settings, content.collectedOn);
  const who = writerKeys(db, writer);
  const now = db.nowMs();
  const id = newId();
  db.insert('collections', {
    id,
    status: 'active',
    current_revision: 1,
    current_site_key: site.key,
    current_local_date: content.collectedOn,
    form_key: formKey === undefined ? null : idBytes(formKey),
    origin_device_key: who.deviceKey,
    created_by_key: who.staffKey,
    created_ms: now,
    updated_ms: now,
  });
  const key = insertedKey(db);
  writeRevision(scope, settings, { key, replaces: null }, 1, site.key, content, null);
  const view = readCollection(db, id);
  return { value: view, changes: [{ entity: 'collection', id, key, keptAsFact: true, after: view }] };
}

function requireActiveCollection(db: ReadableDatabase, id: string): CollectionRow {
  const collection = db.first(db.query.selectFrom('collections').selectAll().where('id', '=', id));
  if (!collection) return refuse('collection_not_found', 'id');
  if (collection.status !== 'active') return refuse('collection_voided', 'id');
  return collection;
}

function currentRevisionKey(db: ReadableDatabase, collection: CollectionRow): number {
  return db
    .statement('SELECT key FROM collection_revisions WHERE collection_key = ? AND revision = ?')
    .pluck()
    .get(collection.key, collection.current_revision) as number;
}

function correctCollection(
  scope: WriteScope,
  { id, expectedRevision, reason, ...content }: ParsedInput<'collections.correct'>,
): Written<Collection> {
  const { db } = scope;
  const collection = requireActiveCollection(db, id);
  if (collection.current_revision !== expectedRevision) refuse('entry_changed_meanwhile', 'expectedRevision');
  const site = checkSite(db, content);
  const settings = readSettings(db);
  checkDay(db, settings, content.collectedOn);
  const before = readCollection(db, id);
  const previous = currentRevisionKey(db, collection);
  const next = collection.current_revision + 1;
  db.run(
    db.query
      .updateTable('collections')
      .set({
        current_revision: next,
        current_site_key: site.key,
        current_local_date: content.collectedOn,
        updated_ms: db.nowMs(),
      })
      .where('key', '=', collection.key),
  );
  applyCollectionRevision(db, previous, -1);
  writeRevision(scope, settings, { key: collection.key, replaces: previous }, next, site.key, content, reason);
  const after = readCollection(db, id);
  return {
    value: after,
    changes: [{ entity: 'collection', id, key: collection.key, keptAsFact: true, before, after }],
  };
}

function voidCollection({ db, writer }: WriteScope, input: ParsedInput<'collections.void'>): Written<Collection> {
  const collection = requireActiveCollection(db, input.id);
  const before = readCollection(db, input.id);
  const who = writerKeys(db, writer);
  db.insert('collection_voids', {
    id: newId(),
    collection_key: collection.key,
    reason: input.reason,
    origin_device_key: who.deviceKey,
    created_by_key: who.staffKey,
    created_ms: db.nowMs(),
  });
  db.run(
    db.query
      .updateTable('collections')
      .set({ status: 'voided', updated_ms: db.nowMs() })
      .where('key', '=', collection.key),
  );
  applyCollectionRevision(db, currentRevisionKey(db, collection), -1);
  return {
    value: readCollection(db, input.id),
    changes: [
      {
        entity: 'collection',
        id: input.id,
        key: collection.key,
        keptAsFact: true,
        before,
        after: { status: 'voided', reason: input.reason },
      },
    ],
  };
}

/**
 * A page of collections, newest day first (the later logged first on the same day): the date
 * index, or the site's, walked in that order from the cursor and stopped after a page.
 */
function listCollections(db: ReadableDatabase, input: ParsedInput<'collections.list'>): Collection[] {
  let query = db.query.selectFrom('collections as c').select('c.key');
  if (input.siteId !== undefined) {
    // No site has key 0: a site this file does not know matches nothing.
    query = query.where('c.current_site_key', '=', keyOf(db, 'sites', input.siteId) ?? 0);
  }
  if (!input.includeVoided) query = query.where('c.status', '=', 'active');
  if (input.from) query = query.where('c.current_local_date', '>=', input.from);
  if (input.to) query = query.where('c.current_local_date', '<=', input.to);
  if (input.before) {
    const cursorKey = keyOf(db, 'collections', input.before.id);
    if (cursorKey === undefined) refuse('cursor_invalid', 'before');
    query = query.where(sql<boolean>`(c.current_local_date, c.key) < (${input.before.collectedOn}, ${cursorKey})`);
  }
  const keys = db
    .all(
      query
        .orderBy('c.current_local_date', 'desc')
        .orderBy('c.key', 'desc')
        .limit(input.limit ?? 50),
    )
    .map((row) => row.key);
  return readByKeys(db, keys);
}

/**
 * The record rule for outreach workers: a collection they logged themselves, in the last 48
 * hours. An id that names no collection passes, so the operation reports it as not found.
 */
export function isOwnRecentCollection(db: ReadableDatabase, staff: StaffRow, input: unknown): boolean {
  const { id } = input as { id: string };
  const collection = db.first(
    db.query.selectFrom('collections').select(['created_by_key', 'created_ms']).where('id', '=', id),
  );
  if (!collection) return true;
  const hours = recordRules.ownRecentCollection.hours;
  return collection.created_by_key === staff.key && db.nowMs() - collection.created_ms <= hours * 3_600_000;
}

export const collectionOperations: Operations<keyof typeof collectionChannels> = {
  'collections.log': logCollection,
  'collections.correct': correctCollection,
  'collections.void': voidCollection,
  'collections.get': ({ db }, input) => readCollection(db, input.id),
  'collections.list': ({ db }, input) => listCollections(db, input),
};
