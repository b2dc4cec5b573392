/**
 * First-run setup: what a new program answers once (its name, language, time zone, code formula,
 * first sites, the items it starts with from the default catalog, the estimate factors), written
 * in one transaction with the default services and referrals. Until then only the setup channels
 * and the few that show who and where one is answer; every other refuses with setup_required.
 * Sites, items and kits are made through their own channels' operations, each input checked as
 * theirs is, so setup can create nothing the screens could not.
 */
import type { Operations, RecordChange, WriteOperation, WriteScope } from '../access/operations';
import { written } from '../access/operations';
import { defaultItems, defaultKitContents, defaultServiceTypes } from '../catalog/default-catalog';
import { itemOperations } from '../catalog/items';
import { kitOperations } from '../catalog/kits';
import { serviceTypeOperations } from '../catalog/service-types';
import { siteOperations } from '../catalog/sites';
import type { ChannelInput, ChannelName, ChannelOutput, ParsedInput } from '../contract';
import { localDate } from '../contract/calendar';
import { OutpostError } from '../contract/errors';
import type { SetupStatus } from '../contract/system';
import { parseChannelInput } from '../contract/validation';
import type { ReadableDatabase } from '../platform/database';
import type { ProgramSettingsRow } from '../platform/schema';
import { toSettings } from '../settings/settings';

/** What answers before setup: the setup itself, and what the window shows around it. */
const beforeSetup: ReadonlySet<ChannelName> = new Set([
  'system.setupStatus',
  'system.setup',
  'system.about',
  'session.current',
]);

/** Databases known to be set up: once it is, a program never goes back, so it is asked once. */
const known = new WeakSet<ReadableDatabase>();

export function isSetUp(db: ReadableDatabase): boolean {
  if (known.has(db)) return true;
  const done = db.statement(`SELECT 1 FROM program_settings WHERE id = 'program'`).get() !== undefined;
  if (done) known.add(db);
  return done;
}

/** Refuses `channel` on a database not set up yet, unless it is one that answers before setup. */
export function requireSetUp(db: ReadableDatabase, channel: ChannelName): void {
  if (!beforeSetup.has(channel) && !isSetUp(db)) {
    throw new OutpostError('setup_required', { message: `${channel} answers once the program is set up.` });
  }
}

const kitContentsByName = new Map(defaultKitContents.map((kit) => [kit.kit, kit.components]));

function setupStatus({ db }: { db: ReadableDatabase }): SetupStatus {
  return {
    needed: !isSetUp(db),
    catalog: defaultItems.map((item) => ({
      name: item.name,
      category: item.category,
      isCommon: item.isCommon ?? false,
      isKit: item.isKit ?? false,
      components: (kitContentsByName.get(item.name) ?? []).map((component) => component.item),
    })),
  };
}

/** The channels whose operations setup runs, each on its own input. */
const madeThrough = {
  'sites.create': siteOperations['sites.create'],
  'items.create': itemOperations['items.create'],
  'items.setKitContents': kitOperations['items.setKitContents'],
  'serviceTypes.create': serviceTypeOperations['serviceTypes.create'],
};

/** A refusal of one of setup's parts, named by where it is in setup's input ("sites.1.name"). */
function within(error: unknown, field: string): unknown {
  if (!(error instanceof OutpostError)) return error;
  return new OutpostError(error.code, {
    message: error.message,
    field: error.field === undefined ? field : `${field}.${error.field}`,
  });
}

/** Runs another channel's operation inside setup's write: its input checked as that channel checks it. */
function through<C extends keyof typeof madeThrough>(
  scope: WriteScope,
  channel: C,
  input: ChannelInput<C>,
  field: string,
  changes: RecordChange[],
): ChannelOutput<C> {
  try {
    const operation = madeThrough[channel] as unknown as WriteOperation<C>;
    const { value, changes: made } = operation(scope, parseChannelInput(channel, input));
    changes.push(...made);
    return value;
  } catch (error) {
    throw within(error, field);
  }
}

/** The chosen items in the default catalog's order, with every chosen kit's contents added. */
function itemsToCreate(chosen: readonly string[]) {
  const known = new Set(defaultItems.map((item) => item.name));
  chosen.forEach((name, index) => {
    if (!known.has(name)) throw new OutpostError('setup_item_unknown', { field: `items.${index}` });
  });
  const wanted = new Set(chosen);
  for (const name of chosen) for (const component of kitContentsByName.get(name) ?? []) wanted.add(component.item);
  return defaultItems.filter((item) => wanted.has(item.name));
}

function setUp(scope: WriteScope, input: ParsedInput<'system.setup'>) {
  const { db, writer } = scope;
  if (isSetUp(db)) throw new OutpostError('setup_already_done');
  const settings: ProgramSettingsRow = {
    id: 'program',
    program_name: input.programName,
    time_zone: input.timeZone,
    participant_code_formula: input.participantCodeFormula,
    syringes_per_container: input.syringesPerContainer,
    syringes_per_pound: input.syringesPerPound,
    expiry_warning_days: 60,
    small_cell_threshold: 11,
    // Stock is tracked from the day the program starts using Outpost; older history moves none.
    stock_start_date: localDate(db.now(), input.timeZone),
    default_language: input.language,
    updated_by: writer.staffId,
    updated_at: db.nowIso(),
  };
  db.insert('program_settings', settings);
  const changes: RecordChange[] = [{ entity: 'program_settings', id: 'program', after: toSettings(settings) }];

  input.sites.forEach((site, index) => through(scope, 'sites.create', site, `sites.${index}`, changes));
  const items = itemsToCreate(input.items);
  const idByName = new Map(
    items.map((item, index) => [item.name, through(scope, 'items.create', item, `items.${index}`, changes).id]),
  );
  for (const kit of defaultKitContents) {
    const kitId = idByName.get(kit.kit);
    if (kitId === undefined) continue;
    const components = kit.components.map((component) => ({
      itemId: idByName.get(component.item)!,
      units: component.units,
    }));
    through(scope, 'items.setKitContents', { itemId: kitId, components }, 'items', changes);
  }
  defaultServiceTypes.forEach((service, index) =>
    through(scope, 'serviceTypes.create', { ...service, sortOrder: index }, 'serviceTypes', changes),
  );
  return written(toSettings(settings), ...changes);
}

export const setupOperations: Operations<'system.setupStatus' | 'system.setup'> = {
  'system.setupStatus': setupStatus,
  'system.setup': setUp,
};
