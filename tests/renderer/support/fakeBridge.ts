/**
 * A stand-in for the preload's `window.outpost`: the only thing the renderer tests fake. The real
 * client, hooks, forms and validation run on top of it. It applies the contract as the core does:
 * an input the contract refuses is answered with the core's refusal, and a faked answer that does
 * not match the channel's output schema is wrong. Both are recorded as violations of the test that
 * installed the bridge, which fail it (tests/renderer/setup.ts checks after each test): the
 * renderer checks its forms with the contract's schemas, so it never sends what the core refuses.
 */
import { vi, type Mock } from 'vitest';
import {
  channelNames,
  contract,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type ContractError,
  type Envelope,
} from '@contract';
import type { About, Session, SetupStatus } from '@contract/system';
import type { ProgramSettings } from '@contract/settings';
import type { Job } from '@contract/jobs';
import { gtin as gtinField, type Item, type ItemGtin, type Site } from '@contract/catalog';
import type { Encounter, EntryHistoryEvent, ListEntriesInput, Tally } from '@contract/field-entries';
import type { StaffMember } from '@contract/staff';
import type { Preset } from '@contract/presets';
import type {
  Adjustment,
  AdjustmentReasonRecord,
  BarcodeReading,
  Delivery,
  OnHand,
  Receipt,
  StockCard,
  Transfer,
} from '@contract/inventory';
import { adjustmentReasonDirections, adjustmentReasons } from '@contract/vocabulary';
import { buildParticipantCode, type Participant, type ParticipantSearchResult } from '@contract/participants';
import { contractErrorOf } from '@contract/envelope';
import { isErrorCode, OutpostError } from '@contract/errors';
import { validationError } from '@contract/validation';
import type { OutpostBridge } from '../../../renderer/src/api/client';

export const sites: Site[] = [
  {
    id: '0190f5a0-0000-7000-8000-000000000001',
    name: 'Downtown drop-in',
    siteType: 'drop_in',
    active: true,
    createdAt: '2026-01-01T09:00:00.000Z',
  },
  {
    id: '0190f5a0-0000-7000-8000-000000000002',
    name: 'Van 1',
    siteType: 'mobile_van',
    active: true,
    createdAt: '2026-01-02T09:00:00.000Z',
  },
];

function catalogItem(
  id: string,
  name: string,
  category: Item['category'],
  unit: string,
  extra: Partial<Item> = {},
): Item {
  return {
    id,
    name,
    sku: null,
    category,
    unit,
    unitsPerPack: 1,
    naloxoneForm: null,
    dosesPerUnit: null,
    tracksLots: false,
    isKit: false,
    isCommon: true,
    active: true,
    ...extra,
  };
}

export const items: Item[] = [
  catalogItem('0190f5a0-0000-7000-8000-000000000101', 'Syringe 1 mL 28G 1/2in', 'syringe', 'syringe', {
    unitsPerPack: 100,
  }),
  catalogItem('0190f5a0-0000-7000-8000-000000000102', 'Naloxone nasal 4 mg (box of 2)', 'naloxone', 'box', {
    naloxoneForm: 'nasal',
    dosesPerUnit: 2,
    tracksLots: true,
  }),
  catalogItem('0190f5a0-0000-7000-8000-000000000103', 'Fentanyl test strip', 'fentanyl_test_strip', 'strip'),
];

/** An item beyond the three the fake bridge offers by default: not common, so only found by searching. */
export const glassStem: Item = catalogItem('0190f5a0-0000-7000-8000-000000000104', 'Glass stem', 'smoking', 'stem', {
  isCommon: false,
});

/** One supply line of an encounter as the core returns it. */
export function supplyLine(item: Item, quantity: number): Encounter['lines'][number] {
  return {
    itemId: item.id,
    itemName: item.name,
    unit: item.unit,
    quantity,
    lotId: null,
    lotNumber: null,
    isKit: item.isKit,
  };
}

export const session: Session = {
  staffId: '0190f5a0-0000-7000-8000-000000000201',
  displayName: 'Sam Rivera',
  role: 'outreach_worker',
};

export const about: About = {
  appVersion: '0.1.0',
  databasePath: '/home/sam/.config/Outpost/outpost.sqlite',
  schemaVersion: 1,
  deviceId: '0190f5a0-0000-7000-8000-000000000301',
  demo: false,
};

export function encounter(overrides: Partial<Encounter> = {}): Encounter {
  return {
    id: '0190f5a0-0000-7000-8000-000000000401',
    kind: 'encounter',
    status: 'active',
    revision: 1,
    siteId: sites[0]!.id,
    siteName: sites[0]!.name,
    occurredAt: '2026-11-22T18:15:00.000Z',
    localDate: '2026-11-22',
    contactType: 'in_person',
    participantId: '0190f5a0-0000-7000-8000-000000000501',
    participantCode: 'MA0785',
    onBehalfOf: 0,
    lines: [supplyLine(items[0]!, 10)],
    collected: { counted: 0, containers: 0, pounds: 0, estimated: 0, total: 0 },
    services: [],
    reversals: [],
    unmetRequests: [],
    note: null,
    movesStock: true,
    shortfalls: [],
    loggedBy: session.displayName,
    loggedAt: '2026-11-22T18:15:05.000Z',
    changedBy: session.displayName,
    changedAt: '2026-11-22T18:15:05.000Z',
    changeReason: null,
    voidKind: null,
    voidReason: null,
    ...overrides,
  };
}

export const staff: StaffMember[] = [
  {
    id: session.staffId,
    displayName: session.displayName,
    role: 'outreach_worker',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: '0190f5a0-0000-7000-8000-000000000202',
    displayName: 'Alex Chen',
    role: 'coordinator',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
];

export function tally(overrides: Partial<Tally> = {}): Tally {
  const {
    kind: _kind,
    contactType: _contactType,
    participantId: _id,
    participantCode: _code,
    onBehalfOf: _on,
    ...shared
  } = encounter();
  return {
    ...shared,
    id: '0190f5a0-0000-7000-8000-000000000601',
    kind: 'tally',
    siteId: sites[1]!.id,
    siteName: sites[1]!.name,
    occurredAt: '2026-11-22T20:00:00.000Z',
    contacts: 14,
    lines: [supplyLine(items[2]!, 30)],
    ...overrides,
  };
}

/** The core's list order, worked out here on its own: newest first, then the greater id first. */
function listOrder(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }): number {
  const id = (text: string) => text.toLowerCase();
  return (
    Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (id(a.id) < id(b.id) ? 1 : id(a.id) > id(b.id) ? -1 : 0)
  );
}

/**
 * Like the core: voided entries only when asked for, in list order, only those after the cursor
 * (`before`), at most `limit` (50 when not given). Other filters are not applied.
 */
const listed = <T extends { status: string; occurredAt: string; id: string }>(
  entries: T[],
  input: ListEntriesInput,
) => {
  const before = input.before;
  return entries
    .filter((entry) => input.includeVoided || entry.status === 'active')
    .filter((entry) => !before || listOrder(entry, before) > 0)
    .sort(listOrder)
    .slice(0, input.limit ?? 50);
};

type Handler<C extends ChannelName> = (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>;
export type FakeBridge = { [C in ChannelName]: Mock<Handler<C>> };

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const refused = (error: ContractError): Envelope<never> => ({ ok: false, error });

/** A participant as `participants.get` returns one; `number` tells participants apart. */
export function participant(code: string, lastVisit: Participant['lastVisit'] = null, number = 1): Participant {
  const participantId = `0190f5a0-0000-7000-8000-0000000005${String(number).padStart(2, '0')}`;
  return {
    participantId,
    code,
    formula: 'mother_month_year',
    canonicalId: participantId,
    canonicalCode: code,
    mergedIntoCode: null,
    firstSeenOn: lastVisit ? lastVisit.occurredAt.slice(0, 10) : null,
    firstSeenSiteName: lastVisit ? lastVisit.siteName : null,
    lastVisit,
    visits: lastVisit ? 1 : 0,
    members: [],
  };
}

/** Units on hand of one item at one site, for `inventory.onHand`. */
export interface FakeStock {
  siteId: string;
  itemId: string;
  units: number;
  /** Its lots, first to expire first; none unless a test gives them. */
  lots?: OnHand[number]['lots'];
  /** Units on the way to the site. */
  incoming?: number;
}

/** A lot of `inventory.onHand` and `inventory.lots`; `number` tells lots apart. */
export function stockLot(lotNumber: string, expiresOn: string | null, units: number, number = 1) {
  return {
    lotId: `0190f5a0-0000-7000-8000-0000000011${String(number).padStart(2, '0')}`,
    lotNumber,
    expiresOn,
    units,
    expiresSoon: false,
    expired: false,
    onHold: false,
  };
}

/** A transfer as the core returns one: in transit, every line still on the way, unless overridden. */
export function transfer(
  overrides: Partial<Transfer> = {},
  lines: { item: Item; units: number; lot?: { lotId: string; lotNumber: string; expiresOn: string | null } }[] = [
    { item: items[0]!, units: 200 },
  ],
): Transfer {
  return {
    id: '0190f5a0-0000-7000-8000-000000001201',
    fromSiteId: sites[0]!.id,
    fromSiteName: sites[0]!.name,
    toSiteId: sites[1]!.id,
    toSiteName: sites[1]!.name,
    sentAt: '2026-11-22T15:00:00.000Z',
    localDate: '2026-11-22',
    reference: null,
    note: null,
    status: 'in_transit',
    sentBy: 'Alex Chen',
    lines: lines.map((line, index) => ({
      line: index + 1,
      itemId: line.item.id,
      itemName: line.item.name,
      unit: line.item.unit,
      unitsPerPack: line.item.unitsPerPack,
      lotId: line.lot?.lotId ?? null,
      lotNumber: line.lot?.lotNumber ?? null,
      expiresOn: line.lot?.expiresOn ?? null,
      sent: line.units,
      received: 0,
      writtenOff: 0,
      inTransit: line.units,
    })),
    events: [],
    ...overrides,
  };
}

/** Outpost's eight reasons, as `adjustmentReasons.list` gives them before the program's own. */
export const builtInReasons: AdjustmentReasonRecord[] = adjustmentReasons.map((reason) => ({
  id: reason,
  builtIn: true,
  name: reason,
  direction: adjustmentReasonDirections[reason],
  active: true,
}));

/** One of the program's own reasons. */
export function programReason(name: string, overrides: Partial<AdjustmentReasonRecord> = {}): AdjustmentReasonRecord {
  return {
    id: '0190f5a0-0000-7000-8000-000000001401',
    builtIn: false,
    name,
    direction: 'remove',
    active: true,
    ...overrides,
  };
}

/** A stock card row as the core returns one: a receipt into no lot unless overridden. */
export function stockCardRow(overrides: Partial<StockCard['rows'][number]> = {}): StockCard['rows'][number] {
  return {
    key: 1,
    at: '2026-11-20T17:00:00.000Z',
    localDate: '2026-11-20',
    kind: 'receipt',
    reversal: false,
    source: {
      type: 'receipt',
      id: '0190f5a0-0000-7000-8000-000000001301',
      entryKind: null,
      reason: null,
      fromSiteName: null,
      toSiteName: null,
      supplier: null,
      reference: null,
    },
    lotId: null,
    lotNumber: null,
    units: 300,
    shortfall: 0,
    balance: 300,
    ...overrides,
  };
}

export interface FakeData {
  about?: Partial<About>;
  /** Who is acting; an outreach worker unless a test says otherwise. */
  session?: Partial<Session>;
  sites?: Site[];
  items?: Item[];
  encounters?: Encounter[];
  tallies?: Tally[];
  presets?: Preset[];
  /** Who `participants.search` and `participants.get` know. */
  participants?: Participant[];
  /** Whether the program still has to be set up (the first-run screen); set up unless a test says so. */
  setupNeeded?: boolean;
  /** Entries' histories by entry id; an entry not listed has only its first save. */
  histories?: Record<string, EntryHistoryEvent[]>;
  /** Stock by site and item; items not listed have none. */
  stock?: FakeStock[];
  /** What `inventory.transfers` lists, newest first. */
  transfers?: Transfer[];
  /** What `inventory.readBarcode` reads from each barcode; any other is unreadable. */
  barcodes?: Record<string, BarcodeReading>;
  /** Items' GTINs, as `items.gtins` lists them. */
  gtins?: ItemGtin[];
  /** What `inventory.adjustments` lists, newest first. */
  adjustments?: Adjustment[];
  /** The program's own adjustment reasons, after Outpost's eight; retired ones listed only when asked. */
  reasons?: AdjustmentReasonRecord[];
  /** The pages `inventory.stockCard` answers, one call after another; an empty card otherwise. */
  stockCardPages?: StockCard[];
}

export const verifyJobId = '0190f5a0-0000-7000-8000-000000000901';
export const chosenHandle = 'file:0190f5a0-0000-7000-8000-000000000902';
export const copyJobId = '0190f5a0-0000-7000-8000-000000000903';
export const saveHandle = 'file:0190f5a0-0000-7000-8000-000000000904';

export const healthyReport = {
  ok: true,
  integrity: 'ok',
  foreignKeyViolations: 0,
  ledger: { balances: 12, mismatches: 0 },
  rollups: [{ table: 'daily_site_counts', rows: 40, mismatches: 0 }],
  audit: { rows: 100, intact: true, brokenAtSeq: null },
};

/** The verify job as `jobs.get` answers it: `overrides` say how far it is or how it ended. */
export function verifyJob(jobId: string, overrides: Partial<Job> = {}): Job {
  return {
    jobId,
    channel: 'system.verify',
    state: 'done',
    progress: { done: 10, total: 10, phase: 'audit' },
    result: healthyReport,
    error: null,
    startedAt: '2026-11-22T12:00:00.000Z',
    endedAt: '2026-11-22T12:00:03.000Z',
    ...overrides,
  };
}

/** The copy job as `jobs.get` answers it: done, with a checked copy, unless `overrides` say otherwise. */
export function copyJob(jobId: string, overrides: Partial<Job> = {}): Job {
  return verifyJob(jobId, {
    channel: 'system.saveCopy',
    progress: { done: 2, total: 2, phase: 'checkingCopy' },
    result: { name: 'outpost-copy-2026-11-22.sqlite', bytes: 2_560_000, auditRows: 100 },
    ...overrides,
  });
}

/** A job by its id, as `jobs.get` answers it: the copy job, or else the verify job. */
const jobById = (jobId: string, overrides: Partial<Job> = {}) =>
  jobId === copyJobId ? copyJob(jobId, overrides) : verifyJob(jobId, overrides);

/** An entry as the core answers an undo of it. */
function undoneFrom<E extends Encounter | Tally>(entry: E): E {
  return { ...entry, status: 'voided', voidKind: 'undo', voidReason: 'undone' };
}

/** An entry's history as the core gives it for an entry saved once and never changed. */
function savedOnce(entry: Encounter | Tally): EntryHistoryEvent[] {
  return [
    {
      event: 'logged',
      revision: 1,
      at: entry.loggedAt,
      by: entry.loggedBy,
      reason: null,
      changes: [],
      lineChanges: [],
    },
  ];
}

/** Installs a fake bridge answering like the core; `encounters.log` echoes a saved encounter. */
/** Part of the default catalog as setupStatus offers it: a kit with its contents among them. */
export const setupCatalog: SetupStatus['catalog'] = [
  { name: 'Cooker', category: 'other', isCommon: true, isKit: false, components: [] },
  { name: 'Alcohol pad', category: 'other', isCommon: true, isKit: false, components: [] },
  { name: 'Fentanyl test strip', category: 'fentanyl_test_strip', isCommon: true, isKit: false, components: [] },
  { name: 'Adhesive bandage', category: 'wound_care', isCommon: false, isKit: false, components: [] },
  {
    name: 'Wound care kit',
    category: 'wound_care',
    isCommon: false,
    isKit: true,
    components: ['Adhesive bandage', 'Alcohol pad'],
  },
];

function settingsAfterSetup(input: ChannelInput<'system.setup'>): ProgramSettings {
  return {
    programName: input.programName,
    timeZone: input.timeZone,
    participantCodeFormula: input.participantCodeFormula,
    syringesPerContainer: input.syringesPerContainer,
    syringesPerPound: input.syringesPerPound,
    expiryWarningDays: 60,
    smallCellThreshold: 11,
    stockStartDate: '2026-11-22',
    defaultLanguage: input.language,
    updatedBy: session.displayName,
    updatedAt: '2026-11-22T12:00:00.000Z',
  };
}

export function installFakeBridge(data: FakeData = {}): FakeBridge {
  const siteList = data.sites ?? sites;
  const itemList = data.items ?? items;
  const itemOf = (itemId: string) => itemList.find((item) => item.id === itemId)!;
  const participantList = data.participants ?? [];
  const encounterOf = (id: string) => (data.encounters ?? []).find((entry) => entry.id === id) ?? encounter({ id });
  const tallyOf = (id: string) => (data.tallies ?? []).find((entry) => entry.id === id) ?? tally({ id });
  const transferOf = (id: string) => (data.transfers ?? []).find((one) => one.id === id) ?? transfer({ id });
  const faked: Partial<FakeBridge> = {
    'system.opening': vi.fn(async () => ok({ state: 'open' as const, progress: null, error: null })),
    'system.about': vi.fn(async () => ok({ ...about, ...data.about })),
    'system.setupStatus': vi.fn(async () => ok({ needed: data.setupNeeded ?? false, catalog: setupCatalog })),
    'system.setup': vi.fn(async (input) => ok(settingsAfterSetup(input))),
    // Verify starts a job; `jobs.get` answers it running once, then done with a healthy report.
    'system.verify': vi.fn(async () => ok({ jobId: verifyJobId })),
    'system.verifyFile': vi.fn(async () => ok({ jobId: verifyJobId })),
    // The desktop app's dialog: someone chose a copy of a database.
    'files.chooseOpen': vi.fn(async () => ok({ handle: chosenHandle, name: 'backup.sqlite' })),
    // ...or chose where a copy of the database goes.
    'files.chooseSave': vi.fn(async () => ok({ handle: saveHandle, name: 'outpost-copy-2026-11-22.sqlite' })),
    'files.chooseFolder': vi.fn(async () => ok(null)),
    'system.saveCopy': vi.fn(async () => ok({ jobId: copyJobId })),
    'jobs.get': vi.fn(async (input) => ok(jobById(input.jobId))),
    'jobs.cancel': vi.fn(async (input) => ok(jobById(input.jobId, { state: 'cancelled' }))),
    'session.current': vi.fn(async () => ok({ ...session, ...data.session })),
    'system.switchDataSet': vi.fn(async (input) =>
      ok({ demo: input.demo, databasePath: '/home/sam/.config/Outpost/outpost-demo.sqlite' }),
    ),
    'sites.list': vi.fn(async () => ok(siteList)),
    'items.list': vi.fn(async () => ok(itemList)),
    'encounters.list': vi.fn(async (input) => ok(listed(data.encounters ?? [], input))),
    'tallies.list': vi.fn(async (input) => ok(listed(data.tallies ?? [], input))),
    'encounters.history': vi.fn(async (input) => ok(data.histories?.[input.id] ?? savedOnce(encounterOf(input.id)))),
    'tallies.history': vi.fn(async (input) => ok(data.histories?.[input.id] ?? savedOnce(tallyOf(input.id)))),
    'staff.list': vi.fn(async () => ok(staff)),
    'serviceTypes.list': vi.fn(async () =>
      ok([
        {
          id: '0190f5a0-0000-7000-8000-000000000701',
          name: 'HIV test',
          kind: 'service' as const,
          sortOrder: 1,
          active: true,
        },
      ]),
    ),
    'presets.list': vi.fn(async () => ok(data.presets ?? [])),
    'sites.create': vi.fn(async (input) =>
      ok({
        id: '0190f5a0-0000-7000-8000-000000000003',
        name: input.name.trim(),
        siteType: input.siteType,
        active: true,
        createdAt: new Date().toISOString(),
      }),
    ),
    'settings.get': vi.fn(async () =>
      ok({
        programName: 'Harbour Outreach',
        // The computer's zone, so "today" in tests is the test machine's today.
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        participantCodeFormula: 'mother_month_year' as const,
        syringesPerContainer: 100,
        syringesPerPound: 281,
        expiryWarningDays: 60,
        smallCellThreshold: 11,
        stockStartDate: '2026-01-01',
        defaultLanguage: 'en' as const,
        updatedBy: session.displayName,
        updatedAt: '2026-01-01T00:00:00.000Z',
      }),
    ),
    // Every entry is filed on its day in the program's zone: nothing to re-file.
    'settings.refilePreview': vi.fn(async () =>
      ok({
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        previousTimeZone: null,
        entries: 0,
        encounters: 0,
        tallies: 0,
        firstDate: null,
        lastDate: null,
        examples: [],
        closedMonths: [],
      }),
    ),
    'encounters.void': vi.fn(async (input) => {
      const found = encounterOf(input.id);
      return ok({ ...found, status: 'voided' as const, voidKind: 'void' as const, voidReason: input.reason.trim() });
    }),
    'tallies.void': vi.fn(async (input) => {
      const found = tallyOf(input.id);
      return ok({ ...found, status: 'voided' as const, voidKind: 'void' as const, voidReason: input.reason.trim() });
    }),
    'encounters.undo': vi.fn(async (input) => ok({ ...undoneFrom(encounterOf(input.id)) })),
    'tallies.undo': vi.fn(async (input) => ok({ ...undoneFrom(tallyOf(input.id)) })),
    'encounters.correct': vi.fn(async (input) => {
      const found = encounterOf(input.id);
      return ok({
        ...found,
        revision: found.revision + 1,
        changeReason: input.reason.trim(),
        lines: input.lines.map((line) => supplyLine(itemOf(line.itemId), line.quantity)),
      });
    }),
    'tallies.correct': vi.fn(async (input) => {
      const found = tallyOf(input.id);
      return ok({
        ...found,
        revision: found.revision + 1,
        changeReason: input.reason.trim(),
        contacts: input.contacts,
        lines: input.lines.map((line) => supplyLine(itemOf(line.itemId), line.quantity)),
      });
    }),
    // Like the core: codes starting with the query (the exact code first); no near matches.
    'participants.search': vi.fn(async (input) => {
      const query = input.query.toUpperCase();
      const found: ParticipantSearchResult[] = participantList
        .filter((person) => person.code.startsWith(query))
        .map((person) => ({
          participantId: person.participantId,
          code: person.code,
          canonicalCode: person.canonicalCode,
          match: person.code === query ? ('exact' as const) : ('prefix' as const),
          distance: person.code.length - query.length,
          lastVisit: person.lastVisit
            ? { occurredAt: person.lastVisit.occurredAt, siteName: person.lastVisit.siteName }
            : null,
        }))
        .sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code));
      return ok(found.slice(0, input.limit ?? 10));
    }),
    'participants.get': vi.fn(async (input) => {
      const found = participantList.find((person) => person.code === input.code?.toUpperCase());
      return found
        ? ok(found)
        : refused({ code: 'participant_not_found', message: 'That participant code does not exist.', field: 'code' });
    }),
    // Like the core: the stock asked for, with every active item a site holds none of when empty ones are asked for.
    'inventory.onHand': vi.fn(async (input) => {
      const asked = siteList.filter((site) => site.active && (input.siteId === undefined || site.id === input.siteId));
      const held = (data.stock ?? []).filter((stock) => asked.some((site) => site.id === stock.siteId));
      const empty: FakeStock[] = input.includeEmpty
        ? asked.flatMap((site) =>
            itemList
              .filter(
                (item) => item.active && !held.some((stock) => stock.siteId === site.id && stock.itemId === item.id),
              )
              .map((item) => ({ siteId: site.id, itemId: item.id, units: 0 })),
          )
        : [];
      return ok(
        [...held, ...empty]
          .filter((stock) => input.itemId === undefined || stock.itemId === input.itemId)
          .filter((stock) => input.category === undefined || itemOf(stock.itemId).category === input.category)
          .map((stock) => {
            const item = itemOf(stock.itemId);
            const lots = stock.lots ?? [];
            const inLots = lots.reduce((total, lot) => total + lot.units, 0);
            const usable = lots
              .filter((lot) => !lot.expired && !lot.onHold)
              .reduce((total, lot) => total + lot.units, 0);
            const status =
              stock.units < 0
                ? ('needs_count' as const)
                : lots.some((lot) => lot.expired)
                  ? ('expired' as const)
                  : lots.some((lot) => lot.onHold)
                    ? ('on_hold' as const)
                    : stock.units === 0
                      ? ('out' as const)
                      : lots.some((lot) => lot.expiresSoon)
                        ? ('expiring' as const)
                        : ('ok' as const);
            return {
              siteId: stock.siteId,
              siteName: siteList.find((site) => site.id === stock.siteId)?.name ?? '',
              itemId: item.id,
              itemName: item.name,
              category: item.category,
              unit: item.unit,
              unitsPerPack: item.unitsPerPack,
              units: stock.units,
              available: Math.max(0, stock.units - inLots + usable),
              incoming: stock.incoming ?? 0,
              status,
              unitsWithoutLot: stock.units - inLots,
              lots,
            };
          }),
      );
    }),
    'inventory.lots': vi.fn(async (input) =>
      ok(
        (data.stock ?? [])
          .filter((stock) => stock.itemId === input.itemId)
          .flatMap((stock) => stock.lots ?? [])
          .map(({ lotId, ...lot }) => ({ id: lotId, itemId: input.itemId, ...lot })),
      ),
    ),
    // A delivery as the core answers it, each line a receipt; on hand is not changed.
    'inventory.receiveDelivery': vi.fn(async (input) => {
      const deliveryId = '0190f5a0-0000-7000-8000-000000001301';
      const siteName = siteList.find((site) => site.id === input.siteId)?.name ?? '';
      const lines = input.lines.map((line, index): Receipt => {
        const item = itemOf(line.itemId);
        const unitsPerPack =
          (data.gtins ?? []).find((gtin) => line.gtin !== undefined && gtin.gtin === line.gtin)?.unitsPerPack ??
          item.unitsPerPack;
        return {
          id: index === 0 ? deliveryId : `0190f5a0-0000-7000-8000-0000000014${String(index).padStart(2, '0')}`,
          siteId: input.siteId,
          siteName,
          itemId: item.id,
          itemName: item.name,
          unit: item.unit,
          lotId: line.lotNumber ? '0190f5a0-0000-7000-8000-000000001302' : null,
          lotNumber: line.lotNumber?.trim().toUpperCase() || null,
          expiresOn: line.expiresOn ?? null,
          source: input.source?.trim() || null,
          packs: line.packs ?? null,
          unitsPerPack,
          units: line.units ?? (line.packs ?? 0) * unitsPerPack,
          receivedAt: input.receivedAt ?? '2026-11-22T12:00:00.000Z',
          localDate: (input.receivedAt ?? '2026-11-22').slice(0, 10),
          note: input.note?.trim() || null,
          receivedBy: session.displayName,
          deliveryId,
          deliveryLine: index + 1,
          reference: input.reference?.trim() || null,
          gtin: line.gtin ?? null,
        };
      });
      const delivery: Delivery = {
        id: deliveryId,
        key: 1,
        siteId: input.siteId,
        siteName,
        source: lines[0]!.source,
        reference: lines[0]!.reference,
        receivedAt: lines[0]!.receivedAt,
        localDate: lines[0]!.localDate,
        note: lines[0]!.note,
        receivedBy: session.displayName,
        units: lines.reduce((total, line) => total + line.units, 0),
        lines,
      };
      return ok(delivery);
    }),
    'inventory.readBarcode': vi.fn(async (input) => {
      const reading = data.barcodes?.[input.barcode];
      return reading
        ? ok(reading)
        : refused({ code: 'barcode_unreadable', message: 'This barcode could not be read.', field: 'barcode' });
    }),
    'items.gtins': vi.fn(async (input) =>
      ok((data.gtins ?? []).filter((gtin) => gtin.itemId === input.itemId && (gtin.active || input.includeInactive))),
    ),
    'items.addGtin': vi.fn(async (input) =>
      ok({
        id: '0190f5a0-0000-7000-8000-000000001501',
        itemId: input.itemId,
        gtin: gtinField.parse(input.gtin),
        unitsPerPack: input.unitsPerPack,
        label: input.label?.trim() || null,
        active: true,
      }),
    ),
    // A transfer as the core answers one: its lines as sent (lots are not split), received at once when asked.
    'inventory.transfer': vi.fn(async (input) => {
      const site = (id: string) => siteList.find((one) => one.id === id)!;
      const sent = transfer(
        {
          fromSiteId: input.fromSiteId,
          fromSiteName: site(input.fromSiteId).name,
          toSiteId: input.toSiteId,
          toSiteName: site(input.toSiteId).name,
          reference: input.reference?.trim() || null,
          note: input.note?.trim() || null,
        },
        input.lines.map((line) => {
          const item = itemOf(line.itemId);
          return { item, units: line.units ?? (line.packs ?? 0) * item.unitsPerPack };
        }),
      );
      if (!input.receiveNow) return ok(sent);
      return ok({
        ...sent,
        status: 'received' as const,
        lines: sent.lines.map((line) => ({ ...line, received: line.sent, inTransit: 0 })),
      });
    }),
    'inventory.transfers': vi.fn(async (input) =>
      ok(
        (data.transfers ?? [])
          .filter((one) => input.status === undefined || one.status === input.status)
          .filter((one) => input.siteId === undefined || [one.fromSiteId, one.toSiteId].includes(input.siteId))
          .slice(0, input.limit ?? 50),
      ),
    ),
    // What arrived and what was written off, taken off each line's units in transit.
    'inventory.receiveTransfer': vi.fn(async (input) => {
      const found = transferOf(input.transferId);
      const lines = found.lines.map((line) => {
        const answer = input.lines
          ? input.lines.find((one) => one.line === line.line)
          : { received: line.inTransit, writtenOff: 0 };
        if (!answer) return line;
        const writtenOff = answer.writtenOff ?? 0;
        return {
          ...line,
          received: line.received + answer.received,
          writtenOff: line.writtenOff + writtenOff,
          inTransit: line.inTransit - answer.received - writtenOff,
        };
      });
      const settled = lines.every((line) => line.inTransit === 0);
      const status = !settled ? 'in_transit' : lines.some((line) => line.received > 0) ? 'received' : 'written_off';
      return ok({ ...found, status, lines });
    }),
    'inventory.cancelTransfer': vi.fn(async (input) =>
      ok({ ...transferOf(input.transferId), status: 'cancelled' as const }),
    ),
    'inventory.writeOffTransfer': vi.fn(async (input) => {
      const found = transferOf(input.transferId);
      return ok({
        ...found,
        status: 'written_off' as const,
        lines: found.lines.map((line) => ({ ...line, writtenOff: line.writtenOff + line.inTransit, inTransit: 0 })),
      });
    }),
    'inventory.adjustments': vi.fn(async (input) =>
      ok((data.adjustments ?? []).filter((one) => input.siteId === undefined || one.siteId === input.siteId)),
    ),
    'adjustmentReasons.list': vi.fn(async (input) =>
      ok([...builtInReasons, ...(data.reasons ?? []).filter((reason) => input.includeInactive || reason.active)]),
    ),
    'adjustmentReasons.create': vi.fn(async (input) =>
      ok(programReason(input.name.trim(), { direction: input.direction })),
    ),
    'adjustmentReasons.update': vi.fn(async ({ id, ...changes }) => {
      const found = (data.reasons ?? []).find((reason) => reason.id === id) ?? programReason('Reason', { id });
      return ok({
        ...found,
        name: changes.name?.trim() ?? found.name,
        direction: changes.direction ?? found.direction,
        active: changes.active ?? found.active,
      });
    }),
    // An adjustment as the core answers one: each line as sent, signed by the reason's way.
    'inventory.adjust': vi.fn(async (input) => {
      const reason =
        [...builtInReasons, ...(data.reasons ?? [])].find((one) => one.id === input.reason) ?? builtInReasons[0]!;
      const lots = (data.stock ?? []).flatMap((stock) => stock.lots ?? []);
      const adjustment: Adjustment = {
        id: '0190f5a0-0000-7000-8000-000000001501',
        siteId: input.siteId,
        siteName: siteList.find((site) => site.id === input.siteId)?.name ?? '',
        reason,
        occurredAt: '2026-11-22T12:00:00.000Z',
        localDate: '2026-11-22',
        note: input.note?.trim() || null,
        by: session.displayName,
        lines: input.lines.map((line, index) => {
          const item = itemOf(line.itemId);
          const removes = (line.direction ?? reason.direction) === 'remove';
          return {
            line: index + 1,
            itemId: item.id,
            itemName: item.name,
            unit: item.unit,
            lotId: line.lotId ?? null,
            lotNumber: lots.find((lot) => lot.lotId === line.lotId)?.lotNumber ?? null,
            units: removes ? -line.units : line.units,
          };
        }),
      };
      return ok(adjustment);
    }),
    'inventory.holdLot': vi.fn(async (input) => {
      const lot = (data.stock ?? []).flatMap((stock) => stock.lots ?? []).find((one) => one.lotId === input.lotId);
      const itemId = (data.stock ?? []).find((stock) => stock.lots?.includes(lot!))?.itemId ?? itemList[0]!.id;
      const { lotId, ...rest } = lot ?? stockLot('LOT', null, 0);
      return ok({ id: lotId, itemId, ...rest, onHold: input.held });
    }),
    'inventory.stockCard': vi.fn(async (input) => {
      const pages = data.stockCardPages ?? [];
      const calls = (faked['inventory.stockCard'] as Mock).mock.calls.length;
      const item = itemOf(input.itemId);
      return ok(
        pages[Math.min(calls, pages.length) - 1] ?? {
          siteName: siteList.find((site) => site.id === input.siteId)?.name ?? '',
          itemName: item.name,
          unit: item.unit,
          unitsPerPack: item.unitsPerPack,
          balance: 0,
          rows: [],
          more: false,
        },
      );
    }),
    // The code builder: builds like the core (answers checked the same way); nobody has the code yet.
    'participants.buildCode': vi.fn(async (input) => {
      const formula = input.formula ?? 'mother_month_year';
      try {
        return ok({ code: buildParticipantCode(formula, input.answers), formula, existing: null });
      } catch (error) {
        if (!(error instanceof OutpostError)) throw error;
        return refused({ code: error.code, message: error.message, issues: error.issues });
      }
    }),
    'participants.create': vi.fn(async (input) =>
      ok({
        participantId: '0190f5a0-0000-7000-8000-000000000502',
        code: input.addSuffix ? `${input.code}B` : input.code,
        formula: input.formula ?? ('mother_month_year' as const),
        suffix: input.addSuffix ? 'B' : null,
      }),
    ),
    'encounters.log': vi.fn(async (input) =>
      ok(
        encounter({
          siteId: input.siteId,
          siteName: siteList.find((site) => site.id === input.siteId)?.name ?? '',
          occurredAt: new Date(input.occurredAt).toISOString(),
          participantCode: input.participantCode ?? null,
          lines: [],
        }),
      ),
    ),
    'tallies.log': vi.fn(async (input) =>
      ok(
        tally({
          siteId: input.siteId,
          siteName: siteList.find((site) => site.id === input.siteId)?.name ?? '',
          occurredAt: new Date(input.occurredAt).toISOString(),
          contacts: input.contacts,
          lines: [],
        }),
      ),
    ),
  };
  // Channels a test does not fake answer like a core that cannot be reached, so a stray call shows up.
  const bridge = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      faked[channel] ?? vi.fn(async () => refused({ code: 'core_unavailable', message: `${channel} is not faked` })),
    ]),
  ) as FakeBridge;
  contractViolations = [];
  window.outpost = withContract(bridge, contractViolations);
  return bridge;
}

/**
 * What the latest installed bridge saw outside the contract: inputs the core would refuse, and
 * answers it would never give. A fresh list per bridge, so a late answer to one test never fails
 * the next.
 */
export let contractViolations: string[] = [];

/** The bridge as the renderer sees it: every call's input and every answer checked against the contract. */
function withContract(fakes: FakeBridge, violations: string[]): OutpostBridge {
  const checked =
    (channel: ChannelName) =>
    async (input: unknown): Promise<Envelope<unknown>> => {
      const spec = contract[channel];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        const error = contractErrorOf(validationError(parsed.error));
        violations.push(
          `${channel} was sent an input the core refuses (${error.code} at ${error.field ?? 'the input'})`,
        );
        return refused(error);
      }
      const answer = await (fakes[channel] as (input: unknown) => Promise<Envelope<unknown>>)(input);
      if (answer.ok) {
        const output = spec.output.safeParse(answer.data);
        if (!output.success) violations.push(`${channel} answered ${output.error.message}`);
      } else if (!isErrorCode(answer.error.code)) {
        violations.push(`${channel} refused with an unknown code: ${answer.error.code}`);
      }
      return answer;
    };
  return Object.fromEntries(channelNames.map((channel) => [channel, checked(channel)])) as OutpostBridge;
}
