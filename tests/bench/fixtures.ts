/**
 * What the benchmark asks of a demo database, chosen from its data: the busiest site, a common
 * item and a rare one, an old month, a regular participant and the codes a search is typed as,
 * and the encounter a save writes. Chosen through the small rollup tables where they say enough,
 * so choosing stays quick on millions of encounters.
 */
import type { ChannelInput } from '../../db/contract';
import type { Actor } from '../../db/contract/envelope';
import type { Core } from '../../db/runtime/core';
import { storedCodes } from '../../db/platform/stored-codes';

export interface Fixtures {
  actor: Actor;
  encounters: number;
  siteId: string;
  /** The site with the most tallies; null when the database has none (the small one). */
  tallySiteId: string | null;
  staffId: string;
  commonItemId: string;
  rareItemId: string;
  oldMonth: { from: string; to: string };
  /** The participant with the most visits, by code. */
  regularCode: string;
  searches: { prefix: string; full: string; swappedDigits: string; oneWrong: string; nobody: string };
  /** The encounter with the most revisions, and the newest tally (null when there is none): what a history shows. */
  history: { encounterId: string; tallyId: string | null };
  save: {
    siteId: string;
    itemIds: string[];
    serviceTypeId: string;
    /** Codes of participants who already exist, so every save writes the same kinds of rows. */
    participantCodes: string[];
  };
}

const isDigit = (character: string) => character >= '0' && character <= '9';

/** The code with its first pair of neighbouring, different digits swapped. */
export function swapDigits(code: string): string {
  const characters = [...code];
  for (let index = 0; index + 1 < characters.length; index += 1) {
    const [a, b] = [characters[index]!, characters[index + 1]!];
    if (isDigit(a) && isDigit(b) && a !== b) {
      [characters[index], characters[index + 1]] = [b, a];
      return characters.join('');
    }
  }
  throw new Error(`${code} has no two different digits side by side to swap.`);
}

/** The code with its last character changed to another of the same kind. */
export function mistype(code: string): string {
  const last = code.at(-1)!;
  const replacement = isDigit(last)
    ? String((Number(last) + 1) % 10)
    : String.fromCharCode(((last.charCodeAt(0) - 64) % 26) + 65);
  return `${code.slice(0, -1)}${replacement}`;
}

/** The first and last day of the first whole month of data. */
function firstWholeMonth(firstDay: string): { from: string; to: string } {
  const [year, month] = firstDay.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(year, month, 1));
  const to = new Date(Date.UTC(year, month + 1, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export function chooseFixtures(core: Core): Fixtures {
  const { db } = core.context;
  const encounterKind = storedCodes.entryKind.code('encounter');
  const one = <Row>(sqlText: string, ...values: unknown[]): Row => {
    const row = db.statement(sqlText).get(...values) as Row | undefined;
    if (row === undefined) throw new Error(`The demo database has nothing for: ${sqlText}`);
    return row;
  };
  const ids = (sqlText: string): string[] => db.statement(sqlText).pluck().all() as string[];

  const { encounters } = one<{ encounters: number }>(
    `SELECT count(*) AS encounters FROM field_entries WHERE kind = ?`,
    encounterKind,
  );
  const { siteId } = one<{ siteId: string }>(
    `SELECT s.id AS siteId FROM daily_site_counts d JOIN sites s ON s.key = d.site_key
     GROUP BY d.site_key ORDER BY sum(d.encounters) DESC LIMIT 1`,
  );
  const tallySite = db
    .statement(
      `SELECT s.id AS siteId FROM daily_site_counts d JOIN sites s ON s.key = d.site_key
       GROUP BY d.site_key HAVING sum(d.tallies) > 0 ORDER BY sum(d.tallies) DESC LIMIT 1`,
    )
    .get() as { siteId: string } | undefined;
  const { staffId } = one<{ staffId: string }>(
    `SELECT id AS staffId FROM staff WHERE role = 'outreach_worker' AND active = 1 ORDER BY display_name LIMIT 1`,
  );
  // Monthly units tell common items from rare ones in a few thousand rows; counting the item index
  // itself would sort millions of rows in memory and set the process's peak.
  const itemUse = db
    .statement(
      `SELECT i.id AS itemId, sum(m.units) AS entries FROM monthly_item_units m JOIN items i ON i.key = m.item_key
       WHERE m.units > 0 GROUP BY m.item_key ORDER BY entries DESC`,
    )
    .all() as { itemId: string; entries: number }[];
  if (itemUse.length < 2) throw new Error('The demo database has fewer than two items handed out.');
  const { firstDay } = one<{ firstDay: string }>(`SELECT min(local_date) AS firstDay FROM daily_site_counts`);
  const { regularCode } = one<{ regularCode: string }>(
    // The most regular of the participants seen on the newest 50,000 site-days: a bounded sort.
    `SELECT p.code AS regularCode FROM (
       SELECT participant_key, encounters FROM participant_site_days INDEXED BY participant_site_days_by_date
       ORDER BY local_date DESC LIMIT 50000) d
     JOIN participants p ON p.key = d.participant_key
     GROUP BY d.participant_key ORDER BY sum(d.encounters) DESC LIMIT 1`,
  );

  // Each through an index: the entries' own by time, newest first, walked until one was corrected.
  const { correctedId } = one<{ correctedId: string }>(
    `SELECT id AS correctedId FROM field_entries INDEXED BY field_entries_by_time
     WHERE kind = ? AND current_revision > 1 ORDER BY current_occurred_ms DESC LIMIT 1`,
    encounterKind,
  );
  const tallyId = db
    .statement(
      `SELECT id FROM field_entries INDEXED BY field_entries_by_time WHERE kind = ? ORDER BY current_occurred_ms DESC LIMIT 1`,
    )
    .pluck()
    .get(storedCodes.entryKind.code('tally')) as string | undefined;

  const lotTracked = ids(`SELECT id FROM items WHERE active = 1 AND tracks_lots = 1 AND is_kit = 0 ORDER BY name`);
  const kits = ids(`SELECT id FROM items WHERE active = 1 AND is_kit = 1 ORDER BY name`);
  const plain = ids(
    `SELECT id FROM items WHERE active = 1 AND tracks_lots = 0 AND is_kit = 0 ORDER BY is_common DESC, name LIMIT 8`,
  );
  if (lotTracked.length === 0 || kits.length === 0 || plain.length < 8)
    throw new Error('The demo catalog needs a lot-tracked item, a kit and eight other items for the save.');
  const services = ids(`SELECT id FROM service_types WHERE active = 1 ORDER BY name LIMIT 1`);
  if (services.length === 0) throw new Error('The demo database has no active service type.');
  const participantCodes = ids(
    `SELECT code FROM participants WHERE canonical_id = id ORDER BY created_at DESC LIMIT 20`,
  );
  if (participantCodes.length === 0) throw new Error('The demo database has no participants.');

  return {
    actor: { staffId: core.identity.defaultStaffId },
    encounters,
    siteId,
    tallySiteId: tallySite?.siteId ?? null,
    staffId,
    commonItemId: itemUse[0]!.itemId,
    rareItemId: itemUse.at(-1)!.itemId,
    oldMonth: firstWholeMonth(firstDay),
    regularCode,
    searches: {
      prefix: regularCode.slice(0, 2),
      full: regularCode,
      swappedDigits: swapDigits(regularCode),
      oneWrong: mistype(regularCode),
      // The demo's codes are two letters and four digits (and a suffix letter): nobody has this one, nor one near it.
      nobody: 'QQ9QQ9QQ',
    },
    history: { encounterId: correctedId, tallyId: tallyId ?? null },
    save: {
      siteId,
      itemIds: [lotTracked[0]!, kits[0]!, ...plain],
      serviceTypeId: services[0]!,
      participantCodes,
    },
  };
}

/** The index-th save: ten lines (a lot-tracked item, a kit, eight others) and a service, for a returning participant. */
export function encounterToSave(fixtures: Fixtures, index: number): ChannelInput<'encounters.log'> {
  const { save } = fixtures;
  return {
    siteId: save.siteId,
    occurredAt: new Date().toISOString(),
    participantCode: save.participantCodes[index % save.participantCodes.length]!,
    lines: save.itemIds.map((itemId, line) => ({ itemId, quantity: 1 + ((index + line) % 3) })),
    services: [save.serviceTypeId],
  };
}
